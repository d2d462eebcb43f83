<?php

// The shared CheckMacValue vectors (tests/vectors/checkmacvalue.json, produced by the real
// gateways' documentation and captures), run through the extension.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class VectorsTest extends TestCase
{
    private static function vectors(): array
    {
        return json_decode((string) file_get_contents(omg_repo_root() . '/tests/vectors/checkmacvalue.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    public static function signed(): iterable
    {
        foreach (self::vectors()['vectors'] as $v) {
            yield $v['name'] => [$v];
        }
    }

    /** @dataProvider signed */
    public function testEveryVectorSignsAsTheGatewayDid(array $v): void
    {
        $this->assertSame($v['expected'], omg\checkMacValue($v['params'], $v['hash_key'], $v['hash_iv'], $v['method']));
        // The order of the fields does not matter: the rule sorts them.
        $reversed = array_reverse($v['params'], true);
        $this->assertSame($v['expected'], omg\checkMacValue($reversed, $v['hash_key'], $v['hash_iv'], $v['method']));
    }

    public static function encodings(): iterable
    {
        foreach (self::vectors()['encoding'] as $i => $e) {
            yield "#$i " . $e['input'] => [$e['input'], $e['expected']];
        }
    }

    /** @dataProvider encodings */
    public function testTheEncodingStepMatchesDotNet(string $input, string $expected): void
    {
        $encoded = omg\explain(['A' => $input], 'k', 'i')['encoded'];
        $this->assertSame("hashkey%3d****%26a%3d$expected%26hashiv%3d****", $encoded);
    }

    public function testExplainShowsTheStepsWithTheKeysMasked(): void
    {
        $x = self::vectors()['explain'];
        $v = array_values(array_filter(self::vectors()['vectors'], fn ($v) => $v['name'] === $x['vector']))[0];
        $e = omg\explain($v['params'], $v['hash_key'], $v['hash_iv']);
        $mask = fn (string $s) => str_replace([$v['hash_key'], $v['hash_iv'], strtolower($v['hash_key']), strtolower($v['hash_iv'])], '****', $s);
        $this->assertSame($mask($x['sorted_preimage']), $e['sortedPreimage']);
        $this->assertSame($mask($x['encoded_lowercase']), $e['encoded']);
        $this->assertSame($x['expected'], $e['checkMacValue']);
        $this->assertSame('sha256', $e['method']);
        $this->assertStringNotContainsString($v['hash_key'], implode(' ', $e));
    }
}
