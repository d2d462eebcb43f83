<?php
// The cross-language scenarios (tests/scenarios/*.json): the same named values give the same
// client settings, or the same error, in every language. Names are snake_case there; PHP code
// writes them in camelCase, so this runner re-cases them (and the error's field) by PHP's rule.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class ScenariosTest extends TestCase
{
    private static function camel(string $snake): string
    {
        return lcfirst(str_replace(' ', '', ucwords(str_replace('_', ' ', $snake))));
    }

    public static function settings(): iterable
    {
        $file = json_decode((string) file_get_contents(omg_repo_root() . '/tests/scenarios/settings.json'), true, 512, JSON_THROW_ON_ERROR);
        foreach ($file['cases'] as $case) {
            yield $case['name'] => [$case];
        }
    }

    /** @dataProvider settings */
    public function testSettings(array $case): void
    {
        $options = [];
        foreach ($case['input'] as $name => $value) {
            // A scenario may spell a name in another casing on purpose: keep those as given.
            $options[str_contains($name, '_') && strtolower($name) === $name ? self::camel($name) : $name] = $value;
        }
        $expect = $case['expect'];
        if (isset($expect['error'])) {
            try {
                new omg\Client($options);
                $this->fail('no error');
            } catch (omg\ValidationException $e) {
                $this->assertSame('validation', $expect['error']['kind']);
                $wanted = [self::camel($expect['error']['field']), $expect['error']['rule']];
                $got = array_map(fn ($x) => [$x['field'], $x['rule']], $e->getErrors());
                $this->assertContains($wanted, $got, json_encode($got));
            }
            return;
        }
        $settings = (new omg\Client($options))->settings();
        $this->assertInstanceOf(omg\ClientSettings::class, $settings);
        foreach ($expect as $name => $value) {
            $actual = $settings->{self::camel($name)};
            if (is_float($value) || is_float($actual)) {
                $this->assertEqualsWithDelta($value, $actual, 1e-9, $name);
            } else {
                $this->assertSame($value, $actual, $name);
            }
        }
    }
}
