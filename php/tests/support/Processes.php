<?php

// Child processes the tests talk to over loopback: omg-sim and `php -S` servers. Every wait is
// bounded; every process is stopped by the test that started it.
declare(strict_types=1);

namespace Omg\Payment\Tests;

const STAGE_ID = '1000031';
const STAGE_KEY = '265flDjIvesceXWM';
const STAGE_IV = 'pOOvhGd1V2pJbjfX';
/** omg-sim's CreditCheckCode of the stage merchant. */
const SIM_CREDIT_CHECK_CODE = '59997889';

/** A free TCP port on 127.0.0.1. */
function free_port(): int
{
    $socket = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
    if ($socket === false) {
        throw new \RuntimeException("no free port: $errstr");
    }
    $name = stream_socket_get_name($socket, false);
    fclose($socket);
    return (int) substr((string) $name, strrpos((string) $name, ':') + 1);
}

/** Polls $predicate until it returns something truthy; fails after $timeout seconds. */
function wait_until(callable $predicate, float $timeout = 15.0, float $interval = 0.05): mixed
{
    $deadline = microtime(true) + $timeout;
    while (true) {
        $value = $predicate();
        if ($value) {
            return $value;
        }
        if (microtime(true) > $deadline) {
            throw new \RuntimeException("condition not met within $timeout s");
        }
        usleep((int) ($interval * 1e6));
    }
}

/**
 * One HTTP request; returns [status, body]. No exception for 4xx/5xx.
 *
 * @param array<string, string>|null $form
 * @return array{0: int, 1: string}
 */
function http(string $method, string $url, ?array $form = null, ?string $body = null, string $contentType = 'application/x-www-form-urlencoded'): array
{
    $data = $form !== null ? http_build_query($form) : $body;
    $headers = $data !== null ? "Content-Type: $contentType\r\n" : '';
    $context = stream_context_create(['http' => [
        'method' => $method, 'header' => $headers, 'content' => $data ?? '',
        'ignore_errors' => true, 'timeout' => 15, 'follow_location' => 0,
    ]]);
    $reply = @file_get_contents($url, false, $context);
    if ($reply === false) {
        throw new \RuntimeException("$method $url failed");
    }
    $status = 0;
    foreach ($http_response_header as $line) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $line, $m)) {
            $status = (int) $m[1];
        }
    }
    return [$status, $reply];
}

/** Waits until $child (a server) accepts connections on 127.0.0.1:$port; fails if it exits first. */
function wait_for_port(Child $child, int $port, string $name): void
{
    wait_until(function () use ($child, $port, $name): bool {
        if (!$child->running()) {
            throw new \RuntimeException("$name exited");
        }
        $socket = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 1);
        if ($socket === false) {
            return false;
        }
        fclose($socket);
        return true;
    }, 20.0);
}

/** A child process with its stdout as a pipe. */
final class Child
{
    /** @var resource */
    private $process;
    /** @var resource */
    public $stdout;

    /** @param list<string> $command */
    public function __construct(array $command, ?array $env = null)
    {
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, $env);
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start ' . implode(' ', $command));
        }
        $this->process = $process;
        $this->stdout = $pipes[1];
    }

    /** The first line the child prints, waiting at most $timeout seconds. */
    public function firstLine(float $timeout = 15.0): string
    {
        $line = '';
        $deadline = microtime(true) + $timeout;
        while (!str_contains($line, "\n") && microtime(true) < $deadline) {
            $read = [$this->stdout];
            $write = $except = null;
            if (stream_select($read, $write, $except, 0, 100000) > 0) {
                $chunk = fread($this->stdout, 1024);
                if ($chunk === '' || $chunk === false) {
                    break;
                }
                $line .= $chunk;
            }
        }
        return trim(strtok($line, "\n") ?: '');
    }

    public function running(): bool
    {
        return proc_get_status($this->process)['running'];
    }

    public function stop(): void
    {
        if ($this->running()) {
            proc_terminate($this->process, 15);
            $deadline = microtime(true) + 5;
            while ($this->running() && microtime(true) < $deadline) {
                usleep(20000);
            }
            if ($this->running()) {
                proc_terminate($this->process, 9);
            }
        }
        fclose($this->stdout);
        proc_close($this->process);
    }
}

/** A running omg-sim and its control API (/_sim/...). */
final class Sim
{
    public readonly string $baseUrl;
    private Child $child;

