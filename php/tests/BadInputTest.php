<?php

// Bad input never crashes PHP: wrong types are \TypeErrors naming the argument, text that is not
// UTF-8 or too large is an OmgException naming the field, and random bodies are refused.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class BadInputTest extends TestCase
{
    /** @return array{0: string, 1: string} the class and message of what $f threw */
    private static function thrown(callable $f): array
    {
        try {
            $f();
        } catch (\Throwable $e) {
            return [get_class($e), $e->getMessage()];
        }
        return ['', 'nothing thrown'];
    }

    public static function wrongTypes(): iterable
    {
        $client = fn () => omg\Client::stage();
        yield 'fields not an array' => [fn () => omg\checkMacValue('A=1', 'k', 'i'), 'fields'];
        yield 'key not a string' => [fn () => omg\checkMacValue(['A' => '1'], ['k'], 'i'), 'hashKey'];
        yield 'iv an int' => [fn () => omg\checkMacValue(['A' => '1'], 'k', 5), 'hashIv'];
        yield 'array value in fields' => [fn () => omg\checkMacValue(['A' => ['x']], 'k', 'i'), "['A']"];
        yield 'float value in fields' => [fn () => omg\checkMacValue(['A' => 1.5], 'k', 'i'), "['A']"];
        yield 'object value in fields' => [fn () => omg\checkMacValue(['A' => new \stdClass()], 'k', 'i'), "['A']"];
        yield 'body an int' => [fn () => $client()->verifyNotification(42), '$body'];
        yield 'body an object' => [fn () => $client()->verifyNotification(new \stdClass()), '$body'];
        yield 'array in parsed fields' => [fn () => $client()->verifyNotification(['RtnCode' => ['1']]), "['RtnCode']"];
        yield 'order not an array' => [fn () => $client()->checkout('order'), 'order'];
        yield 'amount a float' => [fn () => $client()->checkout(['totalAmount' => 12.5]), "['totalAmount']"];
        yield 'nested array in order' => [fn () => $client()->checkout(['itemName' => [['a']]]), "['itemName']"];
        yield 'extra not an array' => [fn () => $client()->checkout(['extra' => 'x']), "['extra']"];
        yield 'option an array' => [fn () => new omg\Client(['baseUrl' => ['http://x']]), "['baseUrl']"];
        yield 'option a bool' => [fn () => new omg\Client(['retries' => true]), "['retries']"];
        yield 'refund amount a decimal string' => [fn () => $client()->refund('A1', 'T1', '100.5'), 'amount'];
        yield 'query an array' => [fn () => $client()->queryTrade(['A1']), 'merchantTradeNo'];
        yield 'code a string' => [fn () => omg\describeCode('x'), 'code'];
        yield 'barcode an int' => [fn () => omg\barcodeSvg(5), 'segment'];
        yield 'handler not callable' => [fn () => $client()->handleNotification('no_such_function_x'), 'handler'];
    }

    /** @dataProvider wrongTypes */
    public function testWrongTypesAreTypeErrorsNamingTheArgument(callable $call, string $named): void
    {
        [$class, $message] = self::thrown($call);
        $this->assertSame(\TypeError::class, $class, $message);
        $this->assertStringContainsString($named, $message);
    }

    public function testInvalidUtf8IsAValidationErrorNamingTheField(): void
    {
        [$class, $message] = self::thrown(fn () => omg\checkMacValue(['ItemName' => "caf\xe9"], 'k', 'i'));
        $this->assertSame(omg\ValidationException::class, $class);
        $this->assertStringContainsString('ItemName', $message);
        [$class] = self::thrown(fn () => omg\Client::stage()->checkout(['tradeDesc' => "\xff\xfe"]));
        $this->assertSame(omg\ValidationException::class, $class);
        // A raw body with non-UTF-8 escapes or bytes: a DecodeException or SignatureException, never accepted.
        foreach (["MerchantID=1000031&ItemName=%FF%FE&CheckMacValue=AA", "MerchantID=1000031&Item\xffName=x&CheckMacValue=AA"] as $body) {
            [$class] = self::thrown(fn () => omg\Client::stage()->verifyNotification($body));
            $this->assertContains($class, [omg\DecodeException::class, omg\SignatureException::class], $body);
        }
    }

    public function testHugeInputsAreRefusedNotCrashing(): void
    {
        $huge = str_repeat('A', 8 * 1024 * 1024);
        [$class, $message] = self::thrown(fn () => omg\Client::stage()->verifyNotification("A=$huge"));
        $this->assertSame(omg\DecodeException::class, $class, $message);
        [$class] = self::thrown(fn () => omg\Client::stage()->checkout(['merchantTradeNo' => $huge, 'itemName' => $huge]));
        $this->assertSame(omg\ValidationException::class, $class);
        // Fields to sign are held to a notification body's caps (64 KiB written k=v&k=v), as
        // every fields entry point is (InputCapsTest).
        [$class] = self::thrown(fn () => omg\checkMacValue(['A' => $huge], 'k', 'i'));
        $this->assertSame(omg\DecodeException::class, $class);
    }

    public function testNulAndOddBytes(): void
    {
        [$class] = self::thrown(fn () => omg\Client::stage()->verifyNotification("A=\0&CheckMacValue=00"));
        $this->assertContains($class, [omg\DecodeException::class, omg\SignatureException::class]);
        [$class] = self::thrown(fn () => omg\Client::stage()->verifyNotification(''));
        $this->assertTrue(is_subclass_of($class, omg\OmgException::class), $class);
    }

    public function testRandomBodiesAreRefusedWithAnOmgException(): void
    {
        mt_srand(12345);
        $client = omg\Client::stage();
        $alphabet = "=&%+ABCxyz019\xff\xc3\xa9CheckMacValue";
        for ($i = 0; $i < 2000; $i++) {
            $body = '';
            for ($j = mt_rand(0, 80); $j > 0; $j--) {
                $body .= $alphabet[mt_rand(0, strlen($alphabet) - 1)];
            }
            try {
                $client->verifyNotification($body);
                $this->fail("accepted: $body");
            } catch (omg\OmgException $e) {
                $this->assertNotSame('', $e->getMessage());
            }
        }
    }
}
