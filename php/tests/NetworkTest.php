<?php

// The server APIs against omg-sim over loopback: typed results, and each failure as its
// exception class (GatewayException, TransportException with timeout / outcomeUnknown,
// SignatureException, DecodeException). DoAction is never sent twice.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\WithSim;
use PHPUnit\Framework\TestCase;

final class NetworkTest extends TestCase
{
    use WithSim;

    private const QUERY_TRADE = '/Cashier/QueryTradeInfo/V5';
    private const DO_ACTION = '/CreditDetail/DoAction';

    protected function tearDown(): void
    {
        self::$sim->control('faults', null, 'DELETE');
    }

    private static function paidOrder(omg\Client $client, int $amount = 1000, array $more = []): string
    {
        return self::$sim->paidCardOrder($client, $amount, $more + ['needExtraPaidInfo' => true]);
    }

    private static function requestsTo(string $path): int
    {
        return self::$sim->control('stats')['requests'][$path] ?? 0;
    }

    public function testEveryServerApiReturnsItsTypedResult(): void
    {
        $client = self::$sim->client();
        $no = self::paidOrder($client);
        $info = $client->queryTrade($no);
        $this->assertInstanceOf(omg\TradeInfo::class, $info);
        $this->assertSame($no, $info->merchantTradeNo);
        $this->assertTrue($info->isPaid);
        $this->assertSame('1', $info->tradeStatus);
        $this->assertSame('paid', $info->tradeStatusName);
        $this->assertSame(1000, $info->tradeAmt);
        $this->assertSame('1', $info->raw['TradeStatus']);
        $this->assertMatchesRegularExpression('/^[0-9A-F]{64}$/', $info->raw['CheckMacValue']);
        $this->assertNotEmpty($info->extra['gwsr'] ?? null, 'NeedExtraPaidInfo fields are in extra');

        $capture = $client->capture($no, $info->tradeNo, 1000);
        $this->assertInstanceOf(omg\DoActionResult::class, $capture);
        $this->assertSame([1, $no, $info->tradeNo], [$capture->rtnCode, $capture->merchantTradeNo, $capture->tradeNo]);
        $this->assertSame(1, $client->cancelCapture($no, $info->tradeNo, 1000)->rtnCode);

        $detail = $client->queryCreditDetail($info->extra['gwsr'], 1000);
        $this->assertInstanceOf(omg\CreditDetail::class, $detail);
        foreach ($detail->closeData as $entry) {
            $this->assertInstanceOf(omg\CloseEntry::class, $entry);
        }
        $this->assertSame(array_keys($detail->toArray()), array_column(array_values(array_filter(omg\describeTypes(), fn ($t) => $t['name'] === 'CreditDetail'))[0]['fields'], 'name'));
    }

    public function testRecurringOrdersAreQueriedAndCancelled(): void
    {
        $client = self::$sim->client();
        $no = self::paidOrder($client, 499, ['periodAmount' => 499, 'periodType' => 'M', 'frequency' => 1, 'execTimes' => 12,
            'periodReturnUrl' => 'http://127.0.0.1:9/period']);
        $period = $client->queryPeriod($no);
        $this->assertInstanceOf(omg\PeriodInfo::class, $period);
        $this->assertSame($no, $period->merchantTradeNo);
        $this->assertSame(499, $period->periodAmount);
        $this->assertSame('running', $period->execStatusName);
        foreach ($period->execLog as $entry) {
            $this->assertInstanceOf(omg\ExecLogEntry::class, $entry);
        }
        $cancel = $client->cancelPeriod($no);
        $this->assertInstanceOf(omg\PeriodActionResult::class, $cancel);
        $this->assertSame(1, $cancel->rtnCode);
        $this->assertSame('cancelled', $client->queryPeriod($no)->execStatusName);
    }

