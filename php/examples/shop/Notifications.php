<?php

// The three server notification endpoints, one route per kind (ReturnURL, PaymentInfoURL,
// PeriodReturnURL). Each runs inside $client->handleNotification(), which verifies the request
// and answers the gateway itself: 1|OK after the handler returned, 0|... when it threw (the
// gateway then sends the notification again later). Each handler's parameter type names its kind:
// the helper refuses another kind and logs it at error level, so nothing is lost unseen.
declare(strict_types=1);

use Omg\Payment\PaymentCodeIssued;
use Omg\Payment\PaymentResult;
use Omg\Payment\PeriodCharge;
use Omg\Payment\ValidationException;

final class Notifications
{
    public function __construct(private Database $db)
    {
    }

    /** ReturnURL: the only place an order is fulfilled, exactly once per payment. */
    public function paymentResult(PaymentResult $n): void
    {
        $this->db->transaction(function (Database $db) use ($n): void {
            $order = $this->order($n->merchantTradeNo);
            if (!$db->record($n)) {
                return; // already handled: the gateway re-sent it
            }
            // A simulation first: it is never paid (isPaid is false), but it is not a failure either.
            if ($n->isSimulated) {
                $status = 'simulated'; // a back-office simulation: no money moved, ship nothing
            } elseif (!$n->isPaid) {
                $status = 'failed';
            } else {
                try {
                    $n->expectAmount($order['amount']); // an int, or the digit string some drivers return
                    $status = 'paid';
                } catch (ValidationException) {
                    $status = 'amount_mismatch';
                }
            }
            $db->run('UPDATE orders SET status = ?, trade_no = ?, payment_type = ?, gwsr = COALESCE(?, gwsr), fulfilments = fulfilments + ?'
                . ' WHERE merchant_trade_no = ?', [$status, $n->tradeNo, $n->paymentType, $n->gwsr, $status === 'paid' ? 1 : 0, $n->merchantTradeNo]);
        });
    }

    /** PaymentInfoURL: an ATM account, CVS code or barcodes were issued; nothing is paid yet. */
    public function codeIssued(PaymentCodeIssued $n): void
    {
        $this->db->transaction(function (Database $db) use ($n): void {
            $this->order($n->merchantTradeNo);
            if (!$db->record($n)) {
                return;
            }
            $code = ['payment_type' => $n->paymentType, 'bank_code' => $n->bankCode, 'v_account' => $n->vAccount,
                'payment_no' => $n->paymentNo, 'barcodes' => $n->barcodes, 'expire_date' => $n->expireDate];
            $issued = in_array($n->rtnCode, [2, 10100073], true);
            $db->run("UPDATE orders SET status = CASE WHEN status = 'created' THEN ? ELSE status END, payment_code = ?, trade_no = ?"
                . ' WHERE merchant_trade_no = ?', [$issued ? 'code_issued' : 'failed', json_encode($code), $n->tradeNo, $n->merchantTradeNo]);
        });
    }

    /** PeriodReturnURL: one recurring charge, recorded once. */
    public function periodCharge(PeriodCharge $n): void
    {
        $this->db->transaction(function (Database $db) use ($n): void {
            $this->order($n->merchantTradeNo);
            if ($db->record($n)) {
                $db->run('INSERT INTO period_charges (dedupe_key, merchant_trade_no, rtn_code, amount, total_success_times, process_date)'
                    . ' VALUES (?, ?, ?, ?, ?, ?)', [$n->dedupeKey, $n->merchantTradeNo, $n->rtnCode, $n->amount, $n->totalSuccessTimes, $n->processDate]);
            }
        });
    }

    /** @return array<string, mixed> the order, or an exception (answered 0|...) for an unknown one */
    private function order(?string $merchantTradeNo): array
    {
        return $this->db->row('SELECT * FROM orders WHERE merchant_trade_no = ?', [$merchantTradeNo])
            ?? throw new RuntimeException("unknown order $merchantTradeNo");
    }
}
