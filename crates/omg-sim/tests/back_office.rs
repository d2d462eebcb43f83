//! The back office at the simulator's root, clicked through in a real headless Chromium: create
//! an order with the page's form (the signed order is posted to AioCheckOut/V5 by the browser),
//! pay it on the payment page, come back by its link, and read the delivery rows: the first reply
//! was an HTML fragment, shown as text (escaped, nothing injected) with the reason it did not
//! count; the re-send gets its own rows. Then the page's clock and fault buttons.
//!
//! Needs Chromium and chromedriver like tests/browser.rs (OMG_SKIP_BROWSER=1 skips it).

mod common;

use common::webdriver::{browser_tools, Driver};
use common::{Harness, Receiver};
use omg_core::notify::verify_notification;
use omg_core::Credentials;

#[test]
#[cfg_attr(omg_skip_browser, ignore = "OMG_SKIP_BROWSER=1: the headless Chromium test is skipped on request")]
fn an_order_created_paid_and_re_sent_by_clicking_shows_its_delivery_rows_and_reasons() {
    let (chromium, chromedriver) = browser_tools();
    let h = Harness::start();
    // The shop's first reply is an HTML fragment (a framework's error page, say); then 1|OK.
    let receiver = Receiver::with_replies(&["<b id=\"injected\">oops</b>"], "1|OK");
    let dir = std::env::temp_dir().join(format!("omg-sim-back-office-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut driver = Driver::start(&chromedriver);
    driver.new_session(&chromium, &dir.join("profile"));

    driver.navigate(&h.url("/"));
    driver.find("#no-orders");
    let amount = driver.find("#new-amount");
    driver.type_into(&amount, "1980");
    let return_url = driver.find("#new-return-url");
    driver.type_into(&return_url, &receiver.url("/return"));
    let create = driver.find("#new-order-submit");
    driver.click(&create);

    // The signed form went to AioCheckOut/V5: the payment page, where the payer pays.
    let pay = driver.find("#pay");
    assert!(driver.current_url().starts_with(&h.url("/Cashier/AioCheckOut/V5")), "{}", driver.current_url());
    driver.click(&pay);
    let back = driver.find("#back");
    driver.click(&back);
    assert!(driver.current_url().starts_with(&h.url("/?order=BO")), "{}", driver.current_url());

    let row = driver.wait_texts("tr.order", |rows| rows.len() == 1 && rows[0].contains("paid"));
    assert!(row[0].contains("NT$ 1980") && row[0].contains("Credit"), "{row:?}");
    // Two attempts: the HTML reply did not count (shown as text), the re-send of the schedule did.
    let rows = driver.wait_texts("tr.delivery", |rows| rows.len() >= 2);
    assert!(rows[0].contains("#1") && rows[0].contains("ReturnURL") && rows[0].contains("1/8"), "{rows:#?}");
    assert!(rows[0].contains("<b id=\"injected\">oops</b>"), "the reply is shown as text: {rows:#?}");
    assert!(rows[0].contains("NOT ACKNOWLEDGED: the reply is an HTML page"), "{rows:#?}");
    assert!(rows[1].contains("2/8") && rows[1].contains("acknowledged: the reply was exactly 1|OK"), "{rows:#?}");
    assert!(driver.texts("#injected").is_empty(), "the merchant's reply was rendered as markup");
    assert!(driver.texts(".payer").iter().any(|t| t.contains("Payment succeeded")));

    // Re-send it by clicking: a new notification (#2) with its own, acknowledged attempt.
    let resend = driver.find("#resend-1");
    driver.click(&resend);
    let notice = driver.wait_texts("#notice", |t| !t.is_empty());
    assert_eq!(notice[0], "re-sent notification #1 as #2");
    let rows = driver.wait_texts("tr.delivery", |rows| rows.len() >= 3);
    assert!(rows[2].contains("#2 (re-send of #1)") && rows[2].contains("acknowledged"), "{rows:#?}");

    // Three POSTs reached the shop, each correctly signed.
    for body in receiver.wait_for("/return", 3) {
        let n = verify_notification(body.as_bytes(), &Credentials::stage()).expect("signed");
        n.expect_amount(1980).unwrap();
    }

    // The clock and the faults from the page.
    let before = driver.texts("#clock-now")[0].clone();
    let day = driver.find("#advance-day");
    driver.click(&day);
    let notice = driver.wait_texts("#notice", |t| t.first().is_some_and(|n| n.starts_with("clock moved 86400 s")));
    assert!(notice[0].contains("recurring charge"), "{notice:?}");
    assert_ne!(driver.texts("#clock-now")[0], before);

    let value = driver.find("#fault-value");
    driver.type_into(&value, "503");
    let count = driver.find("#fault-count");
    driver.type_into(&count, "2");
    let add = driver.find("#add-fault-submit");
    driver.click(&add);
    let notice = driver.wait_texts("#notice", |t| t.first().is_some_and(|n| n.starts_with("fault")));
    assert_eq!(notice[0], "fault added for *");
    let faults = driver.wait_texts("tr.fault", |rows| !rows.is_empty());
    assert!(
        faults[0].contains("* (every API)")
            && faults[0].contains("status 503")
            && faults[0].contains("the next 2 requests"),
        "{faults:?}"
    );
    assert_eq!(h.control_get("/_sim/faults")["faults"][0]["status"], 503);
    let clear = driver.find("#clear-faults");
    driver.click(&clear);
    driver.find("#no-faults");
    assert_eq!(h.control_get("/_sim/faults")["faults"].as_array().unwrap().len(), 0);

    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}
