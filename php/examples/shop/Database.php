<?php

// The shop's SQLite database (PDO): the schema, and one transaction helper. Each notification is
// stored under its dedupe key (PRIMARY KEY) in the same transaction as its effect, so a
// notification that arrives twice has its effect once.
declare(strict_types=1);

final class Database
{
    private const SCHEMA = <<<'SQL'
        CREATE TABLE IF NOT EXISTS orders (
            merchant_trade_no TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            amount INTEGER NOT NULL,
            status TEXT NOT NULL,            -- created, code_issued, paid, simulated, failed, amount_mismatch
            trade_no TEXT,
            payment_type TEXT,
            gwsr TEXT,                       -- card authorisation number (QueryTrade/V2)
            payment_code TEXT,               -- JSON: the ATM account / CVS code / barcodes
            fulfilments INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notifications (
            dedupe_key TEXT PRIMARY KEY,
            merchant_trade_no TEXT NOT NULL,
            kind TEXT NOT NULL,
            simulated INTEGER NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS period_charges (
            dedupe_key TEXT PRIMARY KEY REFERENCES notifications(dedupe_key),
            merchant_trade_no TEXT NOT NULL,
            rtn_code INTEGER,
            amount INTEGER,
            total_success_times INTEGER,
            process_date TEXT
        );
        CREATE TABLE IF NOT EXISTS actions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            merchant_trade_no TEXT NOT NULL,
            action TEXT NOT NULL,
            amount INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            at TEXT NOT NULL
        );
        SQL;

    private PDO $pdo;

    public function __construct(string $path)
    {
        $this->pdo = new PDO("sqlite:$path", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
        $this->pdo->exec('PRAGMA busy_timeout = 10000');
        $this->pdo->exec(self::SCHEMA);
    }

    /**
     * Runs $work in one transaction. IMMEDIATE takes the write lock at once, so two deliveries of
     * one notification are serialised; an exception rolls everything back.
     */
    public function transaction(callable $work): mixed
    {
        $this->pdo->exec('BEGIN IMMEDIATE');
        try {
            $result = $work($this);
            $this->pdo->exec('COMMIT');
            return $result;
        } catch (Throwable $e) {
            $this->pdo->exec('ROLLBACK');
            throw $e;
        }
    }

    /** @return array<string, mixed>|null */
    public function row(string $sql, array $args = []): ?array
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        $row = $statement->fetch();
        return $row === false ? null : $row;
    }

    /** @return list<array<string, mixed>> */
    public function rows(string $sql, array $args = []): array
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        return $statement->fetchAll();
    }

    public function run(string $sql, array $args = []): int
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        return $statement->rowCount();
    }

    /** Stores a notification's dedupe key; false when it was stored before (a re-send). */
    public function record(Omg\Payment\Notification $n): bool
    {
        $statement = $this->pdo->prepare('INSERT OR IGNORE INTO notifications (dedupe_key, merchant_trade_no, kind, simulated, received_at) VALUES (?, ?, ?, ?, ?)');
        $statement->execute([$n->dedupeKey, $n->merchantTradeNo, $n->kind, (int) $n->isSimulated, gmdate('c')]);
        return $statement->rowCount() === 1;
    }
}
