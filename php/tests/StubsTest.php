<?php

// The IDE stubs (php/omg_payment.stub.php) are exactly what php/tools/stubs.php writes from the
// loaded extension and omg-core's description: a method, function, constant or described field
// added, removed or retyped without regenerating them fails here.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

require_once omg_repo_root() . '/php/tools/stubs.php';

final class StubsTest extends TestCase
{
    public function testTheStubsMatchTheLoadedExtension(): void
    {
        $committed = (string) file_get_contents(omg_repo_root() . '/php/omg_payment.stub.php');
        $this->assertSame(
            omg_stubs(),
            $committed,
            'php/omg_payment.stub.php is stale: php -d extension=target/release/libomg_payment.so php/tools/stubs.php > php/omg_payment.stub.php'
        );
    }

    public function testEveryDescribedPropertyReadsWithItsDocumentedType(): void
    {
        // The stub's promise checked against real objects: each property of a verified payment
        // result has the PHP type its @property-read line says.
        $client = \Omg\Payment\Client::stage();
        $n = $client->verifyNotification($client->signTestNotification('payment_result', ['MerchantTradeNo' => 'S1']));
        $fields = array_values(array_filter(\Omg\Payment\describeTypes(), fn ($t) => $t['name'] === 'PaymentResult'))[0]['fields'];
        foreach ($fields as $field) {
            $value = $n->{$field['name']};
            $ok = match ($field['type']) {
                'str' => is_string($value),
                'opt_str' => $value === null || is_string($value),
                'int' => is_int($value),
                'opt_int' => $value === null || is_int($value),
                'bool' => is_bool($value),
                'str_map' => is_array($value),
                'list_of_opt_str' => is_array($value) && array_is_list($value),
                default => true,
            };
            $this->assertTrue($ok, "{$field['name']} ({$field['type']}): " . var_export($value, true));
        }
    }
}
