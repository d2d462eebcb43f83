<?php
// The ReturnURL of smoke.php, served by `php -S`: the extension's helper reads php://input,
// verifies and answers; each verified PaymentResult's MerchantTradeNo is appended to the file
// named by OMG_RECEIVED.
use Omg\Payment as omg;

$client = new omg\Client(['baseUrl' => getenv('OMG_SIM_URL')]);
$client->handleNotification(function (omg\PaymentResult $n): void {
    file_put_contents(getenv('OMG_RECEIVED'), $n->merchantTradeNo . "\n", FILE_APPEND | LOCK_EX);
}, function (Throwable $e): void {
});
