<?php

// A FastCGI client for the tests (the protocol as php-fpm speaks it, one request per connection,
// role RESPONDER): what nginx or Apache's proxy_fcgi do in front of php-fpm. Written here because
// the tests run without Composer packages.
declare(strict_types=1);

namespace Omg\Payment\Tests;

final class FastCgi
{
    private const VERSION = 1;
    private const BEGIN_REQUEST = 1;
    private const END_REQUEST = 3;
    private const PARAMS = 4;
    private const STDIN = 5;
    private const STDOUT = 6;
    private const STDERR = 7;
    private const RESPONDER = 1;
    private const REQUEST_ID = 1;
    private const MAX_CONTENT = 65535;

    /**
     * One request to the FastCGI server at 127.0.0.1:$port, running $script. Returns
     * [status, headers (lower-case name => value), body]; the status is the CGI `Status:` header's,
     * 200 when there is none. A connection closed before the server ended the request (a worker
     * that died) is a RuntimeException.
     *
     * @param array<string, string> $env further params (getenv() reads them in the script)
     * @return array{0: int, 1: array<string, string>, 2: string}
     */
    public static function request(int $port, string $script, string $method = 'GET', string $query = '', string $body = '', string $contentType = 'application/x-www-form-urlencoded', array $env = []): array
    {
        $socket = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
        if ($socket === false) {
            throw new \RuntimeException("FastCGI connect to 127.0.0.1:$port failed: $errstr");
        }
        stream_set_timeout($socket, 15);
        $params = $env + [
            'GATEWAY_INTERFACE' => 'CGI/1.1', 'SERVER_PROTOCOL' => 'HTTP/1.1', 'SERVER_SOFTWARE' => 'omg-tests',
            'SERVER_NAME' => '127.0.0.1', 'SERVER_ADDR' => '127.0.0.1', 'SERVER_PORT' => '80',
            'REMOTE_ADDR' => '127.0.0.1', 'REMOTE_PORT' => '40000',
            'REQUEST_METHOD' => $method, 'SCRIPT_FILENAME' => $script, 'SCRIPT_NAME' => '/' . basename($script),
            'REQUEST_URI' => '/' . basename($script) . ($query === '' ? '' : "?$query"), 'QUERY_STRING' => $query,
            'DOCUMENT_ROOT' => dirname($script),
            'CONTENT_TYPE' => $body === '' && $method === 'GET' ? '' : $contentType,
            'CONTENT_LENGTH' => (string) strlen($body),
        ];
        $pairs = '';
        foreach ($params as $name => $value) {
            $pairs .= self::length(strlen($name)) . self::length(strlen($value)) . $name . $value;
        }
        $out = self::record(self::BEGIN_REQUEST, pack('nCx5', self::RESPONDER, 0));
        foreach (str_split($pairs, self::MAX_CONTENT) as $chunk) {
            $out .= self::record(self::PARAMS, $chunk);
        }
        $out .= self::record(self::PARAMS, '');
        foreach ($body === '' ? [] : str_split($body, self::MAX_CONTENT) as $chunk) {
            $out .= self::record(self::STDIN, $chunk);
        }
        $out .= self::record(self::STDIN, '');
        fwrite($socket, $out);

        $stdout = '';
        $ended = false;
        while (!$ended && ($header = self::read($socket, 8)) !== null) {
            $h = unpack('Cversion/Ctype/nid/nlength/Cpadding', $header);
            $content = $h['length'] > 0 ? self::read($socket, $h['length']) : '';
            if ($h['padding'] > 0) {
                self::read($socket, $h['padding']);
            }
            if ($content === null) {
                break;
            }
            match ($h['type']) {
                self::STDOUT => $stdout .= $content,
                self::STDERR => null, // the script's stderr: php-fpm logs it too
                self::END_REQUEST => $ended = true,
                default => null,
            };
        }
        fclose($socket);
        if (!$ended) {
            throw new \RuntimeException('the FastCGI server closed the connection before ending the request (a dead worker?)');
        }
        [$head, $body] = array_pad(explode("\r\n\r\n", $stdout, 2), 2, '');
        $headers = [];
        foreach (explode("\r\n", $head) as $line) {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))] = trim($value);
            }
        }
        $status = isset($headers['status']) ? (int) $headers['status'] : 200;
        return [$status, $headers, $body];
    }

    private static function record(int $type, string $content): string
    {
        return pack('CCnnCx', self::VERSION, $type, self::REQUEST_ID, strlen($content), 0) . $content;
    }

    /** A name-value pair's length: one byte below 128, else four with the high bit set. */
    private static function length(int $n): string
    {
        return $n < 128 ? chr($n) : pack('N', $n | 0x80000000);
    }

    /** @param resource $socket */
    private static function read($socket, int $n): ?string
    {
        $data = '';
        while (strlen($data) < $n) {
            $chunk = fread($socket, $n - strlen($data));
            if ($chunk === false || $chunk === '') {
                return null;
            }
            $data .= $chunk;
        }
        return $data;
    }
}