    public function __construct()
    {
        $binary = getenv('OMG_SIM_BIN') ?: omg_repo_root() . '/target/debug/omg-sim';
        if (!is_executable($binary)) {
            throw new \RuntimeException("omg-sim is not built at $binary (scripts/test-php.sh builds it)");
        }
        // Without the daily auto-close (on by default, as in production): the tests capture and
        // refund at any real time, and the gateway refuses DoAction 20:15-20:30 Taiwan time.
        $this->child = new Child([$binary, '--port', '0', '--quiet', '--no-daily-auto-close']);
        $url = $this->child->firstLine();
        if (!str_starts_with($url, 'http')) {
            $this->child->stop();
            throw new \RuntimeException("omg-sim did not print its base URL (got '$url')");
        }
        $this->baseUrl = $url;
    }

    /** @return array<string, mixed> */
    public function control(string $route, ?array $body = null, ?string $method = null): array
    {
        $method ??= $body === null ? 'GET' : 'POST';
        [$status, $reply] = http($method, "{$this->baseUrl}/_sim/$route", null, $body === null ? null : json_encode($body === [] ? new \stdClass() : $body), 'application/json');
        if ($status >= 300) {
            throw new \RuntimeException("omg-sim $route: $status $reply");
        }
        return json_decode($reply, true, 512, JSON_THROW_ON_ERROR);
    }

    /** A client of the stage merchant talking to this simulator. */
    public function client(array $options = []): \Omg\Payment\Client
    {
        return new \Omg\Payment\Client($options + ['baseUrl' => $this->baseUrl, 'creditCheckCode' => SIM_CREDIT_CHECK_CODE, 'retries' => 0]);
    }

    /** Posts a checkout's fields to the gateway, as the payer's browser would. */
    public function submit(\Omg\Payment\Checkout $checkout): void
    {
        [$status, $page] = http('POST', $checkout->actionUrl, $checkout->fields);
        if ($status !== 200) {
            throw new \RuntimeException("checkout refused: $status $page");
        }
    }

    /**
     * A card order checked out through $client and paid by the payer: its MerchantTradeNo. $more
     * adds to or replaces the order's fields (a recurring schedule, NeedExtraPaidInfo...).
     */
    public function paidCardOrder(\Omg\Payment\Client $client, int $amount = 1000, array $more = []): string
    {
        $no = $more['merchantTradeNo'] ?? \Omg\Payment\generateMerchantTradeNo('P');
        $this->submit($client->checkout($more + ['merchantTradeNo' => $no, 'totalAmount' => $amount, 'tradeDesc' => 'test',
            'itemName' => 'item', 'returnUrl' => 'http://127.0.0.1:9/return', 'choosePayment' => 'Credit']));
        $this->control('pay', ['merchant_trade_no' => $no, 'method' => 'Credit']);
        return $no;
    }

    public function stop(): void
    {
        $this->child->stop();
    }
}

/** `php -S 127.0.0.1:PORT` serving $router with the extension loaded and $env set. */
final class PhpServer
{
    public readonly string $baseUrl;
    private Child $child;

    /**
     * @param array<string, string> $env
     * @param array<string, string> $ini further INI settings (-d), e.g. error_log => a file
     */
    public function __construct(string $router, array $env = [], array $ini = [])
    {
        $port = free_port();
        $extension = getenv('OMG_PHP_EXTENSION') ?: omg_repo_root() . '/target/release/libomg_payment.so';
        $command = [PHP_BINARY, '-d', "extension=$extension"];
        foreach ($ini as $name => $value) {
            array_push($command, '-d', "$name=$value");
        }
        array_push($command, '-S', "127.0.0.1:$port", $router);
        $this->child = new Child($command, $env + getenv());
        $this->baseUrl = "http://127.0.0.1:$port";
        wait_for_port($this->child, $port, 'php -S');
    }

    /** Whether the server process is still alive. */
    public function running(): bool
    {
        return $this->child->running();
    }

    public function stop(): void
    {
        $this->child->stop();
    }
}

/** A test class's own omg-sim, started before its first test and stopped after its last. */
trait WithSim
{
    private static ?Sim $sim = null;

    public static function setUpBeforeClass(): void
    {
        self::$sim = new Sim();
    }

    public static function tearDownAfterClass(): void
    {
        self::$sim?->stop();
        self::$sim = null;
    }
}
