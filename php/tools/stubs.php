<?php

// Writes the IDE stubs of the omg_payment extension (php/omg_payment.stub.php) from the loaded
// extension itself: functions, constants, classes and methods by Reflection, and the properties
// of every result / notification class from omg-core's description (Omg\Payment\describeTypes()).
// php/tests/StubsTest.php regenerates them and fails when the committed file differs, so the
// stubs cannot drift from the extension.
//
//   php -d extension=target/release/libomg_payment.so php/tools/stubs.php > php/omg_payment.stub.php
declare(strict_types=1);

if (!extension_loaded('omg_payment')) {
    fwrite(STDERR, "load the extension: php -d extension=target/release/libomg_payment.so php/tools/stubs.php\n");
    exit(2);
}

/**
 * What the methods and functions that Reflection reports as `mixed` return. Checked both ways by
 * omg_stubs(): a `mixed` method missing here, or an entry for a method that does not exist (or
 * whose type Reflection knows), is an error.
 */
const OMG_RETURNS = [
    'Client::verifyNotification' => 'Notification',
    'Client::queryTrade' => 'TradeInfo',
    'Client::queryPeriod' => 'PeriodInfo',
    'Client::cancelPeriod' => 'PeriodActionResult',
    'Client::capture' => 'DoActionResult',
    'Client::refund' => 'DoActionResult',
    'Client::cancelCapture' => 'DoActionResult',
    'Client::abandon' => 'DoActionResult',
    'Client::queryCreditDetail' => 'CreditDetail',
    'Client::settings' => 'ClientSettings',
    'Checkout::html' => 'string',
];

/**
 * The types of the properties Reflection lists without one (ext-php-rs getters), checked both
 * ways like OMG_RETURNS.
 */
const OMG_PROPERTY_TYPES = [
    'Client::merchantId' => 'string',
    'Client::baseUrl' => 'string',
    'Client::isProduction' => 'bool',
    'Client::platformId' => 'string|null',
];

/**
 * The types of the parameters Reflection reports as `mixed` because the extension reads them
 * itself (an amount: an int or a string of digits; a PSR-3-shaped logger), checked both ways
 * like OMG_RETURNS.
 */
const OMG_PARAM_TYPES = [
    'Client::capture($amount)' => 'int|string',
    'Client::refund($amount)' => 'int|string',
    'Client::cancelCapture($amount)' => 'int|string',
    'Client::abandon($amount)' => 'int|string',
    'Client::queryCreditDetail($creditAmount)' => 'int|string',
    'Notification::expectAmount($amount)' => 'int|string',
    'PaymentResult::expectAmount($amount)' => 'int|string',
    'PaymentCodeIssued::expectAmount($amount)' => 'int|string',
    'PeriodCharge::expectAmount($amount)' => 'int|string',
    'Client::setLogger($logger)' => '?object',
    'Client::handleNotification($logger)' => '?object',
];

/** The PHP (phpdoc) type of a described field. */
function omg_field_type(array $field): string
{
    return match ($field['type']) {
        'str' => 'string',
        'opt_str' => 'string|null',
        'int' => 'int',
        'opt_int' => 'int|null',
        'float' => 'float',
        'bool' => 'bool',
        'str_map' => 'array<string, string>',
        'str_list' => 'list<string>',
        'opt_str_list' => 'list<string>|null',
        'list_of_opt_str' => 'list<string|null>',
        'json' => 'mixed',
        'list' => "list<{$field['item']}>",
        default => throw new RuntimeException("unknown value type {$field['type']}"),
    };
}

function omg_type(?ReflectionType $type): string
{
    if ($type === null) {
        return '';
    }
    $name = (string) $type;
    return str_replace('Omg\\Payment\\', '', $name);
}

function omg_params(string $key, ReflectionFunctionAbstract $f, array &$used): string
{
    $params = [];
    foreach ($f->getParameters() as $p) {
        $type = omg_type($p->getType());
        $param = "$key(\${$p->getName()})";
        if (isset(OMG_PARAM_TYPES[$param])) {
            if ($type !== '' && $type !== 'mixed') {
                throw new RuntimeException("$param: Reflection knows its type ($type): remove it from OMG_PARAM_TYPES");
            }
            $used[] = $param;
            $type = OMG_PARAM_TYPES[$param];
        }
        $params[] = ($type === '' ? '' : "$type ") . '$' . $p->getName() . ($p->isOptional() ? ' = null' : '');
    }
    return implode(', ', $params);
}

