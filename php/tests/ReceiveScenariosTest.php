<?php

// The receive scenarios (tests/scenarios/receive.json): one HTTP request each, written byte for
// byte to `php -S` over loopback, whose router (fixtures/receive.php) runs handleNotification with
// the handler the case names. Every web helper (and omg-core) gives each case the same status and
// reply; only here can the handler exit (docs/php.md: exit(0) is answered 1|OK).
declare(strict_types=1);

use Omg\Payment\Tests\PhpServer;
use PHPUnit\Framework\TestCase;

final class ReceiveScenariosTest extends TestCase
{
    private static PhpServer $server;

    public static function setUpBeforeClass(): void
    {
        self::$server = new PhpServer(__DIR__ . '/fixtures/receive.php', [], ['error_log' => '/dev/null']);
    }

    public static function tearDownAfterClass(): void
    {
        self::$server->stop();
    }

    public static function cases(): iterable
    {
        $path = omg_repo_root() . '/tests/scenarios/receive.json';
        $file = json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
        foreach ($file['cases'] as $case) {
            yield $case['name'] => [$case];
        }
    }

    /** Sends the request exactly as given (no header added); returns [status, body]. */
    private static function send(string $method, string $path, ?string $contentType, string $body): array
    {
        $port = (int) parse_url(self::$server->baseUrl, PHP_URL_PORT);
        $socket = stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 10);
        if ($socket === false) {
            throw new RuntimeException("cannot connect to php -S: $error");
        }
        stream_set_timeout($socket, 30);
        $head = "$method $path HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nConnection: close\r\n"
            . 'Content-Length: ' . strlen($body) . "\r\n"
            . ($contentType === null ? '' : "Content-Type: $contentType\r\n");
        fwrite($socket, "$head\r\n$body");
        $reply = (string) stream_get_contents($socket);
        fclose($socket);
        [$headers, $content] = explode("\r\n\r\n", $reply, 2) + ['', ''];
        preg_match('#^HTTP/\S+ (\d{3})#', $headers, $m);
        if (preg_match('/^Transfer-Encoding:\s*chunked/mi', $headers)) {
            $content = self::unchunked($content);
        }
        return [(int) ($m[1] ?? 0), $content];
    }

    private static function unchunked(string $content): string
    {
        $out = '';
        while (preg_match('/^([0-9a-fA-F]+)\r\n/', $content, $m) && hexdec($m[1]) > 0) {
            $size = (int) hexdec($m[1]);
            $out .= substr($content, strlen($m[0]), $size);
            $content = substr($content, strlen($m[0]) + $size + 2);
        }
        return $out;
    }

    /** @dataProvider cases */
    public function testTheReceiveScenario(array $case): void
    {
        $given = $case['input'];
        $body = isset($given['body_hex']) ? (string) hex2bin($given['body_hex']) : $given['body'];
        $path = '/' . $given['handler'] . (isset($given['expect_kind']) ? '/' . $given['expect_kind'] : '');
        $got = self::send($given['method'], $path, $given['content_type'], $body);
        $this->assertSame([$case['expect']['status'], $case['expect']['reply']], $got);
    }
}
