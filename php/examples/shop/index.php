<?php

// A small shop on omg-payment, served by PHP's built-in server:
//
//   php -d extension=target/release/libomg_payment.so -S 127.0.0.1:8000 php/examples/shop/index.php
//
// Settings from the environment: OMG_* (Client::fromEnv(); without them the offline gateway at
// http://127.0.0.1:8090 and the public stage merchant), OMG_SHOP_URL (this shop's address as the
// gateway reaches it), OMG_SHOP_DB (the SQLite file). docs/php.md walks through it.
declare(strict_types=1);

use Omg\Payment as omg;

require __DIR__ . '/Database.php';
require __DIR__ . '/Notifications.php';
require __DIR__ . '/OrderKinds.php';

if (!getenv('OMG_ENV') && !getenv('OMG_BASE_URL')) {
    putenv('OMG_BASE_URL=http://127.0.0.1:8090'); // development default: omg-sim
    putenv('OMG_CREDIT_CHECK_CODE=59997889');
}
$client = omg\Client::fromEnv();
// Refusals, failed handlers and unknown outcomes are logged through PHP's error_log (the terminal
// of php -S); $client->setLogger($psr3Logger) sends them to any logger with warning() and error().
$shopUrl = rtrim(getenv('OMG_SHOP_URL') ?: 'http://' . ($_SERVER['HTTP_HOST'] ?? '127.0.0.1:8000'), '/');
$db = new Database(getenv('OMG_SHOP_DB') ?: sys_get_temp_dir() . '/omg-php-shop.sqlite3');
$notifications = new Notifications($db);

$method = $_SERVER['REQUEST_METHOD'];
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

function page(string $title, string $body): void
{
    header('Content-Type: text/html; charset=utf-8');
    $t = htmlspecialchars($title);
    echo "<!DOCTYPE html><html><head><meta charset='utf-8'><title>$t</title></head><body><h1>$t</h1>$body<p><a href='/'>Shop</a></p></body></html>";
}

function json(mixed $value, int $status = 200): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

/** A DoAction (capture / refund) on a paid card order; never re-sent when its outcome is unknown. */
function do_action(omg\Client $client, Database $db, string $no, string $action, int $amount): void
{
    $order = $db->row('SELECT * FROM orders WHERE merchant_trade_no = ?', [$no]);
    if ($order === null || !$order['trade_no']) {
        json(['error' => 'no paid card order'], 404);
        return;
    }
    try {
        $result = $client->$action($no, $order['trade_no'], $amount);
        [$outcome, $status] = ["ok: {$result->rtnMsg}", 200];
    } catch (omg\GatewayException $e) {
        [$outcome, $status] = ['refused: ' . $e->getRtnMsg(), 409];
    } catch (omg\TransportException $e) {
        // Never resend a DoAction: when its outcome is unknown, QueryTrade/V2 tells.
        [$outcome, $status] = [$e->isOutcomeUnknown() ? 'unknown: check the card detail before trying again' : 'failed: ' . $e->getMessage(), 502];
    }
    $db->run('INSERT INTO actions (merchant_trade_no, action, amount, outcome, at) VALUES (?, ?, ?, ?, ?)', [$no, $action, $amount, $outcome, gmdate('c')]);
    json(['action' => $action, 'amount' => $amount, 'outcome' => $outcome], $status);
}

