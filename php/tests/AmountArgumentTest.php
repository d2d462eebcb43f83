<?php

// Amounts as PHP applications hold them (issue 21 item 13): capture, refund, cancelCapture,
// abandon, queryCreditDetail and expectAmount take an int or a string of ASCII digits ('1200',
// as PDO and mysqli return numbers; checkout already did, so do Python and Node). Anything else is
// a \TypeError naming the function, the argument and the accepted types; digit strings used to be
// refused with "Invalid value given for argument amount".
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\WithSim;
use PHPUnit\Framework\TestCase;

final class AmountArgumentTest extends TestCase
{
    use WithSim;

    /** The amount as a database gives it back: PDO with stringified fetches, as MySQL returns numbers. */
    private static function fromDatabase(int $amount): string
    {
        $db = new \PDO('sqlite::memory:', null, null, [\PDO::ATTR_STRINGIFY_FETCHES => true]);
        $db->exec('CREATE TABLE orders (amount INTEGER)');
        $db->prepare('INSERT INTO orders VALUES (?)')->execute([$amount]);
        $value = $db->query('SELECT amount FROM orders')->fetchColumn();
        self::assertSame((string) $amount, $value);
        return $value;
    }

    public function testDigitStringsAreAmountsForEveryMoneyCall(): void
    {
        $client = self::$sim->client();
        $no = self::$sim->paidCardOrder($client, 1000, ['totalAmount' => '1000', 'needExtraPaidInfo' => true]);
        $info = $client->queryTrade($no);
        $amount = self::fromDatabase(1000);

        $this->assertSame(1, $client->capture($no, $info->tradeNo, $amount)->rtnCode);
        $this->assertSame(1, $client->cancelCapture($no, $info->tradeNo, '1000')->rtnCode);
        $detail = $client->queryCreditDetail($info->extra['gwsr'], $amount);
        $this->assertSame(1000, $detail->amount);
        $this->assertSame(1, $client->abandon($no, $info->tradeNo, '1000')->rtnCode);

        $paid = self::$sim->paidCardOrder($client, 800);
        $tradeNo = $client->queryTrade($paid)->tradeNo;
        $client->capture($paid, $tradeNo, '800');
        try {
            self::$sim->control('advance', ['seconds' => 86400]);
            $this->assertSame(1, $client->refund($paid, $tradeNo, '300')->rtnCode);
        } finally {
            self::$sim->control('reset', []);
        }
    }

    public function testExpectAmountTakesADigitString(): void
    {
        $client = omg\Client::stage();
        foreach (['payment_result' => 'TradeAmt', 'period_charge' => 'Amount', 'atm_code_issued' => 'TradeAmt'] as $kind => $field) {
            $n = $client->verifyNotification($client->signTestNotification($kind, [$field => '1200']));
            $n->expectAmount(self::fromDatabase(1200));
            $n->expectAmount('1200');
            try {
                $n->expectAmount('1300');
                $this->fail("$kind: a different amount accepted");
            } catch (omg\ValidationException $e) {
                $this->assertSame('amount_mismatch', $e->getErrors()[0]['rule']);
            }
        }
    }

    /** @return iterable<string, array{0: mixed, 1: string}> a value that is not an amount, and how it is shown */
    public static function notAmounts(): iterable
    {
        yield 'empty' => ['', 'string ""'];
        yield 'sign' => ['+100', 'string "+100"'];
        yield 'negative' => ['-100', 'string "-100"'];
        yield 'space' => [' 100', 'string " 100"'];
        yield 'trailing newline' => ["100\n", 'string "100\n"'];
        yield 'decimal point' => ['100.0', 'string "100.0"'];
        yield 'exponent' => ['1e3', 'string "1e3"'];
        yield 'fullwidth digits' => ['１００', 'string "１００"'];
        yield 'hex' => ['0x64', 'string "0x64"'];
        yield 'beyond PHP_INT_MAX' => ['99999999999999999999', 'string "99999999999999999999"'];
        yield 'float' => [100.0, 'float given'];
        yield 'bool' => [true, 'bool given'];
        yield 'null' => [null, 'null given'];
        yield 'array' => [[100], 'array given'];
    }

    /** @dataProvider notAmounts */
    public function testAnythingElseIsATypeErrorNamingFunctionArgumentAndTypes(mixed $value, string $shown): void
    {
        $client = omg\Client::stage();
        $n = $client->verifyNotification($client->signTestNotification('payment_result'));
        $calls = [
            'Omg\Payment\Client::capture(): Argument #3 ($amount)' => fn () => $client->capture('A1', 'T1', $value),
            'Omg\Payment\Client::refund(): Argument #3 ($amount)' => fn () => $client->refund('A1', 'T1', $value),
            'Omg\Payment\Client::cancelCapture(): Argument #3 ($amount)' => fn () => $client->cancelCapture('A1', 'T1', $value),
            'Omg\Payment\Client::abandon(): Argument #3 ($amount)' => fn () => $client->abandon('A1', 'T1', $value),
            'Omg\Payment\Client::queryCreditDetail(): Argument #2 ($creditAmount)' => fn () => $client->queryCreditDetail('G1', $value),
            'Omg\Payment\PaymentResult::expectAmount(): Argument #1 ($amount)' => fn () => $n->expectAmount($value),
        ];
        foreach ($calls as $named => $call) {
            try {
                $call();
                $this->fail("$named accepted " . var_export($value, true));
            } catch (\TypeError $e) {
                $this->assertStringStartsWith("$named must be of type int or a string of ASCII digits", $e->getMessage());
                $this->assertStringContainsString($shown, $e->getMessage());
            }
        }
    }
}
