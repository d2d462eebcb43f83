<?php

// verifyNotification: the three kinds, their accessors, the dedupe key, the amount check, and
// every refusal.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class NotificationTest extends TestCase
{
    private const KEY = '265flDjIvesceXWM';
    private const IV = 'pOOvhGd1V2pJbjfX';

    /** A notification body signed here with the vector-tested checkMacValue, not by the SDK's builder. */
    private static function body(array $fields): string
    {
        $fields['CheckMacValue'] = omg\checkMacValue($fields, self::KEY, self::IV);
        return http_build_query($fields);
    }

    private static function paid(array $more = []): array
    {
        return $more + ['MerchantID' => '1000031', 'MerchantTradeNo' => 'PHP1', 'StoreID' => '', 'RtnCode' => '1', 'RtnMsg' => '交易成功',
            'TradeNo' => '2411251000001', 'TradeAmt' => '1200', 'PaymentDate' => '2024/11/25 10:01:00', 'PaymentType' => 'Credit_CreditCard',
            'PaymentTypeChargeFee' => '25', 'TradeDate' => '2024/11/25 10:00:00', 'SimulatePaid' => '0', 'CustomField1' => 'c1'];
    }

    public function testAPaymentResult(): void
    {
        $n = omg\Client::stage()->verifyNotification(self::body(self::paid()));
        $this->assertInstanceOf(omg\PaymentResult::class, $n);
        $this->assertInstanceOf(omg\Notification::class, $n);
        $this->assertSame('payment_result', $n->kind);
        $this->assertTrue($n->isPaid);
        $this->assertFalse($n->isSimulated);
        $this->assertSame('PHP1', $n->merchantTradeNo);
        $this->assertSame(1, $n->rtnCode);
        $this->assertSame('交易成功', $n->rtnMsg);
        $this->assertSame(1200, $n->tradeAmt);
        $this->assertSame('25', $n->paymentTypeChargeFee);
        $this->assertSame(['c1', null, null, null], $n->customFields);
        $this->assertSame('TradeAmt', $n->amountField);
        $this->assertSame('payment_result|php1|2411251000001|1', $n->dedupeKey);
        $this->assertNull($n->card4no);
        $this->assertSame('2411251000001', $n->get('TradeNo'));
        $this->assertNull($n->get('Nope'));
        $this->assertSame([...array_keys(self::paid()), 'CheckMacValue'], array_keys($n->raw));
        $n->expectAmount(1200);
        try {
            $n->expectAmount(1199);
            $this->fail('no exception');
        } catch (omg\ValidationException $e) {
            $this->assertSame([['field' => 'TradeAmt', 'rule' => 'amount_mismatch', 'message' => $e->getErrors()[0]['message']]], $e->getErrors());
        }
    }

    public function testACodeIssuedAndAPeriodCharge(): void
    {
        $client = omg\Client::stage();
        $atm = $client->verifyNotification(self::body(['MerchantID' => '1000031', 'MerchantTradeNo' => 'PHP2', 'RtnCode' => '2', 'RtnMsg' => 'ok',
            'TradeNo' => 'T2', 'TradeAmt' => '800', 'PaymentType' => 'ATM_FIRST', 'TradeDate' => '2024/11/25 10:00:00',
            'BankCode' => '007', 'vAccount' => '9103522175887271', 'ExpireDate' => '2024/11/28']));
        $this->assertInstanceOf(omg\PaymentCodeIssued::class, $atm);
        $this->assertFalse($atm->isPaid);
        $this->assertSame('9103522175887271', $atm->vAccount);
        $this->assertSame('007', $atm->bankCode);

        $period = $client->verifyNotification(self::body(['MerchantID' => '1000031', 'MerchantTradeNo' => 'PHP3', 'RtnCode' => '1', 'RtnMsg' => 'ok',
            'PeriodType' => 'M', 'Frequency' => '1', 'ExecTimes' => '12', 'Amount' => '499', 'Gwsr' => '11223344',
            'ProcessDate' => '2024/12/25 10:00:00', 'AuthCode' => '777777', 'FirstAuthAmount' => '499', 'TotalSuccessTimes' => '2']));
        $this->assertInstanceOf(omg\PeriodCharge::class, $period);
        $this->assertSame(499, $period->amount);
        $this->assertSame('Amount', $period->amountField);
        $this->assertSame('period_charge|php3|11223344|1|2|2024/12/25 10:00:00', $period->dedupeKey);
        $period->expectAmount(499);
    }

    public function testReSentCopiesShareTheDedupeKey(): void
    {
        $client = omg\Client::stage();
        $a = $client->verifyNotification(self::body(self::paid()));
        $b = $client->verifyNotification(self::body(self::paid(['RtnMsg' => 'paid', 'PaymentDate' => '2024/11/25 10:05:00'])));
        $c = $client->verifyNotification(self::body(self::paid(['TradeNo' => '2411251000002'])));
        $this->assertSame($a->dedupeKey, $b->dedupeKey);
        $this->assertNotSame($a->dedupeKey, $c->dedupeKey);
    }

    public function testParsedFieldsWorkToo(): void
    {
        $fields = self::paid();
        $fields['CheckMacValue'] = omg\checkMacValue($fields, self::KEY, self::IV);
        $n = omg\Client::stage()->verifyNotification($fields);
        $this->assertSame('PHP1', $n->merchantTradeNo);
    }

    public function testASimulatedPaymentIsMarked(): void
    {
        $n = omg\Client::stage()->verifyNotification(self::body(self::paid(['SimulatePaid' => '1'])));
        $this->assertTrue($n->isSimulated);
    }

    public function testForgedAlteredAndForeignNotificationsAreRefused(): void
    {
        $client = omg\Client::stage();
        $body = self::body(self::paid());
        $forgeries = [
            str_replace('TradeAmt=1200', 'TradeAmt=1', $body), preg_replace('/CheckMacValue=\w+/', 'CheckMacValue=' . str_repeat('A', 64), $body),
            preg_replace('/&CheckMacValue=\w+/', '', $body)
        ];
        foreach ($forgeries as $forged) {
            try {
                $client->verifyNotification($forged);
                $this->fail('accepted: ' . $forged);
            } catch (omg\SignatureException $e) {
                $this->assertStringContainsString('CheckMacValue', $e->getMessage());
            }
        }
        $other = self::paid(['MerchantID' => '2000132']);
        $other['CheckMacValue'] = omg\checkMacValue($other, self::KEY, self::IV);
        try {
            $client->verifyNotification(http_build_query($other));
            $this->fail('accepted another merchant');
        } catch (omg\ValidationException $e) {
            $this->assertSame('MerchantID', $e->getErrors()[0]['field']);
        }
    }

    public function testTheEndpointDecidesTheKind(): void
    {
        // A failed code issue carries no code fields: from the body alone it reads as a failed
        // payment; posted to PaymentInfoURL it is a code issue (protocol.md §5).
        $fields = self::paid(['RtnCode' => '10100058', 'RtnMsg' => '取號失敗', 'PaymentType' => 'ATM_TAISHIN', 'PaymentDate' => '']);
        $body = self::body($fields);
        $client = omg\Client::stage();
        $this->assertInstanceOf(omg\PaymentResult::class, $client->verifyNotification($body));
        $this->assertInstanceOf(omg\PaymentResult::class, $client->verifyNotification($body, null));
        foreach (['payment_info_url', 'PaymentInfoURL'] as $endpoint) {
            $n = $client->verifyNotification($body, $endpoint);
            $this->assertInstanceOf(omg\PaymentCodeIssued::class, $n, $endpoint);
            $this->assertSame('payment_code_issued', $n->kind);
            $this->assertFalse($n->isPaid);
        }
        $fields['CheckMacValue'] = omg\checkMacValue($fields, self::KEY, self::IV);
        $this->assertInstanceOf(omg\PaymentCodeIssued::class, $client->verifyNotification($fields, 'payment_info_url'));
        $this->assertInstanceOf(omg\PaymentResult::class, $client->verifyNotification(self::body(self::paid()), 'return_url'));
    }

    public function testAnUnknownEndpointIsAValidationErrorNamingIt(): void
    {
        try {
            omg\Client::stage()->verifyNotification(self::body(self::paid()), 'notify_url');
            $this->fail('no error');
        } catch (omg\ValidationException $e) {
            $this->assertSame(['endpoint', 'one_of'], [$e->getErrors()[0]['field'], $e->getErrors()[0]['rule']]);
        }
    }

    public function testSignTestNotificationMakesBodiesThisClientAccepts(): void
    {
        $client = omg\Client::stage();
        $classes = [
            'payment_result' => omg\PaymentResult::class, 'atm_code_issued' => omg\PaymentCodeIssued::class,
            'cvs_code_issued' => omg\PaymentCodeIssued::class, 'barcode_code_issued' => omg\PaymentCodeIssued::class,
            'period_charge' => omg\PeriodCharge::class
        ];
        foreach ($classes as $kind => $class) {
            $n = $client->verifyNotification($client->signTestNotification($kind, ['MerchantTradeNo' => 'K1']));
            $this->assertInstanceOf($class, $n, $kind);
            $this->assertSame('K1', $n->merchantTradeNo);
        }
        $body = omg\signTestNotification(['MerchantID' => '1000031', 'MerchantTradeNo' => 'K2', 'TradeAmt' => 5], self::KEY, self::IV, 'payment_result');
        $this->assertSame(5, $client->verifyNotification($body)->tradeAmt);
        $this->expectException(omg\ValidationException::class);
        $client->signTestNotification('no_such_kind');
    }
}
