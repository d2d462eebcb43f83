<?php

// End to end over loopback: omg-sim and the example shop (php -S with the extension) as two
// processes. Each order kind is paid through to the shop's database; a duplicate notification
// fulfils once; a forged one is refused and changes nothing; a refund through the shop is
// visible in QueryTrade/V2. Every wait is bounded; both processes are stopped at the end.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpServer;
use Omg\Payment\Tests\Sim;
use PHPUnit\Framework\TestCase;

use function Omg\Payment\Tests\free_port;
use function Omg\Payment\Tests\http;
use function Omg\Payment\Tests\wait_until;

use const Omg\Payment\Tests\SIM_CREDIT_CHECK_CODE;
use const Omg\Payment\Tests\STAGE_ID;
use const Omg\Payment\Tests\STAGE_IV;
use const Omg\Payment\Tests\STAGE_KEY;

final class EndToEndTest extends TestCase
{
    private static ?Sim $sim = null;
    private static ?PhpServer $shop = null;
    private static string $db = '';

    public static function setUpBeforeClass(): void
    {
        self::$sim = new Sim();
        self::$db = tempnam(sys_get_temp_dir(), 'omg-shop-');
        $port = free_port();
        try {
            self::$shop = new PhpServer(omg_repo_root() . '/php/examples/shop/index.php', [
                'OMG_BASE_URL' => self::$sim->baseUrl, 'OMG_MERCHANT_ID' => STAGE_ID, 'OMG_HASH_KEY' => STAGE_KEY, 'OMG_HASH_IV' => STAGE_IV,
                'OMG_CREDIT_CHECK_CODE' => SIM_CREDIT_CHECK_CODE, 'OMG_SHOP_DB' => self::$db, 'OMG_ENV' => '',
            ]);
        } catch (\Throwable $e) {
            self::$sim->stop();
            throw $e;
        }
    }

    public static function tearDownAfterClass(): void
    {
        self::$shop?->stop();
        self::$sim?->stop();
        @unlink(self::$db);
    }

