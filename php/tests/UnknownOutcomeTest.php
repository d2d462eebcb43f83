<?php

// A money-moving call whose reply is a redirect or a 4xx after the gateway acted (omg-sim's
// apply_then_status fault: the real handler runs, then the status is answered) is an unknown
// outcome naming the query that tells what happened, and it was applied exactly once (issue 21
// item 2). Such a reply used to read as "certainly not sent", which a retry loop trusted.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\WithSim;
use PHPUnit\Framework\TestCase;

final class UnknownOutcomeTest extends TestCase
{
    use WithSim;

    protected function tearDown(): void
    {
        self::$sim->control('reset', []);
    }

    /** A paid card order, captured and settled: ready to refund. [MerchantTradeNo, TradeNo, gwsr] */
    private static function settledOrder(omg\Client $client, int $amount): array
    {
        $no = self::$sim->paidCardOrder($client, $amount, ['needExtraPaidInfo' => true]);
        $info = $client->queryTrade($no);
        $client->capture($no, $info->tradeNo, $amount);
        self::$sim->control('advance', ['seconds' => 86400]); // the nightly settlement
        return [$no, $info->tradeNo, $info->extra['gwsr']];
    }

    /** @return array<string, array{0: int}> */
    public static function statuses(): array
    {
        return ['307 redirect' => [307], '404' => [404], '429' => [429]];
    }

    /** @dataProvider statuses */
    public function testARefundAnsweredWithAStatusAfterItWasAppliedIsAnUnknownOutcomeAppliedOnce(int $status): void
    {
        $client = self::$sim->client();
        [$no, $tradeNo, $gwsr] = self::settledOrder($client, 1000);
        self::$sim->control('faults', ['path' => '/CreditDetail/DoAction', 'apply_then_status' => $status, 'count' => 1]);
        try {
            $client->refund($no, $tradeNo, 400);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertTrue($e->isOutcomeUnknown(), $e->getMessage());
            $this->assertSame('QueryTrade/V2', $e->getReconcileWith());
            $this->assertSame($status, $e->getStatus());
        }
        // What QueryTrade/V2 says: the refund is there, once.
        $refunds = array_filter($client->queryCreditDetail($gwsr, 1000)->closeData, fn ($entry) => $entry->statusName === 'refund_pending');
        $this->assertSame([400], array_values(array_map(fn ($entry) => $entry->amount, $refunds)));
    }

    /** @dataProvider statuses */
    public function testAPeriodCancelAnsweredWithAStatusAfterItWasAppliedIsAnUnknownOutcome(int $status): void
    {
        $client = self::$sim->client();
        $no = self::$sim->paidCardOrder($client, 499, ['periodAmount' => 499, 'periodType' => 'M', 'frequency' => 1, 'execTimes' => 12,
            'periodReturnUrl' => 'http://127.0.0.1:9/period']);
        self::$sim->control('faults', ['path' => '/Cashier/CreditCardPeriodAction', 'apply_then_status' => $status, 'count' => 1]);
        try {
            $client->cancelPeriod($no);
            $this->fail('no exception');
        } catch (omg\TransportException $e) {
            $this->assertTrue($e->isOutcomeUnknown(), $e->getMessage());
            $this->assertSame('QueryCreditCardPeriodInfo', $e->getReconcileWith());
        }
        $this->assertSame('cancelled', $client->queryPeriod($no)->execStatusName);
    }
}
