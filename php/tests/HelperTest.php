<?php

// The notification helper for plain PHP ($client->handleNotification) behind php -S: exactly
// 1|OK after the handler ran, whatever it returned; 0|... with a non-2xx status for a forged,
// unreadable, oversized or non-POST request (the handler never runs), for a handler that throws,
// and for a kind the handler's parameter type does not accept (logged at error level with the
// order, the amount and how to recover it: issue 21 item 3). Output the application wrote before
// the reply (a UTF-8 BOM from an included file) is logged at error level naming the file and
// line, under php -S and php-fpm (item 4).
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpFpm;
use Omg\Payment\Tests\PhpServer;
use Omg\Payment\Tests\Sim;
use PHPUnit\Framework\TestCase;

use function Omg\Payment\Tests\http;
use function Omg\Payment\Tests\wait_until;

final class HelperTest extends TestCase
{
    private static ?PhpServer $server = null;
    private static string $log = '';
    private static string $errorLog = '';

    public static function setUpBeforeClass(): void
    {
        self::$log = (string) tempnam(sys_get_temp_dir(), 'omg-notify-');
        self::$errorLog = (string) tempnam(sys_get_temp_dir(), 'omg-notify-errors-');
        self::$server = new PhpServer(__DIR__ . '/fixtures/notify.php', ['NOTIFY_LOG' => self::$log], ['error_log' => self::$errorLog]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server?->stop();
        @unlink(self::$log);
        @unlink(self::$errorLog);
    }

    protected function setUp(): void
    {
        file_put_contents(self::$log, '');
        file_put_contents(self::$errorLog, '');
    }

    /** The server's error_log, once it holds $expected (it may be written just after the reply). */
    private static function errorLog(string $expected = ''): string
    {
        $deadline = microtime(true) + 5;
        do {
            $content = (string) file_get_contents(self::$errorLog);
        } while (!str_contains($content, $expected) && microtime(true) < $deadline && usleep(20000) === null);
        return $content;
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
        $cases = [
            'forged' => [400, http('POST', "$base/", null, $forged)],
            'not a form' => [415, http('POST', "$base/", null, self::genuine(), 'application/json')],
            'too large' => [413, http('POST', "$base/", null, self::genuine() . '&Pad=' . str_repeat('x', 70000))],
            'a GET' => [405, http('GET', "$base/")],
        ];
        foreach ($cases as $case => [$status, [$got, $reply]]) {
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

    public function testTheHandlerMayReturnTheAckConstantOrAnyTextTheReplyIsTheHelpers(): void
    {
        foreach (['ack', 'text'] as $returns) {
            $this->assertSame([200, '1|OK'], http('POST', self::$server->baseUrl . "/?returns=$returns", null, self::genuine()), $returns);
        }
        $this->assertSame(2, substr_count(self::log(), 'handled'));
    }

    public function testAKindTheHandlersTypeDoesNotAcceptIsRefusedAndLoggedWithTheOrderAmountAndRecovery(): void
    {
        $base = self::$server->baseUrl;
        $client = omg\Client::stage();
        $charge = $client->signTestNotification('period_charge', ['MerchantTradeNo' => 'SUB1', 'Amount' => '499']);
        $this->assertSame([400, '0|unexpected notification: period_charge'], http('POST', "$base/?typed=payment_result", null, $charge));
        $this->assertStringNotContainsString('handled', self::log());
        $line = self::errorLog('unexpected notification');
        $this->assertMatchesRegularExpression('/omg_payment: error: unexpected notification: period_charge for MerchantTradeNo SUB1, amount 499, refused; .*QueryCreditCardPeriodInfo \(`omg query period SUB1`\)/', $line);

        // A code issue on a payment-result route: refused (the gateway sends it again), logged.
        file_put_contents(self::$errorLog, '');
        $code = $client->signTestNotification('atm_code_issued', ['MerchantTradeNo' => 'ATM1', 'TradeAmt' => '700']);
        $this->assertSame([400, '0|unexpected notification: payment_code_issued'], http('POST', "$base/?typed=payment_result", null, $code));
        $this->assertMatchesRegularExpression('/unexpected notification: payment_code_issued for MerchantTradeNo ATM1, amount 700, refused; the gateway sends it again/', self::errorLog('unexpected'));

        // A union type accepts each of its kinds, and only those.
        $this->assertSame([200, '1|OK'], http('POST', "$base/?typed=union", null, $code));
        $this->assertSame([200, '1|OK'], http('POST', "$base/?typed=union", null, self::genuine()));
        $this->assertSame(400, http('POST', "$base/?typed=union", null, $charge)[0]);
        // The parameter typed Notification (the default route) accepts every kind.
        $this->assertSame([200, '1|OK'], http('POST', "$base/", null, $charge));
    }

    public function testOmgSimDeliveringAPeriodChargeToAPaymentResultRouteLeavesAnErrorLineWithOrderAndAmount(): void
    {
        $sim = new Sim();
        try {
            $client = $sim->client();
            $route = self::$server->baseUrl . '/?typed=payment_result';
            $no = omg\generateMerchantTradeNo('S');
            // PeriodReturnURL on the payment-result route: checkout signs it, with a warning.
            $checkout = $client->checkout(['merchantTradeNo' => $no, 'totalAmount' => 499, 'tradeDesc' => 'test', 'itemName' => 'plan',
                'returnUrl' => $route, 'choosePayment' => 'Credit', 'periodAmount' => 499, 'periodType' => 'D', 'frequency' => 1,
                'execTimes' => 3, 'periodReturnUrl' => $route]);
            $this->assertSame(['shared_route'], array_map(fn ($w) => $w->rule, $checkout->warnings));
            $sim->submit($checkout);
            $sim->control('pay', ['merchant_trade_no' => $no, 'method' => 'Credit']);
            wait_until(fn () => str_contains(self::log(), 'handled payment_result'));
            $sim->control('advance', ['seconds' => 86400 + 60]); // the next charge of the schedule
            $line = self::errorLog("period_charge for MerchantTradeNo $no");
            $this->assertMatchesRegularExpression("/omg_payment: error: unexpected notification: period_charge for MerchantTradeNo $no, amount 499, refused; it is not sent again: recover it with QueryCreditCardPeriodInfo/", $line);
        } finally {
            $sim->stop();
        }
    }

    public function testABomFromAnIncludedFileIsLoggedNamingTheFileAndLine(): void
    {
        $errors = (string) tempnam(sys_get_temp_dir(), 'omg-bom-');
        // Unbuffered output, as with output_buffering = 0: the BOM is sent at once.
        $server = new PhpServer(__DIR__ . '/fixtures/bom.php', [], ['error_log' => $errors, 'output_buffering' => '0']);
        try {
            [$status, $reply] = http('POST', $server->baseUrl . '/', null, self::genuine());
            $this->assertSame([200, "\xEF\xBB\xBF1|OK"], [$status, $reply], 'PHP sent the BOM before the reply');
            $include = realpath(__DIR__ . '/fixtures/bom-include.php');
            $this->assertStringContainsString("omg_payment: error: the notification reply is not exactly \"1|OK\": output started at $include:1 before handleNotification answered", (string) file_get_contents($errors));
        } finally {
            $server->stop();
            @unlink($errors);
        }
    }

    public function testABomStillInPhpFpmsOutputBufferIsLoggedWithItsSize(): void
    {
        // Debian's php.ini for php-fpm buffers 4096 bytes of output: the BOM waits there.
        $fpm = new PhpFpm(['output_buffering' => '4096']);
        try {
            [$status, , $reply] = $fpm->request(__DIR__ . '/fixtures/bom.php', 'POST', '', self::genuine());
            $this->assertSame([200, "\xEF\xBB\xBF1|OK"], [$status, $reply]);
            $this->assertStringContainsString('omg_payment: error: the notification reply is not exactly "1|OK": 3 bytes were already written to PHP\'s output buffer ("\u{feff}") before handleNotification answered', (string) file_get_contents($fpm->errorLog));
        } finally {
            $fpm->stop();
        }
    }
}
