<?php

// The `platformId` client option: a platform acting for its sub-merchant sends PlatformID on the
// signed server APIs (protocol.md), and only when one is given. The requests go to a stand-in
// gateway over loopback (`php -S`, fixtures/reply.php) that keeps the body it received.
declare(strict_types=1);

use Omg\Payment as omg;
use Omg\Payment\Tests\PhpServer;
use PHPUnit\Framework\TestCase;

use const Omg\Payment\Tests\STAGE_ID;
use const Omg\Payment\Tests\STAGE_IV;
use const Omg\Payment\Tests\STAGE_KEY;

final class PlatformIdTest extends TestCase
{
    private static ?PhpServer $gateway = null;
    private static string $replyFile = '';

    public static function setUpBeforeClass(): void
    {
        self::$replyFile = (string) tempnam(sys_get_temp_dir(), 'omg-reply-');
        // Any reply will do: the test looks at the request. An unsigned not-found ends the call.
        file_put_contents(self::$replyFile, 'TradeStatus=10200047&MerchantTradeNo=OM1');
        self::$gateway = new PhpServer(__DIR__ . '/fixtures/reply.php', ['REPLY_FILE' => self::$replyFile]);
    }

    public static function tearDownAfterClass(): void
    {
        self::$gateway?->stop();
        self::$gateway = null;
        @unlink(self::$replyFile);
        @unlink(self::$replyFile . '.request');
    }

    private static function client(array $more): omg\Client
    {
        return new omg\Client($more + ['merchantId' => STAGE_ID, 'hashKey' => STAGE_KEY, 'hashIv' => STAGE_IV,
            'baseUrl' => self::$gateway->baseUrl, 'retries' => 0]);
    }

    /** The form fields of the request QueryTradeInfo sent. */
    private static function sentFields(omg\Client $client): array
    {
        @unlink(self::$replyFile . '.request');
        try {
            $client->queryTrade('OM1');
        } catch (omg\OmgException) {
            // the reply does not matter here
        }
        parse_str((string) file_get_contents(self::$replyFile . '.request'), $fields);
        return $fields;
    }

    public function testTheOptionIsTheClientsPlatformId(): void
    {
        $this->assertSame('3000', self::client(['platformId' => '3000'])->platformId);
        $this->assertSame('3000', self::client(['platform_id' => '3000'])->platformId);
        $this->assertNull(self::client([])->platformId);
        $this->assertNull(self::client(['platformId' => ''])->platformId);
    }

    public function testPlatformIdIsSentSignedOnlyWhenGiven(): void
    {
        $with = self::sentFields(self::client(['platformId' => '3000']));
        $this->assertSame('3000', $with['PlatformID'] ?? null, json_encode($with));
        // Signed: the request's CheckMacValue covers it, as the gateway recomputes it.
        $this->assertSame(omg\checkMacValue(array_diff_key($with, ['CheckMacValue' => 1]), STAGE_KEY, STAGE_IV), $with['CheckMacValue']);

        $without = self::sentFields(self::client([]));
        $this->assertArrayNotHasKey('PlatformID', $without);
        $this->assertArrayHasKey('MerchantTradeNo', $without);
    }

    public function testATooLongPlatformIdIsAValidationErrorNamingIt(): void
    {
        try {
            self::client(['platformId' => '12345678901'])->queryTrade('OM1');
            $this->fail('no error');
        } catch (omg\ValidationException $e) {
            $this->assertSame(['PlatformID', 'max_length'], [$e->getErrors()[0]['field'], $e->getErrors()[0]['rule']]);
        }
    }
}