function omg_return(string $key, ReflectionFunctionAbstract $f, array &$used): string
{
    $type = omg_type($f->getReturnType());
    if (isset(OMG_RETURNS[$key])) {
        if ($type !== '' && $type !== 'mixed') {
            throw new RuntimeException("$key: Reflection knows its return type ($type): remove it from OMG_RETURNS");
        }
        $used[] = $key;
        return ': ' . OMG_RETURNS[$key];
    }
    if ($type === 'mixed') {
        throw new RuntimeException("$key returns mixed: add its type to OMG_RETURNS in php/tools/stubs.php");
    }
    return $type === '' ? '' : ": $type";
}

function omg_stubs(): string
{
    $ext = new ReflectionExtension('omg_payment');
    $described = [];
    foreach (Omg\Payment\describeTypes() as $type) {
        $described[$type['name']] = $type;
    }
    $used = [];
    $out = "<?php\n// IDE stubs of the omg_payment extension. Generated by php/tools/stubs.php from the loaded\n"
        . "// extension and omg-core's description: do not edit (php/tests/StubsTest.php checks them).\n\nnamespace Omg\\Payment;\n";

    $constants = $ext->getConstants();
    ksort($constants);
    foreach ($constants as $name => $value) {
        $out .= "\nconst " . substr($name, strlen('Omg\\Payment\\')) . ' = ' . var_export($value, true) . ";\n";
    }

    $functions = $ext->getFunctions();
    ksort($functions);
    foreach ($functions as $f) {
        $short = substr($f->getName(), strlen('Omg\\Payment\\'));
        $out .= "\nfunction $short(" . omg_params($short, $f, $used) . ')' . omg_return($short, $f, $used) . " {}\n";
    }

    $classes = $ext->getClasses();
    ksort($classes);
    foreach ($classes as $class) {
        $short = $class->getShortName();
        $doc = '';
        if (isset($described[$short])) {
            $doc = "\n/**\n * " . str_replace("\n", "\n * ", trim($described[$short]['doc'])) . "\n *\n";
            foreach ($described[$short]['fields'] as $field) {
                $doc .= ' * @property-read ' . omg_field_type($field) . ' $' . $field['name'] . ' ' . str_replace("\n", ' ', $field['doc']) . "\n";
            }
            $doc .= ' */';
        }
        $own = array_filter($class->getProperties(), fn ($p) => $p->getDeclaringClass()->getName() === $class->getName());
        if ($own && !isset($described[$short])) {
            $doc = "\n/**\n";
            foreach ($own as $p) {
                $key = "$short::{$p->getName()}";
                $type = OMG_PROPERTY_TYPES[$key] ?? throw new RuntimeException("$key has no type: add it to OMG_PROPERTY_TYPES in php/tools/stubs.php");
                $used[] = $key;
                $doc .= " * @property-read $type \${$p->getName()}\n";
            }
            $doc .= ' */';
        }
        $kind = $class->isInterface() ? 'interface' : ($class->isFinal() ? 'final class' : 'class');
        $parent = $class->getParentClass();
        $head = "$kind $short" . ($parent ? ' extends ' . ($parent->inNamespace() ? $parent->getShortName() : '\\' . $parent->getName()) : '');
        $interfaces = array_values(array_diff($class->getInterfaceNames(), $parent ? $parent->getInterfaceNames() : []));
        sort($interfaces);
        if ($interfaces && !$class->isInterface()) {
            $head .= ' implements ' . implode(', ', array_map(fn ($i) => str_starts_with($i, 'Omg\\Payment\\') ? substr($i, 12) : "\\$i", $interfaces));
        }
        $out .= "$doc\n$head\n{\n";
        $methods = array_filter($class->getMethods(), fn ($m) => $m->getDeclaringClass()->getName() === $class->getName());
        usort($methods, fn ($a, $b) => strcmp($a->getName(), $b->getName()));
        foreach ($methods as $m) {
            if (in_array($m->getName(), ['__get', '__isset', '__set'], true)) {
                continue; // the properties above
            }
            $static = $m->isStatic() ? 'static ' : '';
            $body = $class->isInterface() ? ';' : ' {}';
            $out .= "    public {$static}function {$m->getName()}(" . omg_params("$short::{$m->getName()}", $m, $used) . ')' . omg_return("$short::{$m->getName()}", $m, $used) . "$body\n";
        }
        $out .= "}\n";
    }
    $unused = array_diff([...array_keys(OMG_RETURNS), ...array_keys(OMG_PROPERTY_TYPES), ...array_keys(OMG_PARAM_TYPES)], $used);
    if ($unused) {
        throw new RuntimeException('OMG_RETURNS / OMG_PROPERTY_TYPES / OMG_PARAM_TYPES name members the extension does not have: ' . implode(', ', $unused));
    }
    return $out;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    echo omg_stubs();
}
