//! The hosted payment page in a real headless Chromium, driven over the plain W3C WebDriver
//! protocol by chromedriver: open omg-core's auto-submitting checkout form of a real order, let
//! it post to the simulator, click `#pay`, and check that the merchant's ReturnURL receiver got
//! a correctly signed payment result and the browser landed on OrderResultURL; and the same with
//! an order carrying only public https URLs against a simulator started with `--forward`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`apt-get install -y chromium chromium-driver`;
//! CHROMIUM and CHROMEDRIVER override the paths). Without them the test FAILS with a message;
//! developers may skip it explicitly with OMG_SKIP_BROWSER=1.

mod common;

use std::time::{Duration, Instant};

use common::webdriver::{browser_tools, Driver};
use common::{order, trade_no, Harness, Receiver};
use omg_core::notify::verify_notification;
use omg_core::order::Payment;
use omg_core::Credentials;

#[test]
#[cfg_attr(omg_skip_browser, ignore = "OMG_SKIP_BROWSER=1: the headless Chromium test is skipped on request")]
fn payer_clicks_pay_in_headless_chromium_and_the_merchant_gets_a_signed_result() {
    let (chromium, chromedriver) = browser_tools();
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("BR");
    let mut o = order(&no, 1980, &receiver, Payment::default());
    o.item_name = "手機殼 <5吋> & \"Case\"#USB 線".into();
    let credentials = Credentials::stage();
    let checkout = omg_core::checkout(&o, &credentials, &h.environment(), &h.clock()).unwrap();
    let dir = std::env::temp_dir().join(format!("omg-sim-browser-{}-{no}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("checkout.html");
    std::fs::write(&page, checkout.html()).unwrap();

    let mut driver = Driver::start(&chromedriver);
    driver.new_session(&chromium, &dir.join("profile"));
    // omg-core's form auto-submits to the simulator's AioCheckOut/V5; the payment page follows.
    driver.navigate(&format!("file://{}", page.display()));
    let pay = driver.find("#pay");
    assert!(driver.current_url().starts_with(&h.url("/Cashier/AioCheckOut/V5")), "{}", driver.current_url());
    driver.find("#decline");
    driver.click(&pay);

    // The server notification, verified with the merchant's keys.
    let body = receiver.wait_for("/return", 1).remove(0);
    let n = verify_notification(body.as_bytes(), &credentials).expect("ReturnURL is correctly signed");
    assert!(n.is_paid());
    n.expect_amount(1980).unwrap();
    assert_eq!(n.get("MerchantTradeNo"), Some(no.as_str()));
    // The browser was sent on to OrderResultURL with the same result.
    let browser_post = receiver.wait_for("/result", 1).remove(0);
    let r = verify_notification(browser_post.as_bytes(), &credentials).expect("OrderResultURL post is signed");
    assert_eq!(r.dedupe_key(), n.dedupe_key());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !driver.current_url().starts_with(&receiver.url("/result")) {
        assert!(Instant::now() < deadline, "the browser ended at {}", driver.current_url());
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A shop configured with nothing but its public https URLs, against omg-sim started with
/// `--forward`: the payer's browser is sent back to the local shop (OrderResultURL), and the
/// server notification is delivered there too.
#[test]
#[cfg_attr(omg_skip_browser, ignore = "OMG_SKIP_BROWSER=1: the headless Chromium test is skipped on request")]
fn with_forward_the_browser_returns_to_the_local_shop_from_a_public_order() {
    let (chromium, chromedriver) = browser_tools();
    let receiver = Receiver::start();
    let public = "https://shop.example.com";
    let config = omg_sim::SimConfig {
        forwards: vec![omg_sim::Forward::parse(&format!("{public}={}", receiver.url(""))).unwrap()],
        ..Default::default()
    };
    let h = Harness::with_config(config);
    let no = trade_no("BF");
    let mut o = order(&no, 750, &receiver, Payment::default());
    o.return_url = format!("{public}/return");
    o.order_result_url = Some(format!("{public}/result"));
    let credentials = Credentials::stage();
    let checkout = omg_core::checkout(&o, &credentials, &h.environment(), &h.clock()).unwrap();
    let dir = std::env::temp_dir().join(format!("omg-sim-browser-{}-{no}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("checkout.html");
    std::fs::write(&page, checkout.html()).unwrap();

    let mut driver = Driver::start(&chromedriver);
    driver.new_session(&chromium, &dir.join("profile"));
    driver.navigate(&format!("file://{}", page.display()));
    let pay = driver.find("#pay");
    driver.click(&pay);

    let n = verify_notification(receiver.wait_for("/return", 1).remove(0).as_bytes(), &credentials)
        .expect("ReturnURL is signed");
    assert!(n.is_paid());
    let r = verify_notification(receiver.wait_for("/result", 1).remove(0).as_bytes(), &credentials)
        .expect("OrderResultURL post is signed");
    assert_eq!(r.dedupe_key(), n.dedupe_key());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !driver.current_url().starts_with(&receiver.url("/result")) {
        assert!(Instant::now() < deadline, "the browser ended at {}", driver.current_url());
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}
