<?php
// The omg_payment extension through its public API, as a merchant uses it (make test-dist):
//
//   php -n -d extension=/path/omg_payment.so smoke.php VECTORS_JSON OMG_SIM_URL NOTIFY_URL RECEIVED_FILE
//
// NOTIFY_URL is notify.php served by `php -S` with the same extension: handleNotification there
// appends each verified notification's MerchantTradeNo to RECEIVED_FILE. Checks CheckMacValue of
// every vector, a checkout form, a signed notification verified and a forged one refused, the
// helper's replies (1|OK, 0|...), and an order paid on omg-sim whose notification reaches notify.php.
use Omg\Payment as omg;

function ok(string $message): void { echo "  ok: $message\n"; }
function check(bool $condition, string $what): void { if (!$condition) { fwrite(STDERR, "FAILED: $what\n"); exit(1); } }
function post(string $url, string $body, string $type = 'application/x-www-form-urlencoded'): array {
    $context = stream_context_create(['http' => ['method' => 'POST', 'header' => "Content-Type: $type\r\n",
        'content' => $body, 'ignore_errors' => true, 'timeout' => 10]]);
    $reply = file_get_contents($url, false, $context);
    preg_match('{HTTP/\S+ (\d+)}', $http_response_header[0], $m);
    return [(int) $m[1], $reply];
}

[, $vectorsPath, $sim, $notifyUrl, $receivedFile] = $argv;
$module = (new ReflectionExtension('omg_payment'));
printf("  php %s %s %s, extension omg_payment %s\n", PHP_VERSION, PHP_ZTS ? 'ZTS' : 'NTS', php_uname('m'), $module->getVersion() ?: '');

$data = json_decode(file_get_contents($vectorsPath), true);
foreach ($data['vectors'] as $v) {
    $got = omg\checkMacValue($v['params'], $v['hash_key'], $v['hash_iv'], $v['method'] ?? 'sha256');
    check($got === $v['expected'], "vector {$v['name']}: $got");
}
ok(count($data['vectors']) . ' CheckMacValue vectors of tests/vectors');

$client = new omg\Client(['baseUrl' => $sim]);
$body = $client->signTestNotification('payment_result', ['TradeAmt' => '1200']);
$n = $client->verifyNotification($body);
check($n instanceof omg\PaymentResult && $n->isPaid && $n->tradeAmt === 1200, 'the signed notification');
$forged = str_replace('TradeAmt=1200', 'TradeAmt=1', $body);
try {
    $client->verifyNotification($forged);
    check(false, 'a forged notification was accepted');
} catch (omg\SignatureException $e) {
}
ok('a signed notification verified (PaymentResult, 1200), a forged one refused (SignatureException)');

check(post($notifyUrl, $body) === [200, '1|OK'], 'handleNotification answers 1|OK to a signed notification');
[$status, $reply] = post($notifyUrl, $forged);
check($status === 400 && str_starts_with($reply, '0|'), "handleNotification answered $status $reply to a forged one");
ok("handleNotification under php -S at $notifyUrl: signed -> 1|OK, forged -> $status " . json_encode($reply));

$no = omg\generateMerchantTradeNo('D');
$form = $client->checkout(['merchantTradeNo' => $no, 'totalAmount' => 1200, 'tradeDesc' => 'test-dist',
    'itemName' => ['T-shirt', 'Mug'], 'returnUrl' => $notifyUrl, 'choosePayment' => 'Credit']);
check(str_starts_with($form->actionUrl, $sim) && strlen($form->fields['CheckMacValue']) === 64 && str_contains($form->html(), '<form'), 'checkout');
ok("checkout form for $no: " . count($form->fields) . " fields, posted to {$form->actionUrl}");
check(post($form->actionUrl, http_build_query($form->fields))[0] === 200, 'omg-sim took the order');
check(post("$sim/_sim/pay", json_encode(['merchant_trade_no' => $no]), 'application/json')[0] === 200, 'omg-sim paid it');
$info = $client->queryTrade($no);
check($info->isPaid && $info->tradeAmt === 1200, 'QueryTradeInfo says paid');
ok("paid on omg-sim; QueryTradeInfo: {$info->tradeStatusName}, {$info->tradeAmt}");
for ($i = 0; $i < 200 && !in_array($no, @file($receivedFile, FILE_IGNORE_NEW_LINES) ?: [], true); $i++) usleep(50000);
check(in_array($no, @file($receivedFile, FILE_IGNORE_NEW_LINES) ?: [], true), "omg-sim's notification did not reach notify.php");
ok("omg-sim's notification reached notify.php, verified and typed");
echo "  php smoke: all checks passed\n";
