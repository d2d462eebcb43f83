//! Payment codes: an ATM virtual account and a CVS code, each issued then paid, and a BARCODE
//! order whose three segments are drawn as an SVG file.

use omg_core::barcode::stacked_svg;
use omg_core::order::{Atm, Barcode, Cvs};
use omg_core::{Notification, NotificationKind, Payment};
use serde_json::json;

use super::report::{why, Report};
use super::Demo;

pub fn run(demo: &Demo, report: &mut Report) {
    report.section("ATM and CVS payment codes");
    atm(demo, report);
    cvs(demo, report);
    report.section("BARCODE");
    barcode(demo, report);
}

/// Places an order with `payment`, has the payer pick the bank or store on the payment page (the
/// order names none, so the gateway issues no code before), and waits for its PaymentInfoURL
/// notification.
fn issue(demo: &Demo, amount: i64, items: &str, payment: Payment) -> Result<(String, Notification), String> {
    let no = demo.trade_no()?;
    let checkout = demo.client.checkout(&demo.order(&no, amount, items, payment)).map_err(why)?;
    demo.payer.submit(&checkout)?;
    demo.payer.control("/_sim/choose", json!({ "merchant_trade_no": no }))?;
    let received = demo.receiver.wait_for("PaymentInfoURL notification", |r| {
        r.path == "/info"
            && r.notification().is_some_and(|n| {
                n.merchant_trade_no() == Some(no.as_str()) && n.kind() == NotificationKind::PaymentCodeIssued
            })
    })?;
    let notification = received.notification().cloned().ok_or("not verified")?;
    Ok((no, notification))
}

/// The payer pays the code at the bank or the store; waits for the ReturnURL payment result.
fn pay_code(demo: &Demo, no: &str, code: &str) -> Result<String, String> {
    demo.payer.control("/_sim/pay-code", json!({ "code": code }))?;
    let received = demo.receiver.wait_for("ReturnURL notification", |r| {
        r.path == "/return" && r.notification().is_some_and(|n| n.merchant_trade_no() == Some(no) && n.is_paid())
    })?;
    let n = received.notification().ok_or("not verified")?;
    Ok(n.get("PaymentType").unwrap_or("").to_string())
}

fn atm(demo: &Demo, report: &mut Report) {
    let mut flow = report.flow();
    let issued = flow.step("ATM virtual account issued (PaymentInfoURL, RtnCode 2)", || {
        let payment = Payment::Atm(Atm { payment_info_url: Some(demo.receiver.url("/info")), ..Atm::default() });
        let (no, n) = issue(demo, 2500, "Bookshelf", payment)?;
        if n.rtn_code() != Some(2) {
            return Err(format!("RtnCode {:?}", n.rtn_code()));
        }
        let account = n.get("vAccount").unwrap_or("").to_string();
        let detail = format!(
            "{no}: bank {} account {account}, pay by {}",
            n.get("BankCode").unwrap_or("?"),
            n.get("ExpireDate").unwrap_or("?")
        );
        Ok(((no, account), detail))
    });
    flow.step("ATM transfer paid (ReturnURL)", || {
        let (no, account) = issued.as_ref().ok_or("no account")?;
        let payment_type = pay_code(demo, no, account)?;
        Ok(((), format!("{payment_type} paid 2500 TWD")))
    });
}

fn cvs(demo: &Demo, report: &mut Report) {
    let mut flow = report.flow();
    let issued = flow.step("CVS payment code issued (PaymentInfoURL, RtnCode 10100073)", || {
        let payment = Payment::Cvs(Cvs { payment_info_url: Some(demo.receiver.url("/info")), ..Cvs::default() });
        let (no, n) = issue(demo, 350, "Headphones", payment)?;
        if n.rtn_code() != Some(10100073) {
            return Err(format!("RtnCode {:?}", n.rtn_code()));
        }
        let code = n.get("PaymentNo").unwrap_or("").to_string();
        let detail = format!("{no}: code {code}, pay by {}", n.get("ExpireDate").unwrap_or("?"));
        Ok(((no, code), detail))
    });
    flow.step("CVS code paid at the store (ReturnURL)", || {
        let (no, code) = issued.as_ref().ok_or("no code")?;
        let payment_type = pay_code(demo, no, code)?;
        Ok(((), format!("{payment_type} paid 350 TWD")))
    });
}

fn barcode(demo: &Demo, report: &mut Report) {
    let mut flow = report.flow();
    flow.step("BARCODE issued, its three segments written as SVG", || {
        let payment =
            Payment::Barcode(Barcode { payment_info_url: Some(demo.receiver.url("/info")), ..Barcode::default() });
        let (no, n) = issue(demo, 180, "Notebook", payment)?;
        let segments = n.barcodes().ok_or("the notification carries no Barcode1-3")?;
        let svg = stacked_svg(&segments).map_err(why)?;
        std::fs::create_dir_all(&demo.out_dir).map_err(|e| format!("cannot create {}: {e}", demo.out_dir.display()))?;
        let path = demo.out_dir.join(format!("barcode-{no}.svg"));
        std::fs::write(&path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(((), format!("{} / {} / {} -> {}", segments[0], segments[1], segments[2], path.display())))
    });
}
