<?php

// PHPUnit bootstrap: the extension must be loaded by the php command line
// (php -d extension=.../libomg_payment.so /usr/bin/phpunit ...; see scripts/test-php.sh).
declare(strict_types=1);

if (!extension_loaded('omg_payment')) {
    fwrite(STDERR, "the omg_payment extension is not loaded: run scripts/test-php.sh\n");
    exit(2);
}

/** The repository's root directory. */
function omg_repo_root(): string
{
    return dirname(__DIR__, 2);
}

require __DIR__ . '/support/Processes.php';
require __DIR__ . '/support/FastCgi.php';
require __DIR__ . '/support/PhpFpm.php';

// The extension logs through error_log() by default; the CLI would print those lines among the
// test results. They go to a file of this run instead, which LoggingTest reads.
const OMG_TEST_ERROR_LOG_PREFIX = 'omg-php-tests-error-log-';
ini_set('error_log', (string) tempnam(sys_get_temp_dir(), OMG_TEST_ERROR_LOG_PREFIX));
register_shutdown_function(fn () => @unlink((string) ini_get('error_log')));
