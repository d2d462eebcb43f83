<?php

// checkMacValue reads the array's keys and values in place: a key is borrowed from the array (not
// copied), and a string's UTF-8 check is done once and remembered in PHP's own IS_STR_VALID_UTF8
// flag (ext-php-rs's ZendStr::as_str). Held equal here to a plain-PHP CheckMacValue, however the
// strings came to be: fresh, read a second time (flag set), literal (interned: no flag), changed
// in place after a first read, behind a reference; over the shared vectors and random field sets.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

// The plain-PHP rule as merchants write it (the benchmark's baseline): the independent computation.
require_once __DIR__ . '/../bench/plain.php';

final class CheckMacValueReadingTest extends TestCase
{
    /** A copy of `$fields` whose keys and values are strings made at run time (not interned, no flag yet). */
    private static function fresh(array $fields): array
    {
        $copy = [];
        foreach ($fields as $name => $value) {
            $copy[substr("$name.", 0, -1)] = is_string($value) ? substr("$value.", 0, -1) : $value;
        }
        return $copy;
    }

    private static function vectors(): array
    {
        return json_decode((string) file_get_contents(omg_repo_root() . '/tests/vectors/checkmacvalue.json'), true, 512, JSON_THROW_ON_ERROR)['vectors'];
    }

    public static function signed(): iterable
    {
        foreach (self::vectors() as $v) {
            yield $v['name'] => [$v];
        }
    }

    /** @dataProvider signed */
    public function testEveryVectorSignsTheSameReadFreshAgainAndByReference(array $v): void
    {
        [$key, $iv, $method] = [$v['hash_key'], $v['hash_iv'], $v['method']];
        $fields = self::fresh($v['params']);
        // First read (the UTF-8 check runs and sets the flag), second read (the flag is trusted).
        $this->assertSame($v['expected'], omg\checkMacValue($fields, $key, $iv, $method));
        $this->assertSame($v['expected'], omg\checkMacValue($fields, $key, $iv, $method));
        // Values behind references.
        $refs = [];
        foreach ($fields as $name => $value) {
            $refs[$name] = &$fields[$name];
        }
        $this->assertSame($v['expected'], omg\checkMacValue($refs, $key, $iv, $method));
        if ($method === 'sha256') {
            $this->assertSame(plain_check_mac_value($v['params'], $key, $iv), omg\checkMacValue($fields, $key, $iv));
        }
    }

    public function testLiteralKeysSignAsFreshOnes(): void
    {
        // Keys written in the source are interned strings, which carry no flag: checked every time.
        $literal = ['MerchantID' => '3002607', 'TradeDesc' => '線上商店 Online shop', 'ItemName' => "Tom's mug ~ (1)"];
        $expected = plain_check_mac_value($literal, 'k', 'i');
        $this->assertSame($expected, omg\checkMacValue($literal, 'k', 'i'));
        $this->assertSame($expected, omg\checkMacValue(self::fresh($literal), 'k', 'i'));
        $this->assertSame($expected, omg\checkMacValue($literal, 'k', 'i'));
    }

    public function testAStringChangedInPlaceAfterAReadIsCheckedAgain(): void
    {
        $fields = self::fresh(['MerchantID' => '3002607', 'ItemName' => 'abc']);
        omg\checkMacValue($fields, 'k', 'i'); // ItemName's string is now flagged valid UTF-8
        $fields['ItemName'][1] = "\xff"; // the same string, changed in place (its only reference)
        try {
            omg\checkMacValue($fields, 'k', 'i');
            $this->fail('a value that is not UTF-8 was signed');
        } catch (omg\ValidationException $e) {
            $this->assertStringContainsString('ItemName', $e->getMessage());
        }
    }

    public function testRandomFieldSetsSignAsThePlainRule(): void
    {
        // Reproducible: a fixed seed. Values mix ASCII, CJK, the .NET-encoded punctuation and
        // integers; keys are distinct ignoring case (the rule refuses two that are not).
        mt_srand(26);
        $alphabet = ['a', 'Z', '0', '9', ' ', "'", '~', '(', ')', '*', '!', '-', '_', '.', '%', '&', '=', '+', '/', '線', '上', '商', 'é', '😀', '"', '<', '\\'];
        for ($case = 0; $case < 300; $case++) {
            $fields = [];
            $count = mt_rand(1, 30);
            for ($i = 0; $i < $count; $i++) {
                $name = chr(mt_rand(0, 1) ? mt_rand(65, 90) : mt_rand(97, 122)) . "f{$i}_" . mt_rand(0, 99);
                if (mt_rand(0, 4) === 0) {
                    $fields[$name] = mt_rand(0, 1_000_000);
                    continue;
                }
                $value = '';
                for ($n = mt_rand(0, 24); $n > 0; $n--) {
                    $value .= $alphabet[mt_rand(0, count($alphabet) - 1)];
                }
                $fields[$name] = $value;
            }
            $expected = plain_check_mac_value($fields, 'HashKey1', 'HashIV1');
            $this->assertSame($expected, omg\checkMacValue($fields, 'HashKey1', 'HashIV1'), json_encode($fields, JSON_UNESCAPED_UNICODE));
            $this->assertSame($expected, omg\checkMacValue($fields, 'HashKey1', 'HashIV1'), 'second read');
        }
    }
}
