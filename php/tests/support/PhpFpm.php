<?php

// php-fpm (Debian's php8.2-fpm, installed by scripts/test-php.sh) as the tests run it: its own
// configuration in a temporary directory, no php.ini (-n) but the extension and the given INI
// settings, one pool of exactly one worker listening on 127.0.0.1 (so "the same worker served
// the next request" is a process id that did not change), its log and PHP's error_log in files.
// Every wait is bounded; the test that starts it stops it.
declare(strict_types=1);

namespace Omg\Payment\Tests;

final class PhpFpm
{
    public readonly int $port;
    /** The master's log: a worker that dies is logged here ("exited on signal 11 (SIGSEGV)"). */
    public readonly string $fpmLog;
    /** PHP's error_log() of the worker. */
    public readonly string $errorLog;
    private readonly string $dir;
    private Child $child;

    /**
     * @param array<string, string> $ini INI settings for the worker (-d)
     * @param array<string, string> $env environment of the workers (clear_env = no)
     */
    public function __construct(array $ini = [], array $env = [])
    {
        $binary = getenv('OMG_PHP_FPM') ?: '/usr/sbin/php-fpm8.2';
        if (!is_executable($binary)) {
            throw new \RuntimeException("php-fpm is not installed at $binary (scripts/test-php.sh installs php8.2-fpm)");
        }
        $this->dir = sys_get_temp_dir() . '/omg-fpm-' . bin2hex(random_bytes(6));
        mkdir($this->dir);
        $this->port = free_port();
        $this->fpmLog = "{$this->dir}/fpm.log";
        $this->errorLog = "{$this->dir}/php-error.log";
        touch($this->fpmLog);
        touch($this->errorLog);
        file_put_contents("{$this->dir}/php-fpm.conf", implode("\n", [
            '[global]',
            "pid = {$this->dir}/fpm.pid",
            "error_log = {$this->fpmLog}",
            'daemonize = no',
            'log_level = notice',
            '[omg]',
            "listen = 127.0.0.1:{$this->port}",
            'pm = static',
            'pm.max_children = 1',
            'clear_env = no',
            'catch_workers_output = yes',
            "php_admin_value[error_log] = {$this->errorLog}",
            'php_admin_flag[log_errors] = on',
            '',
        ]));
        $extension = getenv('OMG_PHP_EXTENSION') ?: omg_repo_root() . '/target/release/libomg_payment.so';
        $command = [$binary, '--nodaemonize', '-n', '-y', "{$this->dir}/php-fpm.conf", '-d', "extension=$extension"];
        foreach ($ini as $name => $value) {
            array_push($command, '-d', "$name=$value");
        }
        if (function_exists('posix_geteuid') ? posix_geteuid() === 0 : trim((string) shell_exec('id -u')) === '0') {
            $command[] = '--allow-to-run-as-root'; // CI runs as root; the pool then runs as root too
        }
        $this->child = new Child($command, $env + getenv());
        try {
            wait_for_port($this->child, $this->port, 'php-fpm');
        } catch (\RuntimeException $e) {
            throw new \RuntimeException($e->getMessage() . ': ' . file_get_contents($this->fpmLog));
        }
    }

    /** @return array{0: int, 1: array<string, string>, 2: string} */
    public function request(string $script, string $method = 'GET', string $query = '', string $body = ''): array
    {
        return FastCgi::request($this->port, $script, $method, $query, $body);
    }

    /** The process ids of the pool's workers (children of the master). */
    public function workers(): array
    {
        $master = (int) trim((string) @file_get_contents("{$this->dir}/fpm.pid"));
        $children = trim((string) shell_exec("pgrep -P $master"));
        return $children === '' ? [] : array_map('intval', explode("\n", $children));
    }

    public function stop(): void
    {
        $this->child->stop();
        foreach (glob("{$this->dir}/*") ?: [] as $file) {
            unlink($file);
        }
        @rmdir($this->dir);
    }
}