    private static function pdo(): PDO
    {
        $pdo = new PDO('sqlite:' . self::$db, null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
        $pdo->exec('PRAGMA busy_timeout = 10000');
        return $pdo;
    }

    private static function row(string $no): array
    {
        $s = self::pdo()->prepare('SELECT * FROM orders WHERE merchant_trade_no = ?');
        $s->execute([$no]);
        return $s->fetch() ?: [];
    }

    private static function countRows(string $sql, array $args = []): int
    {
        $s = self::pdo()->prepare($sql);
        $s->execute($args);
        return (int) $s->fetchColumn();
    }

    private static function waitStatus(string $no, string $status): array
    {
        return wait_until(fn () => (($r = self::row($no))['status'] ?? null) === $status ? $r : null);
    }

    /** Creates an order in the shop and posts its form to the gateway as the payer's browser would. */
    private static function buy(string $kind, int $amount): string
    {
        [$status, $page] = http('POST', self::$shop->baseUrl . '/orders', ['kind' => $kind, 'amount' => (string) $amount]);
        self::assertSame(200, $status, $page);
        preg_match('/<form[^>]*action="([^"]+)"/', $page, $m);
        $action = html_entity_decode($m[1]);
        preg_match_all('/<input type="hidden" name="([^"]*)" value="([^"]*)">/', $page, $inputs, PREG_SET_ORDER);
        $fields = [];
        foreach ($inputs as [, $name, $value]) {
            $fields[html_entity_decode($name)] = html_entity_decode($value, ENT_QUOTES | ENT_HTML5);
        }
        self::assertStringStartsWith(self::$sim->baseUrl, $action);
        [$status, $reply] = http('POST', $action, $fields);
        self::assertSame(200, $status, $reply);
        return $fields['MerchantTradeNo'];
    }

    private static function pay(string $no, array $extra = []): void
    {
        self::$sim->control('pay', ['merchant_trade_no' => $no] + $extra);
    }

    public static function cardKinds(): iterable
    {
        yield 'card' => ['card'];
        yield 'installments' => ['installments'];
        yield 'all' => ['all'];
    }

    /** @dataProvider cardKinds */
    public function testCardOrdersArePaidAndFulfilledOnce(string $kind): void
    {
        $no = self::buy($kind, 1500);
        $this->assertSame('created', self::row($no)['status']);
        self::pay($no, $kind === 'all' ? ['method' => 'Credit'] : []);
        $row = self::waitStatus($no, 'paid');
        $this->assertSame(1, (int) $row['fulfilments']);
        $this->assertSame('Credit_CreditCard', $row['payment_type']);
        $this->assertNotEmpty($row['trade_no']);
    }

    public static function codeKinds(): iterable
    {
        yield 'atm' => ['atm', 'v_account'];
        yield 'cvs' => ['cvs', 'payment_no'];
        yield 'barcode' => ['barcode', 'barcodes'];
    }

    /** @dataProvider codeKinds */
    public function testCodeOrdersGetTheirCodeThenArePaid(string $kind, string $codeField): void
    {
        $no = self::buy($kind, 800);
        self::$sim->control('choose', ['merchant_trade_no' => $no]); // the payer picks a bank or store on the page
        $code = json_decode(self::waitStatus($no, 'code_issued')['payment_code'], true);
        $this->assertNotEmpty($code[$codeField]);
        if ($kind === 'barcode') {
            [$status, $svg] = http('GET', self::$shop->baseUrl . "/orders/$no/barcode.svg");
            $this->assertSame(200, $status);
            $this->assertStringStartsWith('<svg', $svg);
        }
        self::pay($no);
        $row = self::waitStatus($no, 'paid');
        $this->assertSame(1, (int) $row['fulfilments']);
        $this->assertStringStartsWith(strtoupper($kind), $row['payment_type']);
    }

    public function testAfteeOrderIsPaid(): void
    {
        $no = self::buy('aftee', 990);
        self::pay($no);
        $this->assertSame(1, (int) self::waitStatus($no, 'paid')['fulfilments']);
    }

    public function testADuplicateNotificationFulfilsOnce(): void
    {
        $no = self::buy('card', 700);
        self::pay($no);
        self::waitStatus($no, 'paid');
        $delivered = wait_until(function () use ($no) {
            $attempts = self::$sim->control("deliveries?merchant_trade_no=$no")['attempts'];
            return array_values(array_filter($attempts, fn ($a) => str_ends_with($a['url'], '/omg/return') && $a['ok']));
        });
        for ($i = 0; $i < 3; $i++) { // the gateway re-sends: same event, same answer, no new fulfilment
            $this->assertSame([200, '1|OK'], http('POST', self::$shop->baseUrl . '/omg/return', null, $delivered[0]['body']));
        }
        $this->assertSame(1, (int) self::row($no)['fulfilments']);
        $this->assertSame(1, self::countRows("SELECT COUNT(*) FROM notifications WHERE merchant_trade_no = ? AND kind = 'payment_result'", [$no]));
    }

    public function testAForgedNotificationIsRefusedAndChangesNothing(): void
    {
        $no = self::buy('card', 650);
        $before = self::row($no);
        $notifications = self::countRows('SELECT COUNT(*) FROM notifications');
        $genuine = omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => $no, 'TradeNo' => 'X1', 'TradeAmt' => 650]);
        $forged = [
            str_replace('TradeAmt=650', 'TradeAmt=1', $genuine), // altered after signing
            omg\signTestNotification(['MerchantID' => STAGE_ID, 'MerchantTradeNo' => $no, 'RtnCode' => 1, 'TradeAmt' => 650], 'wrongkey', 'wrongiv', 'payment_result'),
            preg_replace('/CheckMacValue=[0-9A-F]+/', 'CheckMacValue=' . str_repeat('A', 64), $genuine),
        ];
        foreach ($forged as $body) {
            [$status, $reply] = http('POST', self::$shop->baseUrl . '/omg/return', null, $body);
            $this->assertSame(400, $status);
            $this->assertStringStartsWith('0|', $reply);
        }
        $this->assertSame($before, self::row($no));
        $this->assertSame($notifications, self::countRows('SELECT COUNT(*) FROM notifications'));
    }

    public function testASimulatedPaymentIsRecordedButNotFulfilled(): void
    {
        $no = self::buy('card', 600);
        self::$sim->control('simulate', ['merchant_trade_no' => $no]);
        $this->assertSame(0, (int) self::waitStatus($no, 'simulated')['fulfilments']);
        $this->assertSame(1, self::countRows('SELECT simulated FROM notifications WHERE merchant_trade_no = ?', [$no]));
    }

    public function testAWrongAmountIsFlaggedNotFulfilled(): void
    {
        $no = self::buy('card', 640);
        $body = omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => $no, 'TradeNo' => 'X2', 'TradeAmt' => 1]);
        $this->assertSame([200, '1|OK'], http('POST', self::$shop->baseUrl . '/omg/return', null, $body));
        $row = self::row($no);
        $this->assertSame('amount_mismatch', $row['status']);
        $this->assertSame(0, (int) $row['fulfilments']);
    }

    public function testAnUnknownOrderIsAnsweredWithARefusal(): void
    {
        $body = omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => 'NOSUCHORDER', 'TradeAmt' => 1]);
        [$status, $reply] = http('POST', self::$shop->baseUrl . '/omg/return', null, $body);
        $this->assertSame(500, $status);
        $this->assertStringStartsWith('0|', $reply);
    }

    public function testRecurringChargesAreRecordedOnceEach(): void
    {
        $no = self::buy('recurring', 499);
        self::pay($no);
        $this->assertSame(1, (int) self::waitStatus($no, 'paid')['fulfilments']);
        try {
            foreach ([1, 2] as $expected) {
                self::$sim->control('advance', ['seconds' => 32 * 86400]);
                wait_until(fn () => self::countRows('SELECT COUNT(*) FROM period_charges WHERE merchant_trade_no = ?', [$no]) >= $expected);
            }
        } finally {
            self::$sim->control('reset', []); // a client on the real clock sends TimeStamps the advanced simulator refuses
        }
        $this->assertSame(2, self::countRows('SELECT COUNT(*) FROM period_charges WHERE merchant_trade_no = ? AND amount = 499 AND rtn_code = 1', [$no]));
        $this->assertSame(3, self::countRows('SELECT MAX(total_success_times) FROM period_charges WHERE merchant_trade_no = ?', [$no]));
    }

    public function testARefundThroughTheShopIsVisibleInQueryTradeV2(): void
    {
        $no = self::buy('card', 1000);
        self::pay($no);
        $this->assertNotEmpty(self::waitStatus($no, 'paid')['gwsr']);
        [, $page] = http('GET', self::$shop->baseUrl . "/orders/$no/status.json");
        $this->assertSame('paid', json_decode($page, true)['gateway']['tradeStatusName']);
        [$status, $body] = http('POST', self::$shop->baseUrl . "/orders/$no/capture", ['amount' => '1000']);
        $this->assertSame(200, $status, $body);
        try {
            self::$sim->control('advance', ['seconds' => 86400]); // the nightly settlement
            [$status, $body] = http('POST', self::$shop->baseUrl . "/orders/$no/refund", ['amount' => '300']);
            $this->assertSame(200, $status, $body);
            [$status, $body] = http('GET', self::$shop->baseUrl . "/orders/$no/card.json");
            $detail = json_decode($body, true);
            $this->assertSame(200, $status, $body);
            $this->assertContains(['status' => 'refund_pending', 'amount' => 300], $detail['close_data'], $body);
            [$status, $body] = http('POST', self::$shop->baseUrl . "/orders/$no/refund", ['amount' => '5000']);
            $this->assertSame(409, $status);
            $this->assertStringContainsString('refused', $body);
        } finally {
            self::$sim->control('reset', []);
        }
    }
}
