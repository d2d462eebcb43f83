<?php

// Every object the extension can hand to PHP is readable (issue 21 item 14): each described type
// a property can hold has its class, and a walk over real objects of every kind — a checkout with
// warnings, the three notification kinds, the five server API results with their nested lists,
// the client's settings — reads every described property and toArray()s each object, nested
// ones included. Reading a checkout's warnings used to throw "omg_payment has no class for
// FieldError".
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\Sim;
use PHPUnit\Framework\TestCase;

final class PublicObjectsTest extends TestCase
{
    /** @var array<string, array> the description of each type, by name */
    private static array $types = [];
    /** @var array<string, true> the types met during the walk */
    private array $seen = [];

    public static function setUpBeforeClass(): void
    {
        foreach (omg\describeTypes() as $type) {
            self::$types[$type['name']] = $type;
        }
    }

    public function testEveryTypeAPropertyCanHoldHasAClass(): void
    {
        foreach (self::$types as $type) {
            foreach ($type['fields'] as $field) {
                if ($field['type'] === 'list') {
                    $this->assertTrue(class_exists("Omg\\Payment\\{$field['item']}"), "{$type['name']}::{$field['name']} holds {$field['item']}, which has no class");
                }
            }
        }
    }

    /** PeriodReturnURL on ReturnURL's route: signed, with a warning (rule shared_route). */
    private static function checkoutWithAWarning(): omg\Checkout
    {
        return omg\Client::stage()->checkout(['merchantTradeNo' => 'W1', 'totalAmount' => 499, 'tradeDesc' => 'test', 'itemName' => 'plan',
            'returnUrl' => 'https://shop.example/omg', 'choosePayment' => 'Credit', 'periodAmount' => 499, 'periodType' => 'M',
            'frequency' => 1, 'execTimes' => 12, 'periodReturnUrl' => 'https://shop.example/omg']);
    }

    public function testACheckoutsWarningsAreReadable(): void
    {
        $checkout = self::checkoutWithAWarning();
        $this->assertCount(1, $checkout->warnings);
        $warning = $checkout->warnings[0];
        $this->assertInstanceOf(omg\FieldError::class, $warning);
        $this->assertSame(['PeriodReturnURL', 'shared_route'], [$warning->field, $warning->rule]);
        $this->assertSame(['field' => 'PeriodReturnURL', 'rule' => 'shared_route', 'message' => $warning->message], $warning->toArray());
        $this->assertSame([$warning->toArray()], array_map(fn ($w) => $w->toArray(), $checkout->toArray()['warnings']));
        $this->walk($checkout);

        // A plain-http browser URL in production: the other warning.
        $production = new omg\Client(['merchantId' => '9000001', 'hashKey' => 'testkey-not-real', 'hashIv' => 'testiv-not-real1', 'environment' => 'production']);
        $checkout = $production->checkout(['merchantTradeNo' => 'W2', 'totalAmount' => 100, 'tradeDesc' => 'test', 'itemName' => 'item',
            'returnUrl' => 'https://shop.example/omg', 'choosePayment' => 'Credit', 'clientBackUrl' => 'http://shop.example/back']);
        $this->assertSame(['ClientBackURL'], array_map(fn ($w) => $w->field, $checkout->warnings));
        $this->walk($checkout);
    }

    public function testEveryObjectOfEveryKindIsReadableDownToItsNestedObjects(): void
    {
        $sim = new Sim();
        try {
            $client = $sim->client();
            $this->walk(self::checkoutWithAWarning());
            $this->walk($client->settings());
            foreach (['payment_result', 'atm_code_issued', 'cvs_code_issued', 'barcode_code_issued', 'period_charge'] as $kind) {
                $this->walk($client->verifyNotification($client->signTestNotification($kind)));
            }

            $no = $sim->paidCardOrder($client, 499, ['needExtraPaidInfo' => true, 'periodAmount' => 499, 'periodType' => 'D',
                'frequency' => 1, 'execTimes' => 5, 'periodReturnUrl' => 'http://127.0.0.1:9/period']);
            $info = $client->queryTrade($no);
            $this->walk($info);
            $this->walk($client->capture($no, $info->tradeNo, 499));
            $sim->control('advance', ['seconds' => 2 * 86400]); // a charge of the schedule, and the settlement
            $period = $client->queryPeriod($no);
            $this->assertNotEmpty($period->execLog);
            $this->walk($period);
            $this->walk($client->refund($no, $info->tradeNo, 100));
            $detail = $client->queryCreditDetail($info->extra['gwsr'], 499);
            $this->assertNotEmpty($detail->closeData);
            $this->walk($detail);
            $this->walk($client->cancelPeriod($no));
        } finally {
            $sim->stop();
        }
        // Every described type was met, except the error payload (exceptions carry it instead), the
        // explanation and the code meaning (explain() and describeCode() answer arrays) and the
        // receipt (handleNotification answers the request itself).
        $unmet = array_diff(array_keys(self::$types), array_keys($this->seen), ['ErrorPayload', 'Explanation', 'CodeInfo', 'Receipt']);
        $this->assertSame([], array_values($unmet));
    }

    /** Reads every described property of $object and its toArray(), and walks the objects inside. */
    private function walk(object $object): void
    {
        $class = (new \ReflectionClass($object))->getShortName();
        $this->assertArrayHasKey($class, self::$types, "$class is not a described type");
        $this->seen[$class] = true;
        $array = $object->toArray();
        $names = array_column(self::$types[$class]['fields'], 'name');
        $this->assertSame($names, array_keys($array), $class);
        foreach ($names as $name) {
            $value = $object->$name;
            $this->assertEquals($value, $array[$name], "$class::$name");
            foreach (is_array($value) ? $value : [$value] as $item) {
                if (is_object($item)) {
                    $this->walk($item);
                }
            }
        }
    }
}