    public function testGatewayExceptionCarriesRtnCodeAndRtnMsg(): void
    {
        $client = self::$sim->client();
        try {
            $client->queryPeriod('NOSUCHORDER1');
            $this->fail('no exception');
        } catch (omg\GatewayException $e) {
            $this->assertSame(10200047, $e->getRtnCode());
        }
        $no = self::paidOrder($client);
        $info = $client->queryTrade($no);
        try {
            $client->refund($no, $info->tradeNo, 5000);
            $this->fail('no exception');
        } catch (omg\GatewayException $e) {
            $this->assertNotSame('', $e->getRtnMsg());
            $this->assertStringContainsString($e->getRtnMsg(), $e->getMessage());
        }
    }

    public function testTimeoutsRetriesAndTheNeverRetriedDoAction(): void
    {
        $impatient = self::$sim->client(['readTimeout' => 0.3, 'retries' => 2, 'initialBackoff' => 0.01, 'maxBackoff' => 0.02]);
        $no = self::paidOrder(self::$sim->client());
        $info = self::$sim->client()->queryTrade($no);

        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'delay_ms' => 1200]);
        $before = self::requestsTo(self::QUERY_TRADE);
        try {
            $impatient->queryTrade($no);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertTrue($e->isTimeout());
            $this->assertFalse($e->isOutcomeUnknown());
        }
        $this->assertSame(3, self::requestsTo(self::QUERY_TRADE) - $before, 'a query is retried');

        self::$sim->control('faults', ['path' => self::DO_ACTION, 'delay_ms' => 1200]);
        $before = self::requestsTo(self::DO_ACTION);
        try {
            $impatient->capture($no, $info->tradeNo, 1000);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertTrue($e->isTimeout());
            $this->assertTrue($e->isOutcomeUnknown());
            $this->assertStringContainsString('QueryTrade/V2', $e->getMessage());
            $this->assertSame('QueryTrade/V2', $e->getReconcileWith());
        }
        $this->assertSame(1, self::requestsTo(self::DO_ACTION) - $before, 'DoAction is never sent twice');
    }

    public function testCheckCredentialsTellsAcceptedKeysFromWrongOnes(): void
    {
        $this->assertTrue(self::$sim->client()->checkCredentials());
        $wrong = self::$sim->client(['merchantId' => '1000031', 'hashKey' => 'WrongKey12345678', 'hashIv' => 'pOOvhGd1V2pJbjfX']);
        try {
            $wrong->checkCredentials();
            $this->fail('no exception');
        } catch (omg\GatewayException $e) {
            $this->assertSame(10200073, $e->getRtnCode());
            $this->assertStringContainsString('OMG_HASH_KEY', $e->getMessage());
            $this->assertStringContainsString('OMG_HASH_IV', $e->getMessage());
            $this->assertStringNotContainsString('WrongKey12345678', $e->getMessage());
        }
    }

    public function testHttpStatusAndConnectionRefused(): void
    {
        $client = self::$sim->client();
        $no = self::paidOrder($client);
        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'status' => 503, 'count' => 1]);
        try {
            $client->queryTrade($no);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertSame(503, $e->getStatus());
            $this->assertFalse($e->isTimeout());
        }
        $nowhere = new omg\Client(['baseUrl' => 'http://127.0.0.1:1', 'retries' => 0, 'connectTimeout' => 1]);
        try {
            $nowhere->queryTrade($no);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertNull($e->getStatus());
        }
    }

    public function testWrongSignatureAndMalformedReplies(): void
    {
        $client = self::$sim->client();
        $no = self::paidOrder($client);
        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'wrong_signature' => true, 'count' => 1]);
        try {
            $client->queryTrade($no);
            $this->fail('no exception');
        } catch (omg\SignatureException) {
            $this->addToAssertionCount(1);
        }
        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'malformed_body' => true, 'count' => 1]);
        $this->expectException(omg\DecodeException::class);
        $client->queryTrade($no);
    }

    public function testAnInvalidArgumentNeverReachesTheGateway(): void
    {
        $before = self::requestsTo(self::QUERY_TRADE);
        try {
            self::$sim->client()->queryTrade('not-valid!');
            $this->fail('no exception');
        } catch (omg\ValidationException $e) {
            $this->assertSame('MerchantTradeNo', $e->getErrors()[0]['field']);
        }
        $this->assertSame($before, self::requestsTo(self::QUERY_TRADE));
    }
}
