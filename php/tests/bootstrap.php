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
