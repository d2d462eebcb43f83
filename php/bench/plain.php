<?php

// The plain-PHP way PHP merchants compute CheckMacValue and verify notifications: urlencode, the
// .NET replacement table, strtolower, hash('sha256'); parse_str and hash_equals. The benchmark's
// baseline (bench.php checks it agrees with the extension before timing anything).
declare(strict_types=1);

function plain_check_mac_value(array $fields, string $hashKey, string $hashIv): string
{
    unset($fields['CheckMacValue']);
    uksort($fields, 'strcasecmp');
    $preimage = "HashKey=$hashKey";
    foreach ($fields as $name => $value) {
        $preimage .= "&$name=$value";
    }
    $preimage .= "&HashIV=$hashIv";
    // urlencode differs from .NET's HttpUtility.UrlEncode on these: put them back.
    $encoded = str_replace(['%2d', '%5f', '%2e', '%21', '%2a', '%28', '%29'], ['-', '_', '.', '!', '*', '(', ')'], strtolower(urlencode($preimage)));
    return strtoupper(hash('sha256', $encoded));
}

/** @return array<string, string> the fields of a genuine notification; throws for a forged one */
function plain_verify_notification(string $body, string $hashKey, string $hashIv): array
{
    parse_str($body, $fields);
    $given = (string) ($fields['CheckMacValue'] ?? '');
    if (!hash_equals(plain_check_mac_value($fields, $hashKey, $hashIv), strtoupper($given))) {
        throw new RuntimeException('CheckMacValue mismatch');
    }
    return $fields;
}
