<?php
// The notification helper for plain PHP ($client->handleNotification) behind php -S: exactly
// 1|OK after the handler ran; 0|... with a non-2xx status for a forged, unreadable, oversized or
// non-POST request (the handler never runs) and for a handler that throws.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpServer;
use PHPUnit\Framework\TestCase;

use function Omg\Payment\Tests\http;

final class HelperTest extends TestCase
{
    private static ?PhpServer $server = null;
    private static string $log = '';

    public static function setUpBeforeClass(): void
    {
        self::$log = tempnam(sys_get_temp_dir(), 'omg-notify-');
        self::$server = new PhpServer(__DIR__ . '/fixtures/notify.php', ['NOTIFY_LOG' => self::$log]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server?->stop();
        @unlink(self::$log);
    }

    protected function setUp(): void
    {
        file_put_contents(self::$log, '');
    }

    private static function log(): string
    {
        return (string) file_get_contents(self::$log);
    }

    private static function genuine(): string
    {
        return omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => 'H1', 'TradeNo' => 'T1']);
    }

    public function testAGenuineNotificationIsHandledThenAcknowledgedExactly(): void
    {
        $this->assertSame([200, '1|OK'], http('POST', self::$server->baseUrl . '/', null, self::genuine()));
        $this->assertSame("handled payment_result|h1|t1|1\n", self::log());
    }

    public function testRefusedRequestsNeverReachTheHandler(): void
    {
        $base = self::$server->baseUrl;
        $forged = str_replace('TradeNo=T1', 'TradeNo=T2', self::genuine());
        foreach ([
            'forged' => [400, http('POST', "$base/", null, $forged)],
            'not a form' => [415, http('POST', "$base/", null, self::genuine(), 'application/json')],
            'too large' => [413, http('POST', "$base/", null, self::genuine() . '&Pad=' . str_repeat('x', 70000))],
            'a GET' => [405, http('GET', "$base/")],
        ] as $case => [$status, [$got, $reply]]) {
            $this->assertSame($status, $got, $case);
            $this->assertStringStartsWith('0|', $reply, $case);
            $this->assertStringNotContainsString("\n", $reply, $case);
        }
        $this->assertStringNotContainsString('handled', self::log());
        $this->assertStringContainsString('error Omg\Payment\SignatureException', self::log());
    }

    public function testAHandlerThatThrowsIsAnsweredWithARefusal(): void
    {
        [$status, $reply] = http('POST', self::$server->baseUrl . '/?throw=1', null, self::genuine());
        $this->assertSame(500, $status);
        $this->assertSame('0|the handler failed', $reply);
        $this->assertSame("error RuntimeException\n", self::log());
    }
}
