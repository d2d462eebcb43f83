<?php

// checkMacValue and verifyNotification of the omg_payment extension against the plain-PHP way
// (plain.php), side by side in one run. Bounded: a fixed number of calls each, about a second
// in all.
//
//   php -d extension=target/release/libomg_payment.so php/bench/bench.php [iterations]
declare(strict_types=1);

use Omg\Payment as omg;

require __DIR__ . '/plain.php';

const KEY = '265flDjIvesceXWM';
const IV = 'pOOvhGd1V2pJbjfX';

$iterations = max(1000, (int) ($argv[1] ?? 20000));
$client = omg\Client::stage();
// A realistic ReturnURL notification (NeedExtraPaidInfo=N): 15 fields and a Chinese RtnMsg.
$body = $client->signTestNotification('payment_result', ['MerchantTradeNo' => 'BENCH20241125001', 'TradeAmt' => 1200, 'CustomField1' => "Tom's (gift) ~ note"]);
parse_str($body, $fields);
unset($fields['CheckMacValue']);

// The two implementations agree before anything is timed.
if (omg\checkMacValue($fields, KEY, IV) !== plain_check_mac_value($fields, KEY, IV)) {
    fwrite(STDERR, "the plain implementation disagrees with the extension\n");
    exit(1);
}
if ($client->verifyNotification($body)->merchantTradeNo !== plain_verify_notification($body, KEY, IV)['MerchantTradeNo']) {
    fwrite(STDERR, "the plain verification disagrees with the extension\n");
    exit(1);
}

/** Nanoseconds per call of $f, the best of 3 rounds of $n calls. */
function per_call(callable $f, int $n): float
{
    $best = INF;
    for ($round = 0; $round < 3; $round++) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $f();
        }
        $best = min($best, (hrtime(true) - $start) / $n);
    }
    return $best;
}

$rows = [
    'checkMacValue' => [
        per_call(fn () => omg\checkMacValue($fields, KEY, IV), $iterations),
        per_call(fn () => plain_check_mac_value($fields, KEY, IV), $iterations),
    ],
    'verifyNotification' => [
        per_call(fn () => $client->verifyNotification($body), $iterations),
        per_call(fn () => plain_verify_notification($body, KEY, IV), $iterations),
    ],
    // What a handler does next: read a few properties (the first read builds the typed view).
    'verify + 3 reads' => [
        per_call(function () use ($client, $body) {
            $n = $client->verifyNotification($body);
            return [$n->merchantTradeNo, $n->tradeAmt, $n->isPaid];
        }, $iterations),
        per_call(function () use ($body) {
            $f = plain_verify_notification($body, KEY, IV);
            return [$f['MerchantTradeNo'], (int) $f['TradeAmt'], $f['RtnCode'] === '1'];
        }, $iterations),
    ],
];

printf("PHP %s, %d calls x 3 rounds (best), %d fields, body %d bytes\n", PHP_VERSION, $iterations, count($fields) + 1, strlen($body));
printf("%-20s %14s %14s %8s\n", '', 'omg_payment', 'plain PHP', 'speed-up');
foreach ($rows as $name => [$ext, $plain]) {
    printf("%-20s %11.2f µs %11.2f µs %7.2fx\n", $name, $ext / 1000, $plain / 1000, $plain / $ext);
}
