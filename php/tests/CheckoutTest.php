<?php

// client->checkout(array $order): every payment method, the validation errors, the form.
declare(strict_types=1);

use Omg\Payment as omg;
use PHPUnit\Framework\TestCase;

final class CheckoutTest extends TestCase
{
    private const KEY = '265flDjIvesceXWM';
    private const IV = 'pOOvhGd1V2pJbjfX';

    private static function order(array $more = []): array
    {
        return $more + [
            'merchantTradeNo' => 'PHP20241125A1', 'totalAmount' => 1200, 'tradeDesc' => 'Shop order',
            'itemName' => ['T-shirt', 'Mug'], 'returnUrl' => 'https://shop.example/omg/return',
            'merchantTradeDate' => '2024/11/25 10:00:00',
        ];
    }

    public static function methods(): iterable
    {
        yield 'card' => [['choosePayment' => 'Credit', 'bindingCard' => true, 'merchantMemberId' => 'M1'], ['BindingCard' => '1']];
        yield 'installments' => [['choosePayment' => 'Credit', 'creditInstallment' => [3, 6, 12]], ['CreditInstallment' => '3,6,12']];
        yield 'recurring' => [['choosePayment' => 'Credit', 'periodAmount' => 1200, 'periodType' => 'M', 'frequency' => 1, 'execTimes' => 12,
            'periodReturnUrl' => 'https://shop.example/omg/period'], ['PeriodType' => 'M', 'ExecTimes' => '12']];
        yield 'atm' => [['choosePayment' => 'ATM', 'expireDate' => 3, 'paymentInfoUrl' => 'https://shop.example/omg/info'], ['ExpireDate' => '3']];
        yield 'cvs' => [['choosePayment' => 'CVS', 'storeExpireDate' => 4320, 'desc_1' => 'hello'], ['StoreExpireDate' => '4320', 'Desc_1' => 'hello']];
        yield 'barcode' => [['choosePayment' => 'BARCODE', 'storeExpireDate' => 7], ['StoreExpireDate' => '7']];
        yield 'aftee' => [['choosePayment' => 'AFTEE'], ['ChoosePayment' => 'AFTEE']];
        yield 'all' => [['choosePayment' => 'ALL', 'ignorePayment' => ['ATM', 'CVS'], 'needExtraPaidInfo' => true], ['IgnorePayment' => 'ATM#CVS', 'NeedExtraPaidInfo' => 'Y']];
    }

    /** @dataProvider methods */
    public function testEveryPaymentMethodIsSigned(array $options, array $expected): void
    {
        $checkout = omg\Client::stage()->checkout(self::order($options));
        $this->assertInstanceOf(omg\Checkout::class, $checkout);
        $this->assertSame('https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5', $checkout->actionUrl);
        $fields = $checkout->fields;
        foreach ($expected as $name => $value) {
            $this->assertSame($value, $fields[$name], $name);
        }
        $this->assertSame('1000031', $fields['MerchantID']);
        $this->assertSame('aio', $fields['PaymentType']);
        $this->assertSame('1', $fields['EncryptType']);
        $this->assertSame('T-shirt#Mug', $fields['ItemName']);
        $this->assertSame('CheckMacValue', array_key_last($fields));
        // Independently: the signature is the vector-tested rule over the other fields.
        $unsigned = $fields;
        unset($unsigned['CheckMacValue']);
        $this->assertSame(omg\checkMacValue($unsigned, self::KEY, self::IV), $fields['CheckMacValue']);
    }

    public function testAnyCasingOfTheWireNamesWorks(): void
    {
        $a = omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit']));
        $b = omg\Client::stage()->checkout([
            'MerchantTradeNo' => 'PHP20241125A1', 'TotalAmount' => 1200, 'TradeDesc' => 'Shop order', 'ItemName' => 'T-shirt#Mug',
            'ReturnURL' => 'https://shop.example/omg/return', 'merchant_trade_date' => '2024/11/25 10:00:00', 'ChoosePayment' => 'Credit',
        ]);
        $this->assertSame($a->fields, $b->fields);
    }

    public function testExtraFieldsAreSentAsGiven(): void
    {
        $c = omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit', 'extra' => ['NewField' => 'x y']]));
        $this->assertSame('x y', $c->fields['NewField']);
    }

    public function testEveryBrokenRuleIsReportedAtOnceNamingTheWireField(): void
    {
        try {
            omg\Client::stage()->checkout(['merchantTradeNo' => 'bad no!', 'totalAmount' => 0, 'tradeDesc' => 'x', 'itemName' => 'y',
                'returnUrl' => 'https://shop.example/r', 'choosePayment' => 'Credit']);
            $this->fail('no exception');
        } catch (omg\ValidationException $e) {
            $fields = array_column($e->getErrors(), 'field');
            $this->assertContains('MerchantTradeNo', $fields);
            $this->assertContains('TotalAmount', $fields);
            $this->assertSame($fields, $e->getFields());
            foreach ($e->getErrors() as $error) {
                $this->assertSame(['field', 'rule', 'message'], array_keys($error));
            }
        }
    }

    public function testAMisspeltOptionIsRefused(): void
    {
        try {
            omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit', 'retrunUrl' => 'x']));
            $this->fail('no exception');
        } catch (omg\ValidationException $e) {
            $this->assertContains('unknown', array_column($e->getErrors(), 'rule'));
        }
    }

    public function testTheHtmlFormEscapesEveryValue(): void
    {
        // An HTML tag is refused (protocol.md §4); "<3" is not one, and is escaped.
        try {
            omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit', 'tradeDesc' => '"><script>alert(1)</script>']));
            $this->fail('an HTML tag was accepted');
        } catch (omg\ValidationException $e) {
            $this->assertSame(['TradeDesc', 'html'], [$e->getErrors()[0]['field'], $e->getErrors()[0]['rule']]);
        }
        $c = omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit', 'tradeDesc' => '"Tom\'s" <3 & co']));
        $html = $c->html();
        $this->assertStringNotContainsString('<3', $html);
        $this->assertStringContainsString('&lt;3', $html);
        $this->assertStringContainsString('&amp; co', $html);
        $this->assertStringNotContainsString('"Tom', $html);
        $this->assertStringContainsString('action="https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5"', $html);
        $this->assertSame($html, $c->html);
    }

    public function testResultsAreReadOnly(): void
    {
        $c = omg\Client::stage()->checkout(self::order(['choosePayment' => 'Credit']));
        $this->expectException(\Error::class);
        $c->actionUrl = 'https://evil.example';
    }
}