// ----- routes -------------------------------------------------------------------------------
if ($method === 'GET' && $path === '/') {
    $options = '';
    foreach (OrderKinds::TITLES as $kind => $title) {
        $options .= "<option value='$kind'>" . htmlspecialchars($title) . '</option>';
    }
    page('omg-payment shop (PHP)', "<form method='post' action='/orders'><select name='kind'>$options</select>"
        . " <input name='amount' value='1200'> <button>Buy</button></form>");
} elseif ($method === 'POST' && $path === '/orders') {
    $kind = (string) ($_POST['kind'] ?? '');
    $amount = (int) ($_POST['amount'] ?? 0);
    if (!isset(OrderKinds::TITLES[$kind]) || $amount <= 0) {
        http_response_code(400);
        page('Bad order', '<p>Unknown kind or amount.</p>');
        return;
    }
    $no = omg\generateMerchantTradeNo('P');
    $db->run("INSERT INTO orders (merchant_trade_no, kind, amount, status, created_at) VALUES (?, ?, ?, 'created', ?)", [$no, $kind, $amount, gmdate('c')]);
    $checkout = $client->checkout(OrderKinds::order($kind, $amount, $no, $shopUrl));
    header('Content-Type: text/html; charset=utf-8');
    echo $checkout->html(); // the payer's browser posts it to the gateway
} elseif ($method === 'POST' && $path === '/omg/return') {
    $client->handleNotification([$notifications, 'paymentResult']);
} elseif ($method === 'POST' && $path === '/omg/payment-info') {
    $client->handleNotification([$notifications, 'codeIssued']);
} elseif ($method === 'POST' && $path === '/omg/period') {
    $client->handleNotification([$notifications, 'periodCharge']);
} elseif ($method === 'POST' && ($path === '/omg/result' || $path === '/omg/code')) {
    // The payer's browser comes back: show the order, never fulfil here.
    try {
        $n = $client->verifyNotification((string) file_get_contents('php://input'));
        header('Location: /orders/' . rawurlencode((string) $n->merchantTradeNo), true, 303);
    } catch (omg\OmgException $e) {
        http_response_code(400);
        page('Not a genuine result', '<p>' . htmlspecialchars($e->getMessage()) . '</p>');
    }
} elseif (preg_match('#^/orders/([0-9A-Za-z]+)(/[a-z.]+)?$#', $path, $m)) {
    [$no, $tail] = [$m[1], $m[2] ?? ''];
    $order = $db->row('SELECT * FROM orders WHERE merchant_trade_no = ?', [$no]);
    if ($order === null) {
        http_response_code(404);
        page('No such order', '');
    } elseif ($method === 'GET' && $tail === '') {
        $code = $order['payment_code'] ? json_decode($order['payment_code'], true) : [];
        $barcode = !empty($code['barcodes']) ? "<p><img src='/orders/$no/barcode.svg' alt='barcode.svg'></p>" : '';
        page("Order $no", '<p>' . htmlspecialchars("{$order['kind']}, {$order['amount']} TWD: {$order['status']}")
            . ($order['status'] === 'simulated' ? ' (a simulated payment: nothing is shipped)' : '') . '</p>'
            . ($code ? '<pre>' . htmlspecialchars(json_encode($code, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE)) . '</pre>' : '') . $barcode);
    } elseif ($method === 'GET' && $tail === '/status.json') {
        try {
            $gateway = $client->queryTrade($no)->toArray();
        } catch (omg\OmgException $e) {
            $gateway = ['error' => $e->getMessage()];
        }
        json(['order' => $order, 'gateway' => $gateway,
            'period_charges' => $db->rows('SELECT * FROM period_charges WHERE merchant_trade_no = ?', [$no]),
            'actions' => $db->rows('SELECT * FROM actions WHERE merchant_trade_no = ?', [$no])]);
    } elseif ($method === 'GET' && $tail === '/barcode.svg') {
        $code = $order['payment_code'] ? json_decode($order['payment_code'], true) : [];
        if (empty($code['barcodes'])) {
            http_response_code(404);
            echo 'no barcode';
        } else {
            header('Content-Type: image/svg+xml');
            echo omg\barcodeSvg($code['barcodes']);
        }
    } elseif ($method === 'POST' && ($tail === '/capture' || $tail === '/refund')) {
        do_action($client, $db, $no, substr($tail, 1), (int) ($_POST['amount'] ?? 0));
    } elseif ($method === 'GET' && $tail === '/card.json') {
        if (!$order['gwsr']) {
            json(['error' => 'no card payment'], 404);
            return;
        }
        try {
            $d = $client->queryCreditDetail($order['gwsr'], (int) $order['amount']);
            $entries = array_map(fn ($e) => ['status' => $e->statusName, 'amount' => $e->amount], $d->closeData);
            json(['status' => $d->statusName, 'amount' => $d->amount, 'clsamt' => $d->clsamt, 'close_data' => $entries]);
        } catch (omg\OmgException $e) {
            json(['error' => $e->getMessage()], 502);
        }
    } else {
        http_response_code(405);
        echo 'method not allowed';
    }
} else {
    http_response_code(404);
    page('Not found', '');
}
