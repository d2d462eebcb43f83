<?php

// The IDE stubs (php/omg_payment.stub.php) are generated from omg-core's contract (`make
// generate`; `make check-generated` holds the file to the contract byte for byte). Here they are
// held to the loaded extension: what they declare exists, with the parameter names PHP sees.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class StubsTest extends TestCase
{
    /**
     * The generated stubs against the loaded extension, as mypy.stubtest holds Python's: every
     * class, method and function the stub declares exists with the same parameter names in the
     * same order, and the extension has no public method or function the stub lacks.
     */
    public function testTheStubsDeclareWhatTheExtensionHas(): void
    {
        $stub = (string) file_get_contents(omg_repo_root() . '/php/omg_payment.stub.php');
        $declared = [];
        $class = null;
        foreach (explode("\n", $stub) as $line) {
            if (preg_match('/^(?:final class|class|interface) (\w+)/', $line, $m)) {
                $class = $m[1];
                $declared[$class] = [];
            } elseif (preg_match('/^function (\w+)\(([^)]*)\)/', $line, $m)) {
                $declared[''][$m[1]] = $this->names($m[2]);
            } elseif ($class !== null && preg_match('/public (?:static )?function (\w+)\(([^)]*)\)/', $line, $m)) {
                $declared[$class][$m[1]] = $this->names($m[2]);
            }
        }
        $ext = new ReflectionExtension('omg_payment');
        $functions = [];
        foreach ($ext->getFunctions() as $f) {
            $functions[substr($f->getName(), strlen('Omg\\Payment\\'))] = array_map(fn ($p) => $p->getName(), $f->getParameters());
        }
        ksort($functions);
        $want = $declared[''];
        ksort($want);
        $this->assertSame($want, $functions, 'the functions of php/omg_payment.stub.php');
        $classes = array_map(fn ($c) => $c->getShortName(), $ext->getClasses());
        sort($classes);
        $stubClasses = array_keys(array_diff_key($declared, ['' => 1]));
        sort($stubClasses);
        $this->assertSame($stubClasses, $classes, 'the classes of php/omg_payment.stub.php');
        foreach ($ext->getClasses() as $reflection) {
            $methods = [];
            foreach ($reflection->getMethods() as $m) {
                if ($m->getDeclaringClass()->getName() !== $reflection->getName() || in_array($m->getName(), ['__get', '__isset', '__set', '__construct'], true)) {
                    continue;
                }
                $methods[$m->getName()] = array_map(fn ($p) => $p->getName(), $m->getParameters());
            }
            $want = array_diff_key($declared[$reflection->getShortName()], ['__construct' => 1]);
            ksort($methods);
            ksort($want);
            $this->assertSame($want, $methods, 'the methods of ' . $reflection->getShortName());
        }
    }

    /** `array $a, ?string $b = null` → ['a', 'b']. */
    private function names(string $params): array
    {
        preg_match_all('/\$(\w+)/', $params, $m);
        return $m[1];
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
