//! What the receiver must survive: a tampered notification (refused) and a re-sent one
//! (acknowledged, recognised as a duplicate, not processed twice).

use omg_core::{sign_notification, Fields};

use super::receiver::{Outcome, Received};
use super::report::{why, Report};
use super::Demo;

pub fn run(demo: &Demo, report: &mut Report, genuine: Option<&Received>) {
    report.section("Forged and repeated notifications");
    let mut flow = report.flow();
    let fields = flow.step("a genuine notification to start from", || {
        let genuine = genuine.ok_or("the card flow produced no notification")?;
        let fields = Fields::parse_form(&genuine.body).map_err(why)?;
        let detail = format!("the card order's ReturnURL body, {} fields", fields.len());
        Ok((fields, detail))
    });
    flow.step("tampered notification refused", || {
        let mut tampered = fields.clone().ok_or("no notification")?;
        let amount = tampered.get("TradeAmt").unwrap_or("").to_string();
        tampered.set("TradeAmt", "1");
        let body = tampered.to_form_body();
        let (_, reply) = demo.payer.post_form(&demo.receiver.url("/return"), &body)?;
        let recorded = demo.receiver.all(|r| r.body == body.as_bytes());
        match recorded.last().map(|r| &r.outcome) {
            Some(Outcome::Refused(error)) if reply.starts_with("0|") => {
                Ok(((), format!("TradeAmt {amount} changed to 1: {error}; answered 0|...")))
            }
            other => Err(format!("reply {reply:?}, outcome {other:?}")),
        }
    });
    flow.step("duplicate notification recognised as a duplicate", || {
        // A re-send is signed again and may carry another RtnMsg; the dedupe key ignores it.
        let mut resent = fields.clone().ok_or("no notification")?;
        resent.set("RtnMsg", "paid");
        let body = sign_notification(resent, &demo.credentials).map_err(why)?;
        let (_, reply) = demo.payer.post_form(&demo.receiver.url("/return"), &body)?;
        let copies = demo.receiver.all(|r| r.body == body.as_bytes());
        match copies.last().map(|r| &r.outcome) {
            Some(Outcome::Accepted { notification, duplicate: true }) if reply == "1|OK" => Ok((
                (),
                format!("same dedupe key {}: acknowledged with 1|OK, not processed again", notification.dedupe_key()),
            )),
            other => Err(format!("reply {reply:?}, outcome {other:?}")),
        }
    });
}
