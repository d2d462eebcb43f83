//! The numbers the gateway hands out: TradeNo, card serial (gwsr), auth codes, virtual accounts,
//! CVS payment codes and barcode segments. Each is built from the simulator's clock and a
//! sequence number, so it is unique for the simulator's life and easy to read in a log.

use omg_core::taiwan_time::TaiwanDateTime;

/// TradeNo: 20 digits, `yyMMddHHmmss` (Taiwan time) and an 8-digit sequence.
pub fn trade_no(now: i64, seq: u64) -> String {
    format!("{}{:08}", TaiwanDateTime::from_unix(now).compact_stamp(), seq % 100_000_000)
}

/// gwsr, the card payment's serial (QueryTrade/V2's CreditRefundId): a plain number.
pub fn gwsr(seq: u64) -> String {
    format!("{}", 10_000_000 + seq)
}

/// A 6-digit authorisation code.
pub fn auth_code(seq: u64) -> String {
    format!("{:06}", 777_000 + seq % 1000)
}

/// The bank code (3 digits) of an ATM ChooseSubPayment.
pub fn bank_code(bank: &str) -> &'static str {
    match bank {
        "CHINATRUST" => "822",
        "UBOT" => "803",
        "KGI" => "809",
        "TAISHIN" => "812",
        "LAND" => "005",
        _ => "007", // FIRST, the default
    }
}

/// A 14-digit virtual account number.
pub fn virtual_account(seq: u64) -> String {
    format!("9103{:010}", seq % 10_000_000_000)
}

/// A CVS payment code: `OMG` and 11 digits (14 characters, like the gateway's).
pub fn cvs_payment_no(seq: u64) -> String {
    format!("OMG{:011}", seq % 100_000_000_000)
}

/// The three BARCODE segments (Code 39 text: digits and capital letters only):
/// the due date `yyMMdd` and `OMG`; a 16-digit payment number; `MMdd`, `00` and the amount in 9 digits.
pub fn barcodes(expire_at: i64, seq: u64, amount: i64) -> [String; 3] {
    let due = TaiwanDateTime::from_unix(expire_at);
    let stamp = due.compact_stamp();
    [
        format!("{}OMG", &stamp[..6]),
        format!("{:016}", 5_300_000_000_000_000u64 + seq % 100_000_000_000_000),
        format!("{:02}{:02}00{:09}", due.month, due.day, amount.clamp(0, 999_999_999)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        // 2024/01/01 10:00:00 Taiwan time.
        let now = 1_704_074_400;
        assert_eq!(trade_no(now, 7), "24010110000000000007");
        assert_eq!(trade_no(now, 7).len(), 20);
        assert_eq!(virtual_account(42).len(), 14);
        assert_eq!(cvs_payment_no(42).len(), 14);
        let b = barcodes(now, 3, 1500);
        assert_eq!(b[0], "240101OMG");
        assert_eq!(b[1].len(), 16);
        assert_eq!(b[2], "010100000001500");
        for segment in &b {
            omg_core::barcode::svg(segment).unwrap();
        }
    }
}
