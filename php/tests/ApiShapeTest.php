<?php

// The surface PHP code sees: the extension, its namespace, classes, exception hierarchy,
// constants and functions, and the properties of every described type.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class ApiShapeTest extends TestCase
{
    public function testTheExtensionIsLoadedUnderItsName(): void
    {
        $this->assertTrue(extension_loaded('omg_payment'));
        $this->assertContains('omg_payment', get_loaded_extensions());
    }

    public function testConstants(): void
    {
        $this->assertSame('1|OK', omg\ACK);
        $this->assertSame(65536, omg\MAX_NOTIFICATION_BYTES);
        $this->assertSame('0|no such order', omg\nack('no such order'));
        $this->assertSame('0|a b', omg\nack("a\nb"));
    }

    public function testEveryExceptionExtendsOmgExceptionAndException(): void
    {
        $this->assertTrue(is_subclass_of(omg\OmgException::class, \Exception::class));
        foreach (['ValidationException', 'SignatureException', 'GatewayException', 'TransportException', 'DecodeException'] as $name) {
            $this->assertTrue(is_subclass_of("Omg\\Payment\\$name", omg\OmgException::class), $name);
        }
    }

    public function testExceptionsPointAtTheCallingCode(): void
    {
        try {
            $line = __LINE__ + 1;
            omg\Client::stage()->verifyNotification('A=1');
            $this->fail('no exception');
        } catch (omg\SignatureException $e) {
            $this->assertSame(__FILE__, $e->getFile());
            $this->assertSame($line, $e->getLine());
            $this->assertSame('verifyNotification', $e->getTrace()[0]['function']);
            $this->assertStringContainsString(__FUNCTION__, $e->getTraceAsString());
        }
    }

    public function testEveryNotificationClassImplementsNotification(): void
    {
        foreach (['PaymentResult', 'PaymentCodeIssued', 'PeriodCharge'] as $name) {
            $this->assertContains(omg\Notification::class, class_implements("Omg\\Payment\\$name"), $name);
        }
    }

    public function testEveryDescribedTypeHasAClassWithItsFieldsAsCamelCaseProperties(): void
    {
        $types = omg\describeTypes();
        $names = array_column($types, 'name');
        $described = [
            'TradeInfo', 'PeriodInfo', 'ExecLogEntry', 'PeriodActionResult', 'DoActionResult', 'CreditDetail', 'CloseEntry',
            'PaymentResult', 'PaymentCodeIssued', 'PeriodCharge', 'Checkout', 'ClientSettings'
        ];
        foreach ($described as $name) {
            $this->assertContains($name, $names);
            $this->assertTrue(class_exists("Omg\\Payment\\$name"), $name);
        }
        foreach ($types as $type) {
            foreach ($type['fields'] as $field) {
                $this->assertMatchesRegularExpression('/^[a-z][A-Za-z0-9]*$/', $field['name'], "{$type['name']}::{$field['name']}");
            }
        }
    }

    public function testClientShape(): void
    {
        $client = omg\Client::stage();
        $this->assertSame('1000031', $client->merchantId);
        $this->assertSame('https://payment-stage.funpoint.com.tw', $client->baseUrl);
        $this->assertFalse($client->isProduction);
        $this->assertNull($client->platformId);
        $methods = [
            'checkout', 'verifyNotification', 'signTestNotification', 'handleNotification', 'queryTrade', 'queryPeriod',
            'cancelPeriod', 'capture', 'refund', 'cancelCapture', 'abandon', 'queryCreditDetail', 'settings'
        ];
        foreach ($methods as $method) {
            $this->assertTrue(method_exists($client, $method), $method);
        }
        $this->assertTrue((new ReflectionMethod(omg\Client::class, 'stage'))->isStatic());
        $this->assertTrue((new ReflectionMethod(omg\Client::class, 'fromEnv'))->isStatic());
    }

    public function testTheClientNeverShowsItsKeys(): void
    {
        $client = new omg\Client(['merchantId' => '2000132', 'hashKey' => 'SecretKey123456x', 'hashIv' => 'SecretIv1234567y']);
        $shown = print_r($client, true) . var_export((array) $client, true) . json_encode($client) . print_r($client->settings()->toArray(), true);
        ob_start();
        var_dump($client);
        $shown .= ob_get_clean();
        $this->assertStringNotContainsString('SecretKey', $shown);
        $this->assertStringNotContainsString('SecretIv', $shown);
    }

    public function testFromEnvReadsTheOmgVariables(): void
    {
        $saved = getenv('OMG_BASE_URL');
        putenv('OMG_BASE_URL=http://127.0.0.1:8799');
        try {
            $client = omg\Client::fromEnv();
            $this->assertSame('http://127.0.0.1:8799', $client->baseUrl);
            $this->assertSame('1000031', $client->merchantId);
        } finally {
            putenv($saved === false ? 'OMG_BASE_URL' : "OMG_BASE_URL=$saved");
        }
    }

    public function testDescribeCodeAndBarcodes(): void
    {
        $code = omg\describeCode(10200073);
        $this->assertSame(10200073, $code['code']);
        $this->assertSame('signature', $code['category']);
        $this->assertSame('unknown', omg\describeCode(123456789)['category']);
        $this->assertNotEmpty(omg\knownCodes());
        $svg = omg\barcodeSvg('1012187FA');
        $this->assertStringStartsWith('<svg', $svg);
        $three = omg\barcodeSvg(['1012187FA', '0000000ABC', '121115000000100']);
        $this->assertGreaterThan(strlen($svg), strlen($three));
        $this->assertMatchesRegularExpression('/^N[0-9]{12}[0-9A-Z]{7}$/', omg\generateMerchantTradeNo('N'));
        $this->assertNotSame(omg\generateMerchantTradeNo(), omg\generateMerchantTradeNo());
    }
}
