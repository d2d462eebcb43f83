<?php

// What the extension logs (issue 21 item 11): by default PHP's error_log(), warnings and errors,
// each line starting "omg_payment:"; or a PSR-3-shaped logger (any object with warning() and
// error(), info() when it has one) set with $client->setLogger() or handed to
// handleNotification(). Logged: the client's events (an unknown outcome: warning; retries: info,
// for a logger that has info()) and the helper's refusals (warning) and failures (error). Never
// a HashKey or HashIV. A logger that throws changes nothing the SDK does.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpServer;
use Omg\Payment\Tests\WithSim;
use PHPUnit\Framework\TestCase;

use function Omg\Payment\Tests\http;

use const Omg\Payment\Tests\STAGE_IV;
use const Omg\Payment\Tests\STAGE_KEY;

/** A PSR-3-shaped logger keeping its lines: warning() and error() only, which is enough. */
class MemoryLogger
{
    /** @var list<string> */
    public array $lines = [];

    public function error(string|\Stringable $message, array $context = []): void
    {
        $this->lines[] = "error: $message";
    }

    public function warning(string|\Stringable $message, array $context = []): void
    {
        $this->lines[] = "warning: $message";
    }
}

/** The same with info(), as full PSR-3 loggers have. */
final class MemoryLoggerWithInfo extends MemoryLogger
{
    public function info(string|\Stringable $message, array $context = []): void
    {
        $this->lines[] = "info: $message";
    }
}

final class LoggingTest extends TestCase
{
    use WithSim;

    private const DO_ACTION = '/CreditDetail/DoAction';
    private const QUERY_TRADE = '/Cashier/QueryTradeInfo/V5';

    protected function setUp(): void
    {
        file_put_contents((string) ini_get('error_log'), ''); // the bootstrap's file for this run
    }

    protected function tearDown(): void
    {
        self::$sim->control('faults', null, 'DELETE');
    }

    private static function errorLog(): string
    {
        return (string) file_get_contents((string) ini_get('error_log'));
    }

    /** A paid card order on omg-sim: [MerchantTradeNo, TradeNo]. */
    private static function paidOrder(omg\Client $client): array
    {
        $no = self::$sim->paidCardOrder($client);
        return [$no, $client->queryTrade($no)->tradeNo];
    }

    /** Captures an order with a 429 answered after the gateway applied it: an unknown outcome. */
    private static function unknownCapture(omg\Client $client): omg\TransportException
    {
        [$no, $tradeNo] = self::paidOrder(self::$sim->client());
        self::$sim->control('faults', ['path' => self::DO_ACTION, 'apply_then_status' => 429, 'count' => 1]);
        try {
            $client->capture($no, $tradeNo, 1000);
        } catch (omg\TransportException $e) {
            return $e;
        }
        throw new \RuntimeException('the capture did not fail');
    }

    public function testByDefaultAnUnknownOutcomeIsAWarningInErrorLogWithoutSecrets(): void
    {
        $e = self::unknownCapture(self::$sim->client());
        $this->assertTrue($e->isOutcomeUnknown());
        $log = self::errorLog();
        $this->assertMatchesRegularExpression('/omg_payment: warning: DoAction: outcome unknown: HTTP 429 .*QueryTrade\/V2/', $log);
        $this->assertStringNotContainsString(STAGE_KEY, $log);
        $this->assertStringNotContainsString(STAGE_IV, $log);
    }

