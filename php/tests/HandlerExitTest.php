<?php

// A notification handler that ends the request the PHP way (exit; exit(0); die(); die('text'))
// inside $client->handleNotification(), under PHP's built-in server and under php-fpm, with and
// without $onError (issue 21 item 1). It used to kill the PHP process (SIGSEGV: the extension
// called __toString on the engine's exit marker) and, with $onError, to swallow the exit and
// answer 500. Now: the handler's work is done, so the reply is exactly 200 "1|OK"; the request
// ends there (the script does not go on, shutdown functions run); $onError is not called; and
// the same process serves the next request. exit(3) (a failure status) is answered 500.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpFpm;
use Omg\Payment\Tests\PhpServer;
use PHPUnit\Framework\TestCase;

use function Omg\Payment\Tests\http;

final class HandlerExitTest extends TestCase
{
    private const SCRIPT = __DIR__ . '/fixtures/exit.php';
    private static string $log = '';
    private static string $errorLog = '';
    private static ?PhpServer $server = null;
    private static ?PhpFpm $fpm = null;

    public static function setUpBeforeClass(): void
    {
        self::$log = (string) tempnam(sys_get_temp_dir(), 'omg-exit-');
        self::$errorLog = (string) tempnam(sys_get_temp_dir(), 'omg-exit-errors-');
        self::$server = new PhpServer(self::SCRIPT, ['NOTIFY_LOG' => self::$log], ['error_log' => self::$errorLog]);
        self::$fpm = new PhpFpm([], ['NOTIFY_LOG' => self::$log]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server?->stop();
        self::$fpm?->stop();
        @unlink(self::$log);
        @unlink(self::$errorLog);
    }

    protected function setUp(): void
    {
        file_put_contents(self::$log, '');
        file_put_contents(self::$errorLog, '');
    }

    private static function genuine(string $no): string
    {
        return omg\Client::stage()->signTestNotification('payment_result', ['MerchantTradeNo' => $no, 'TradeNo' => 'T' . $no]);
    }

    /** The dedupe key signTestNotification's payment result has for $no (TradeNo T$no, RtnCode 1). */
    private static function key(string $no): string
    {
        return strtolower("payment_result|$no|t$no|1");
    }

    /** @return array<string, array{0: string, 1: string}> */
    public static function exits(): array
    {
        $cases = [];
        foreach (['exit', 'exit0', 'die', 'die_text'] as $end) {
            foreach (['without $onError' => '0', 'with $onError' => '1'] as $name => $onError) {
                $cases["$end, $name"] = [$end, $onError];
            }
        }
        return $cases;
    }

    /** @dataProvider exits */
    public function testUnderPhpsBuiltInServerAnExitingHandlerIsAcknowledgedAndTheServerLives(string $end, string $onError): void
    {
        $base = self::$server->baseUrl;
        $no = 'X' . strtoupper($end);
        [$status, $reply] = http('POST', "$base/?end=$end&onerror=$onError", null, self::genuine($no));
        $this->assertSame([200, '1|OK'], [$status, $reply]);
        $this->assertRequestEndedAfterTheHandler($no);
        usleep(100000);
        $this->assertTrue(self::$server->running(), 'php -S died');
        // The same server answers the next notification.
        file_put_contents(self::$log, '');
        $this->assertSame([200, '1|OK'], http('POST', "$base/?end=exit&onerror=$onError", null, self::genuine('NEXT')));
        $this->assertStringContainsString('handled ' . self::key('NEXT'), (string) file_get_contents(self::$log));
    }

    /** @dataProvider exits */
    public function testUnderPhpFpmAnExitingHandlerIsAcknowledgedAndTheWorkerLives(string $end, string $onError): void
    {
        $fpm = self::$fpm;
        [, , $pid] = $fpm->request(self::SCRIPT, 'GET', 'pid=1');
        $no = 'F' . strtoupper($end);
        [$status, $headers, $reply] = $fpm->request(self::SCRIPT, 'POST', "end=$end&onerror=$onError", self::genuine($no));
        $this->assertSame([200, '1|OK'], [$status, $reply]);
        $this->assertSame('text/plain; charset=utf-8', $headers['content-type'] ?? null);
        $this->assertRequestEndedAfterTheHandler($no);
        // The one worker of the pool is the one that served the request before: it did not die.
        [, , $after] = $fpm->request(self::SCRIPT, 'GET', 'pid=1');
        $this->assertSame($pid, $after, 'the php-fpm worker was replaced');
        $this->assertSame([(int) $pid], $fpm->workers());
        $this->assertDoesNotMatchRegularExpression('/exited on signal|SIGSEGV|SIGABRT/', (string) file_get_contents($fpm->fpmLog));
    }

    public function testAnExitWithAFailureStatusIsAnsweredAsAFailedHandler(): void
    {
        [$status, $reply] = http('POST', self::$server->baseUrl . '/?end=exit3&onerror=1', null, self::genuine('X3'));
        $this->assertSame([500, '0|the handler failed'], [$status, $reply]);
        $this->assertRequestEndedAfterTheHandler('X3');
        $this->assertMatchesRegularExpression('/omg_payment: error: the notification handler ended the request with exit\(3\)/', (string) file_get_contents(self::$errorLog));

        [$status, , $reply] = self::$fpm->request(self::SCRIPT, 'POST', 'end=exit3', self::genuine('F3'));
        $this->assertSame([500, '0|the handler failed'], [$status, $reply]);
        $this->assertDoesNotMatchRegularExpression('/exited on signal/', (string) file_get_contents(self::$fpm->fpmLog));
    }

    public function testTheTextOfDieIsDroppedFromTheReplyAndLogged(): void
    {
        [$status, $reply] = http('POST', self::$server->baseUrl . '/?end=die_text', null, self::genuine('XT'));
        $this->assertSame([200, '1|OK'], [$status, $reply]);
        $this->assertStringContainsString('omg_payment: warning: the notification handler ended the request with exit/die after printing "printed by the handlerthe handler is done"', (string) file_get_contents(self::$errorLog));
    }

    /** The handler ran, then the request ended: no code after the helper, shutdown functions ran, $onError never called. */
    private function assertRequestEndedAfterTheHandler(string $no): void
    {
        $this->assertSame('handled ' . self::key($no) . "\nshutdown\n", self::waitForLine(self::$log, 'shutdown'));
    }

    /** The file's content once it holds the line $line (the server may write it just after replying). */
    private static function waitForLine(string $file, string $line): string
    {
        $deadline = microtime(true) + 5;
        do {
            $content = (string) file_get_contents($file);
            if (str_contains($content, "$line\n")) {
                return $content;
            }
            usleep(20000);
        } while (microtime(true) < $deadline);
        return $content;
    }
}
