<?php

// The checkout options of each kind of order the shop sells.
declare(strict_types=1);

final class OrderKinds
{
    public const TITLES = [
        'card' => 'Credit card, one payment',
        'installments' => 'Credit card, 3 or 6 installments',
        'recurring' => 'Monthly subscription (credit card, 12 charges)',
        'atm' => 'ATM transfer',
        'cvs' => 'Convenience store code',
        'barcode' => 'Convenience store barcode',
        'aftee' => 'AFTEE (buy now, pay later)',
        'all' => 'Any method (the payer chooses)',
    ];

    /** The checkout order of $kind for $amount, its callbacks under $shopUrl. */
    public static function order(string $kind, int $amount, string $merchantTradeNo, string $shopUrl): array
    {
        $common = [
            'merchantTradeNo' => $merchantTradeNo, 'totalAmount' => $amount, 'tradeDesc' => 'omg-payment example shop',
            'itemName' => [self::TITLES[$kind]], 'returnUrl' => "$shopUrl/omg/return",
            'orderResultUrl' => "$shopUrl/omg/result", 'clientBackUrl' => "$shopUrl/",
        ];
        $codes = ['paymentInfoUrl' => "$shopUrl/omg/payment-info", 'clientRedirectUrl' => "$shopUrl/omg/code"];
        $perKind = match ($kind) {
            'card' => ['choosePayment' => 'Credit', 'needExtraPaidInfo' => true],
            'installments' => ['choosePayment' => 'Credit', 'creditInstallment' => [3, 6], 'needExtraPaidInfo' => true],
            'recurring' => ['choosePayment' => 'Credit', 'periodAmount' => $amount, 'periodType' => 'M', 'frequency' => 1,
                'execTimes' => 12, 'periodReturnUrl' => "$shopUrl/omg/period", 'needExtraPaidInfo' => true],
            'atm' => ['choosePayment' => 'ATM', 'expireDate' => 3] + $codes,
            'cvs' => ['choosePayment' => 'CVS', 'storeExpireDate' => 60 * 24 * 3, 'desc1' => 'omg-payment shop'] + $codes,
            'barcode' => ['choosePayment' => 'BARCODE', 'storeExpireDate' => 7] + $codes,
            'aftee' => ['choosePayment' => 'AFTEE'],
            'all' => ['choosePayment' => 'ALL'] + $codes,
        };
        return $common + $perKind;
    }
}