    public function testByDefaultRetriesAreNotLoggedButALoggerWithInfoGetsThem(): void
    {
        [$no] = self::paidOrder(self::$sim->client());
        $options = ['retries' => 2, 'initialBackoff' => 0.01, 'maxBackoff' => 0.02];
        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'status' => 503, 'count' => 1]);
        $this->assertSame($no, self::$sim->client($options)->queryTrade($no)->merchantTradeNo);
        $this->assertSame('', self::errorLog(), 'a retry that succeeded is not a warning');

        $logger = new MemoryLoggerWithInfo();
        $client = self::$sim->client($options);
        $client->setLogger($logger);
        self::$sim->control('faults', ['path' => self::QUERY_TRADE, 'status' => 503, 'count' => 1]);
        $client->queryTrade($no);
        $this->assertCount(1, $logger->lines, implode("\n", $logger->lines));
        $this->assertMatchesRegularExpression('/^info: QueryTradeInfo\/V5: retrying in \d+ ms \(attempt 2\) after: .*503/', $logger->lines[0]);
    }

    public function testASetLoggerGetsTheClientsWarningsInsteadOfErrorLog(): void
    {
        $logger = new MemoryLogger(); // warning() and error() only: enough
        $client = self::$sim->client();
        $client->setLogger($logger);
        self::unknownCapture($client);
        $this->assertCount(1, $logger->lines);
        $this->assertStringStartsWith('warning: DoAction: outcome unknown: HTTP 429', $logger->lines[0]);
        $this->assertSame('', self::errorLog());

        $client->setLogger(null); // back to error_log
        self::unknownCapture($client);
        $this->assertCount(1, $logger->lines);
        $this->assertStringContainsString('omg_payment: warning: DoAction: outcome unknown', self::errorLog());
    }

    public function testALoggerThatThrowsChangesNothingTheSdkDoes(): void
    {
        $client = self::$sim->client();
        $client->setLogger(new class () {
            public function warning(string $message, array $context = []): void
            {
                throw new \LogicException('the log server is down');
            }

            public function error(string $message, array $context = []): void
            {
            }
        });
        $e = self::unknownCapture($client); // still the TransportException, not the logger's
        $this->assertTrue($e->isOutcomeUnknown());
        $this->assertSame('QueryTrade/V2', $e->getReconcileWith());
        $this->assertStringContainsString('omg_payment: the logger threw LogicException; the line was: DoAction: outcome unknown', self::errorLog());
    }

    public function testALoggerMustHaveWarningAndError(): void
    {
        foreach (['a string' => 'logger', 'an object without the methods' => new \stdClass(), 'an array' => ['warning']] as $case => $value) {
            try {
                omg\Client::stage()->setLogger($value);
                $this->fail("$case accepted");
            } catch (\TypeError $e) {
                $this->assertStringContainsString('Argument #1 ($logger) must be null or a logger with warning() and error() methods (PSR-3)', $e->getMessage(), $case);
            }
        }
        try {
            omg\Client::stage()->handleNotification(fn () => null, null, new \stdClass());
            $this->fail('accepted');
        } catch (\TypeError $e) {
            $this->assertStringContainsString('Argument #3 ($logger)', $e->getMessage());
        }
    }

    public function testTheHelpersRefusalsAndFailuresAreLoggedByDefaultOrThroughTheLoggerGiven(): void
    {
        $log = (string) tempnam(sys_get_temp_dir(), 'omg-logging-');
        $errors = (string) tempnam(sys_get_temp_dir(), 'omg-logging-errors-');
        $loggerLog = (string) tempnam(sys_get_temp_dir(), 'omg-logging-logger-');
        $server = new PhpServer(__DIR__ . '/fixtures/notify.php', ['NOTIFY_LOG' => $log, 'LOGGER_LOG' => $loggerLog], ['error_log' => $errors]);
        $read = function (string $file, string $expected): string {
            $deadline = microtime(true) + 5;
            do {
                $content = (string) file_get_contents($file);
            } while (!str_contains($content, $expected) && microtime(true) < $deadline && usleep(20000) === null);
            return $content;
        };
        try {
            $genuine = omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => 'LOG1']);
            $forged = str_replace('MerchantTradeNo=LOG1', 'MerchantTradeNo=LOG2', $genuine);

            // No logger: error_log, a warning for the refusal, an error for the failed handler.
            $this->assertSame(400, http('POST', "{$server->baseUrl}/", null, $forged)[0]);
            $this->assertSame(500, http('POST', "{$server->baseUrl}/?throw=1", null, $genuine)[0]);
            $lines = $read($errors, 'handler failed');
            $this->assertMatchesRegularExpression('/omg_payment: warning: notification refused \(HTTP 400\): .*CheckMacValue/', $lines);
            $this->assertMatchesRegularExpression('/omg_payment: error: the notification handler failed, answered 500 0\|the handler failed .*RuntimeException: the shop database is down in .*notify\.php:\d+/', $lines);
            $this->assertSame(415, http('POST', "{$server->baseUrl}/", null, $genuine, 'application/json')[0]);
            $this->assertStringContainsString('omg_payment: warning: notification refused (HTTP 415)', $read($errors, 'HTTP 415'));

            // The client's logger, then the helper's argument: those lines go there, not to error_log.
            foreach (['client', 'helper'] as $where) {
                file_put_contents($errors, '');
                file_put_contents($loggerLog, '');
                $this->assertSame(400, http('POST', "{$server->baseUrl}/?logger=$where", null, $forged)[0]);
                $this->assertMatchesRegularExpression('/^warning: notification refused \(HTTP 400\): /', $read($loggerLog, 'refused'), $where);
                $this->assertSame('', (string) file_get_contents($errors), $where);
            }
            foreach ([$errors, $loggerLog] as $file) {
                $this->assertStringNotContainsString(STAGE_KEY, (string) file_get_contents($file));
                $this->assertStringNotContainsString(STAGE_IV, (string) file_get_contents($file));
            }
        } finally {
            $server->stop();
            foreach ([$log, $errors, $loggerLog] as $file) {
                @unlink($file);
            }
        }
    }
}
