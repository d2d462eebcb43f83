<?php

// The cross-language scenarios (tests/scenarios/*.json, format in its README), through the
// extension's public API: client settings by `new Client($options)`, notifications by
// Client::verifyNotification, replies served over loopback HTTP (`php -S`) to a real Client call.
// Names are snake_case there; PHP code writes them in camelCase, so this runner re-cases them
// (and a settings error's field) by PHP's rule.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpServer;
use PHPUnit\Framework\TestCase;

use const Omg\Payment\Tests\SIM_CREDIT_CHECK_CODE;
use const Omg\Payment\Tests\STAGE_ID;
use const Omg\Payment\Tests\STAGE_IV;
use const Omg\Payment\Tests\STAGE_KEY;

final class ScenariosTest extends TestCase
{
    private const ERROR_CLASSES = [
        'validation' => omg\ValidationException::class,
        'signature' => omg\SignatureException::class,
        'gateway' => omg\GatewayException::class,
        'transport' => omg\TransportException::class,
        'decode' => omg\DecodeException::class,
    ];

    /** The stand-in gateway of the parse_reply cases, and the file it answers with. */
    private static ?PhpServer $gateway = null;
    private static string $replyFile = '';

    public static function tearDownAfterClass(): void
    {
        self::$gateway?->stop();
        self::$gateway = null;
        if (self::$replyFile !== '') {
            @unlink(self::$replyFile);
            @unlink(self::$replyFile . '.request');
            self::$replyFile = '';
        }
    }

    private static function camel(string $snake): string
    {
        return lcfirst(str_replace(' ', '', ucwords(str_replace('_', ' ', $snake))));
    }

    /** Every case of every scenario file whose op is $op, named "file: case". */
    private static function cases(string $op): iterable
    {
        $files = glob(omg_repo_root() . '/tests/scenarios/*.json');
        sort($files);
        $found = 0;
        foreach ($files as $path) {
            $file = json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
            foreach ($file['cases'] as $case) {
                if ($case['op'] === $op) {
                    $found++;
                    yield basename($path) . ': ' . $case['name'] => [$case];
                }
            }
        }
        if ($found === 0) {
            throw new RuntimeException("no $op scenarios");
        }
    }

    /** The client options of a case's `keys`, the public stage merchant by default. */
    private static function keys(array $input): array
    {
        $given = $input['keys'] ?? [];
        return [
            'merchantId' => $given['merchant_id'] ?? STAGE_ID,
            'hashKey' => $given['hash_key'] ?? STAGE_KEY,
            'hashIv' => $given['hash_iv'] ?? STAGE_IV,
            'creditCheckCode' => $given['credit_check_code'] ?? SIM_CREDIT_CHECK_CODE,
        ];
    }

    private function checkError(string $name, array $want, omg\OmgException $error): void
    {
        $what = "$name: " . get_class($error) . ' ' . $error->getMessage();
        if ($want['kind'] === 'not_found') {
            $this->assertInstanceOf(omg\GatewayException::class, $error, $what);
            $this->assertSame(10200047, $error->getRtnCode(), $what);
            // The predicate every language has (issue 24): the same answer as core's is_not_found().
            $this->assertSame([true, false, false], [$error->isNotFound(), $error->isDuplicate(), $error->isAlreadyStopped()], $what);
        } else {
            $this->assertInstanceOf(self::ERROR_CLASSES[$want['kind']], $error, $what);
        }
        // A notification's error names the wire field (MerchantID) or the argument (endpoint)
        // as they are: no re-casing here.
        if (isset($want['field'])) {
            $this->assertSame($want['field'], $error->getErrors()[0]['field'], $what);
        }
        if (isset($want['rule'])) {
            $this->assertSame($want['rule'], $error->getErrors()[0]['rule'], $what);
        }
        if (isset($want['rtn_code'])) {
            $this->assertSame($want['rtn_code'], $error->getRtnCode(), $what);
        }
    }

    /** A scenario value against PHP's: numbers as numbers, text as text, null as absent. */
    private function assertScenarioValue(mixed $want, mixed $got, string $what): void
    {
        if (is_float($want) || is_float($got)) {
            $this->assertEqualsWithDelta($want, $got, 1e-9, $what);
        } else {
            $this->assertSame($want, $got, $what);
        }
    }

    public static function notifications(): iterable
    {
        return self::cases('verify_notification');
    }

    /** @dataProvider notifications */
    public function testVerifyNotification(array $case): void
    {
        $name = $case['name'];
        $client = new omg\Client(self::keys($case['input']));
        $expect = $case['expect'];
        try {
            $n = $client->verifyNotification($case['input']['body'], $case['input']['endpoint'] ?? null);
        } catch (omg\OmgException $error) {
            $this->assertArrayHasKey('error', $expect, "$name: " . $error->getMessage());
            $this->checkError($name, $expect['error'], $error);
            return;
        }
        $this->assertArrayNotHasKey('error', $expect, "$name: expected an error, got " . get_class($n));
        foreach (['kind', 'is_paid', 'is_simulated', 'dedupe_key'] as $property) {
            if (array_key_exists($property, $expect)) {
                $this->assertScenarioValue($expect[$property], $n->{self::camel($property)}, "$name: $property");
            }
        }
        foreach ($expect['accessors'] ?? [] as $accessor => $value) {
            $this->assertScenarioValue($value, $n->{self::camel($accessor)}, "$name: $accessor");
        }
    }

    public static function replies(): iterable
    {
        return self::cases('parse_reply');
    }

    /** The real Client call that reaches the parser of $api. */
    private static function call(omg\Client $client, string $api, array $args): mixed
    {
        return match ($api) {
            'query_trade_info' => $client->queryTrade($args['merchant_trade_no']),
            'query_period_info' => $client->queryPeriod($args['merchant_trade_no']),
            'period_action' => $client->cancelPeriod($args['merchant_trade_no']),
            'do_action' => $client->capture($args['merchant_trade_no'], $args['trade_no'], $args['amount']),
            'query_credit_detail' => $client->queryCreditDetail($args['credit_refund_id'], $args['credit_amount']),
        };
    }

    /** @dataProvider replies */
    public function testParseReply(array $case): void
    {
        if (self::$gateway === null) {
            self::$replyFile = (string) tempnam(sys_get_temp_dir(), 'omg-reply-');
            self::$gateway = new PhpServer(__DIR__ . '/fixtures/reply.php', ['REPLY_FILE' => self::$replyFile]);
        }
        file_put_contents(self::$replyFile, $case['input']['body']);
        $name = $case['name'];
        $client = new omg\Client(self::keys($case['input']) + ['baseUrl' => self::$gateway->baseUrl, 'retries' => 0]);
        $expect = $case['expect'];
        try {
            $result = self::call($client, $case['input']['api'], $case['input']['args'] ?? []);
        } catch (omg\OmgException $error) {
            $this->assertArrayHasKey('error', $expect, "$name: " . $error->getMessage());
            $this->checkError($name, $expect['error'], $error);
            return;
        }
        $this->assertArrayNotHasKey('error', $expect, "$name: expected an error, got " . get_class($result));
        foreach ($expect['result'] as $property => $value) {
            $this->assertScenarioValue($value, $result->{self::camel($property)}, "$name: $property");
        }
    }

    public static function settings(): iterable
    {
        return self::cases('settings');
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
