<?php

// The caps every entry point applies to what PHP hands over (issue 21 items 5, 7, 8):
// - fields given as an array (verifyNotification, signTestNotification both ways, checkMacValue,
//   explain, an order's extra) hold the raw body's limits: 1,025 fields, or fields that written
//   k=v&k=v are 65,537 bytes, are a DecodeException, the raw body's error; 1,024 fields and
//   65,536 bytes are not refused for their size;
// - signing with an empty HashKey or HashIV is a ValidationException naming the field;
// - a barcode segment longer than a CVS barcode can be is a ValidationException, not an SVG of
//   hundreds of MB.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

use const Omg\Payment\Tests\STAGE_IV;
use const Omg\Payment\Tests\STAGE_KEY;

final class InputCapsTest extends TestCase
{
    /** Every PHP entry point that takes fields as an array, each calling with $fields. */
    private static function entryPoints(): array
    {
        $client = omg\Client::stage();
        return [
            'verifyNotification' => fn (array $f) => $client->verifyNotification($f),
            'Client::signTestNotification' => fn (array $f) => $client->signTestNotification('payment_result', $f),
            'signTestNotification' => fn (array $f) => omg\signTestNotification($f, STAGE_KEY, STAGE_IV, 'payment_result'),
            'checkMacValue' => fn (array $f) => omg\checkMacValue($f, STAGE_KEY, STAGE_IV),
            'explain' => fn (array $f) => omg\explain($f, STAGE_KEY, STAGE_IV),
            "checkout's extra" => fn (array $f) => $client->checkout(['merchantTradeNo' => 'C1', 'totalAmount' => 100, 'tradeDesc' => 'd',
                'itemName' => 'i', 'returnUrl' => 'https://shop.example/r', 'choosePayment' => 'Credit', 'extra' => $f]),
        ];
    }

    /** $n fields F0000=... whose k=v&k=v form is exactly $bytes long. */
    private static function fields(int $n, int $bytes): array
    {
        $fields = [];
        for ($i = 0; $i < $n; $i++) {
            $fields[sprintf('F%04d', $i)] = '';
        }
        $used = $n * 6 + ($n - 1); // "F0000=" each, "&" between
        $fields['F0000'] = str_repeat('x', $bytes - $used);
        return $fields;
    }

    /** The class and message of what $call threw, or ['', ''] when it returned. */
    private static function thrown(callable $call): array
    {
        try {
            $call();
            return ['', ''];
        } catch (\Throwable $e) {
            return [get_class($e), $e->getMessage()];
        }
    }

    public function testOneFieldOrOneByteOverTheBodysCapsIsTheBodysDecodeError(): void
    {
        foreach (self::entryPoints() as $name => $call) {
            foreach (['1,025 fields' => self::fields(1025, 20000), '65,537 bytes' => self::fields(10, 65537)] as $case => $fields) {
                [$class, $message] = self::thrown(fn () => $call($fields));
                $this->assertSame(omg\DecodeException::class, $class, "$name, $case: $message");
                $this->assertMatchesRegularExpression('/1024 fields|65536 bytes/', $message, "$name, $case");
            }
        }
    }

    public function testAtTheCapsFieldsAreNotRefusedForTheirSize(): void
    {
        foreach (self::entryPoints() as $name => $call) {
            // The test-notification signers and checkout add fields of their own (a template's,
            // an order's) to these: 1,024 fields or 65,536 bytes make a larger message, which
            // signing refuses, rightly. 1,000 fields and 60,000 bytes are not refused.
            $adds = str_contains($name, 'signTestNotification') || str_contains($name, 'checkout');
            [$most, $bytes] = $adds ? [1000, 60000] : [1024, 65536];
            foreach (["$most fields" => self::fields($most, 20000), "$bytes bytes" => self::fields(10, $bytes)] as $case => $fields) {
                [$class, $message] = self::thrown(fn () => $call($fields));
                // A notification without a CheckMacValue is refused for that, later: fine.
                $this->assertNotSame(omg\DecodeException::class, $class, "$name, $case: $message");
            }
        }
    }

    public function testAMillionFieldsAreRefusedBeforeAnyIsRead(): void
    {
        $fields = array_fill_keys(array_map(fn ($i) => "F$i", range(1, 1_000_000)), 'x');
        foreach (self::entryPoints() as $name => $call) {
            [$class] = self::thrown(fn () => $call($fields));
            $this->assertSame(omg\DecodeException::class, $class, $name);
        }
    }

    public function testSigningWithAnEmptyKeyOrIvIsAValidationErrorNamingIt(): void
    {
        foreach ([['', STAGE_IV, ['HashKey']], [STAGE_KEY, '', ['HashIV']], ['', '', ['HashKey', 'HashIV']]] as [$key, $iv, $named]) {
            $calls = [
                'checkMacValue' => fn () => omg\checkMacValue(['MerchantID' => '1000031'], $key, $iv),
                'checkMacValue md5' => fn () => omg\checkMacValue(['MerchantID' => '1000031'], $key, $iv, 'md5'),
                'explain' => fn () => omg\explain(['MerchantID' => '1000031'], $key, $iv),
                'signTestNotification' => fn () => omg\signTestNotification(['MerchantTradeNo' => 'A1'], $key, $iv),
            ];
            foreach ($calls as $name => $call) {
                try {
                    $call();
                    $this->fail("$name signed with an empty key");
                } catch (omg\ValidationException $e) {
                    $this->assertSame($named, $e->getFields(), $name);
                    $this->assertSame(['required'], array_values(array_unique(array_column($e->getErrors(), 'rule'))), $name);
                }
            }
        }
    }

    public function testABarcodeSegmentLongerThanACvsBarcodeIsAValidationError(): void
    {
        $this->assertStringStartsWith('<svg', omg\barcodeSvg(['0512016A1', '1234567890123456', '0512160000011200']));
        $cases = [
            'a 1 MB segment' => [str_repeat('A', 1 << 20), 'max_length'],
            'a 65-character segment' => [str_repeat('1', 65), 'max_length'],
            'four segments' => [['A1', 'A2', 'A3', 'A4'], 'range'],
        ];
        foreach ($cases as $case => [$segment, $rule]) {
            try {
                omg\barcodeSvg($segment);
                $this->fail("$case drawn");
            } catch (omg\ValidationException $e) {
                $this->assertSame($rule, $e->getErrors()[0]['rule'], $case);
                $this->assertStringStartsWith('Barcode', $e->getErrors()[0]['field'], $case);
            }
        }
    }
}
