//! The network commands, run as a user runs them (the real binary, stdout, exit code) against an
//! omg-sim embedded in the test on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::wait_bounded;
use omg_core::client::{Client, ClientOptions};
use omg_core::order::{CreditRecurring, PeriodType};
use omg_core::{Config, Credentials, Environment, Order, Payment};
use omg_sim::{SimHandle, STAGE_CREDIT_CHECK_CODE};
use serde_json::{json, Value};

/// Runs `omg` with no OMG_* variables but short timeouts; kills it if it runs over 60 s.
fn omg(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in [
        "OMG_MERCHANT_ID",
        "OMG_HASH_KEY",
        "OMG_HASH_IV",
        "OMG_ENV",
        "OMG_BASE_URL",
        "OMG_CREDIT_CHECK_CODE",
        "OMG_MAX_RETRIES",
        "OMG_PLATFORM_ID",
        "OMG_SIM_URL",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("OMG_CONNECT_TIMEOUT_MS", "2000").env("OMG_READ_TIMEOUT_MS", "5000");
    let child = cmd.spawn().expect("omg runs");
    wait_bounded(child, Duration::from_secs(60))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_out(o: &Output) -> Value {
    serde_json::from_str(&stdout(o))
        .unwrap_or_else(|_| panic!("not JSON: {} / {}", stdout(o), String::from_utf8_lossy(&o.stderr)))
}

struct Gateway {
    sim: SimHandle,
    http: ureq::Agent,
}

impl Gateway {
    fn start() -> Gateway {
        // Without the daily auto-close (on by default, as in production): these tests capture and
        // refund at whatever time they run, and the gateway refuses DoAction 20:15-20:30.
        let config = omg_sim::Simulator::builder().daily_auto_close(false).into_config();
        let sim = omg_sim::spawn_blocking_sim(config).expect("simulator starts");
        let http = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Gateway { sim, http }
    }

    fn url(&self) -> &str {
        self.sim.base_url()
    }

    fn client(&self) -> Client {
        let credentials = Credentials::stage().with_credit_check_code(STAGE_CREDIT_CHECK_CODE);
        Client::new(
            Config { credentials, environment: Environment::Custom(self.url().to_string()) },
            ClientOptions::default(),
        )
        .unwrap()
    }

    fn control(&self, path: &str, body: Value) -> Value {
        let mut r =
            self.http.post(&self.sim.url(path)).content_type("application/json").send(body.to_string()).unwrap();
        assert_eq!(r.status().as_u16(), 200, "{path}");
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    }

    fn requests_to(&self, path: &str) -> u64 {
        let mut r = self.http.get(&self.sim.url("/_sim/stats")).call().unwrap();
        let stats: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        stats["requests"][path].as_u64().unwrap_or(0)
    }

    /// Posts a signed form to the simulator's checkout, as the payer's browser does.
    fn submit(&self, form_body: &str) {
        let mut r = self
            .http
            .post(&self.sim.url("/Cashier/AioCheckOut/V5"))
            .content_type("application/x-www-form-urlencoded")
            .send(form_body)
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{}", r.body_mut().read_to_string().unwrap_or_default());
    }

    /// An order placed and paid by card; (MerchantTradeNo, TradeNo, gwsr).
    fn paid(&self, amount: i64, payment: Payment) -> (String, String, String) {
        let no = omg_core::generate_merchant_trade_no("N", &omg_core::SystemClock).unwrap();
        let order = Order::new(&no, amount, "cli test", "Mug", "http://127.0.0.1:9/return", payment);
        self.submit(&self.client().checkout(&order).unwrap().fields.to_form_body());
        let paid = self.control("/_sim/pay", json!({ "merchant_trade_no": no }));
        (
            no,
            paid["order"]["trade_no"].as_str().unwrap().to_string(),
            paid["order"]["card"]["gwsr"].as_str().unwrap().to_string(),
        )
    }
}

#[test]
fn query_trade_prints_the_order_and_refusals_exit_4() {
    let gw = Gateway::start();
    let (no, trade_no, _) = gw.paid(1200, Payment::default());

    let out = omg(&["query", "trade", &no, "--base-url", gw.url()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with(&format!("order {no}: paid (TradeStatus 1)")), "{}", stdout(&out));
    assert!(stdout(&out).contains(&trade_no));

    let v = json_out(&omg(&["query", "trade", &no, "--base-url", gw.url(), "--json"]));
    assert_eq!(
        (v["paid"].clone(), v["trade_amt"].clone(), v["trade_no"].clone()),
        (json!(true), json!(1200), json!(trade_no))
    );
    assert_eq!(v["fields"]["MerchantTradeNo"], json!(no));

    let out = omg(&["query", "trade", "NOSUCHORDER1", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(4));
    let err = json_out(&out);
    assert_eq!((err["error"].clone(), err["rtn_code"].clone()), (json!("gateway"), json!(10200047)));
}

#[test]
fn query_period_and_period_cancel() {
    let gw = Gateway::start();
    let recurring = Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 300,
        period_type: PeriodType::Month,
        frequency: 1,
        exec_times: 6,
        period_return_url: None,
    });
    let (no, _, _) = gw.paid(300, recurring);

    let out = omg(&["query", "period", &no, "--base-url", gw.url()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("running (ExecStatus 1)"), "{}", stdout(&out));
    let v = json_out(&omg(&["query", "period", &no, "--base-url", gw.url(), "--json"]));
    assert_eq!((v["exec_status"].clone(), v["total_success_times"].clone()), (json!("1"), json!(1)));

    // Irreversible: with no terminal to ask on and no --yes, nothing is sent.
    let out = omg(&["period", "cancel", &no, "--base-url", gw.url()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    assert_eq!(gw.requests_to("/Cashier/CreditCardPeriodAction"), 0);

    let out = omg(&["period", "cancel", &no, "--yes", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json_out(&out)["cancelled"], json!(true));
    let v = json_out(&omg(&["query", "period", &no, "--base-url", gw.url(), "--json"]));
    assert_eq!(v["exec_status"], json!("0"));

    let out = omg(&["period", "cancel", &no, "--yes", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(json_out(&out)["rtn_code"], json!(100006));
}

#[test]
fn do_action_commands_and_credit_detail() {
    let gw = Gateway::start();
    let (no, trade_no, gwsr) = gw.paid(1000, Payment::default());
    let base = ["--base-url", gw.url()];
    let run = |cmd: &str, amount: &str| {
        let mut args = vec![cmd, &no, "--trade-no", &trade_no, "--amount", amount];
        args.extend(base);
        omg(&args)
    };

    let out = run("capture", "800");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with("capture requested"), "{}", stdout(&out));
    let out = omg(&["refund", &no, "--trade-no", &trade_no, "--amount", "300", "--base-url", gw.url(), "--json"]);
    assert_eq!((out.status.code(), json_out(&out)["action"].clone()), (Some(0), json!("R")));

    let detail = ["credit-detail", "--gwsr", &gwsr, "--amount", "1000", "--base-url", gw.url()];
    let mut with_code = detail.to_vec();
    with_code.extend(["--credit-check-code", STAGE_CREDIT_CHECK_CODE, "--json"]);
    let v = json_out(&omg(&with_code));
    assert_eq!(
        (v["amount"].clone(), v["clsamt"].clone(), v["status"].clone()),
        (json!(1000), json!(500), json!("要關帳"))
    );
    // Without the CreditCheckCode the request cannot be built: invalid input, nothing sent.
    let out = omg(&detail);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CreditCheckCode"));

    // Abandoning a payment whose capture is pending is refused by the gateway.
    assert_eq!(run("abandon", "1000").status.code(), Some(4));
    assert_eq!(run("cancel-capture", "500").status.code(), Some(0));
    assert_eq!(run("abandon", "1000").status.code(), Some(0));
}

#[test]
fn a_money_moving_call_whose_outcome_is_unknown_exits_7_and_is_sent_once() {
    let gw = Gateway::start();
    gw.control("/_sim/faults", json!({"path": "/CreditDetail/DoAction", "status": 503, "count": 1}));
    let out = omg(&["refund", "A1", "--trade-no", "T1", "--amount", "100", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(7));
    let err = json_out(&out);
    assert_eq!(
        (err["error"].clone(), err["status"].clone(), err["outcome_unknown"].clone()),
        (json!("transport"), json!(503), json!(true))
    );
    assert!(err["message"].as_str().unwrap().contains("QueryTrade/V2"));
    assert_eq!(gw.requests_to("/CreditDetail/DoAction"), 1);
    // Silent by default: nothing but the error on stderr.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("request sent"));

    // --verbose tells what happened on stderr, without the key.
    gw.control("/_sim/faults", json!({"path": "/CreditDetail/DoAction", "status": 503, "count": 1}));
    let out = omg(&["refund", "A1", "--trade-no", "T1", "--amount", "100", "--base-url", gw.url(), "--verbose"]);
    assert_eq!(out.status.code(), Some(7));
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("omg: debug: DoAction: request sent to http://127.0.0.1:"), "{log}");
    assert!(log.contains("omg: warn: DoAction: outcome unknown: HTTP 503"), "{log}");
    assert!(
        !log.contains("265flDjIvesceXWM") && !log.contains("pOOvhGd1V2pJbjfX") && !log.contains("CheckMacValue"),
        "{log}"
    );

    // An unreadable 200 after the request arrived: the capture may have happened (it did).
    let (no, trade_no, _) = gw.paid(100, Payment::default());
    gw.control("/_sim/faults", json!({"path": "/CreditDetail/DoAction", "malformed_body": true, "count": 1}));
    let out = omg(&["capture", &no, "--trade-no", &trade_no, "--amount", "100", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(7), "{}", stdout(&out));
    assert_eq!(json_out(&out)["outcome_unknown"], json!(true));

    // A cancellation whose signed reply was tampered with: not exit 1, which a script may retry.
    let recurring = Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 100,
        period_type: PeriodType::Day,
        frequency: 1,
        exec_times: 3,
        period_return_url: None,
    });
    let (no, _, _) = gw.paid(100, recurring);
    gw.control("/_sim/faults", json!({"path": "/Cashier/CreditCardPeriodAction", "wrong_signature": true, "count": 1}));
    let out = omg(&["period", "cancel", &no, "--yes", "--base-url", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(7), "{}", stdout(&out));
    assert!(json_out(&out)["message"].as_str().unwrap().contains("QueryCreditCardPeriodInfo"));
}

/// The refund/capture is applied by omg-sim and its reply replaced by a redirect or a 4xx (issue 21
/// item 2): a script trusting "exit 5 = not sent" would refund twice, so it must be exit 7.
#[test]
fn a_redirect_or_4xx_after_the_gateway_acted_exits_7_naming_the_reconciling_query() {
    let gw = Gateway::start();
    for status in [307, 302, 400, 404, 429] {
        // A capture, applied then answered with `status`.
        let (no, trade_no, gwsr) = gw.paid(1000, Payment::default());
        gw.control("/_sim/faults", json!({"path": "/CreditDetail/DoAction", "apply_then_status": status, "count": 1}));
        let out = omg(&["capture", &no, "--trade-no", &trade_no, "--amount", "1000", "--base-url", gw.url(), "--json"]);
        assert_eq!(out.status.code(), Some(7), "capture answered {status}: {}", stdout(&out));
        let err = json_out(&out);
        assert_eq!(
            (err["kind"].clone(), err["status"].clone(), err["outcome_unknown"].clone(), err["reconcile_with"].clone()),
            (json!("transport"), json!(status), json!(true), json!("QueryTrade/V2")),
            "capture answered {status}"
        );

        // Settled at 20:00, then a refund of 400, applied then answered with `status`.
        gw.control("/_sim/advance", json!({"seconds": 86_400}));
        gw.control("/_sim/faults", json!({"path": "/CreditDetail/DoAction", "apply_then_status": status, "count": 1}));
        let out = omg(&["refund", &no, "--trade-no", &trade_no, "--amount", "400", "--base-url", gw.url()]);
        assert_eq!(out.status.code(), Some(7), "refund answered {status}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("outcome is unknown") && said.contains("QueryTrade/V2"), "{said}");

        // The reconciling query shows what happened: captured 1000, one refund of 400.
        let detail = json_out(&omg(&[
            "credit-detail",
            "--gwsr",
            &gwsr,
            "--amount",
            "1000",
            "--credit-check-code",
            STAGE_CREDIT_CHECK_CODE,
            "--base-url",
            gw.url(),
            "--json",
        ]));
        let amounts: Vec<Value> =
            detail["close_data"].as_array().unwrap().iter().map(|e| e["amount"].clone()).collect();
        assert_eq!(amounts, [json!(1000), json!(400)], "{detail}");
    }
}

#[test]
fn a_tampered_reply_exits_1_and_nothing_listening_exits_5() {
    let gw = Gateway::start();
    let (no, _, _) = gw.paid(100, Payment::default());
    gw.control("/_sim/faults", json!({"path": "/Cashier/QueryTradeInfo/V5", "wrong_signature": true}));
    let out = omg(&["query", "trade", &no, "--base-url", gw.url(), "--json"]);
    assert_eq!((out.status.code(), json_out(&out)["error"].clone()), (Some(1), json!("signature")));

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = omg(&["query", "trade", "A1", "--base-url", &format!("http://127.0.0.1:{port}")]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot connect"));
    // A refund that never connected certainly did not reach the gateway: exit 5, not 7.
    let out = omg(&[
        "refund",
        "A1",
        "--trade-no",
        "T1",
        "--amount",
        "100",
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
    ]);
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn checkout_prints_signed_fields_the_simulator_accepts() {
    let gw = Gateway::start();
    let out = omg(&[
        "checkout",
        "--amount",
        "450",
        "--item",
        "Tea",
        "--item",
        "Cup",
        "--desc",
        "shop",
        "--return-url",
        "http://127.0.0.1:9/r",
        "--trade-no",
        "CLI0001",
        "--field",
        "CustomField1=hello",
        "--base-url",
        gw.url(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_out(&out);
    assert_eq!(v["action_url"], json!(format!("{}/Cashier/AioCheckOut/V5", gw.url())));
    let f = &v["fields"];
    assert_eq!(
        (f["ItemName"].clone(), f["ChoosePayment"].clone(), f["CustomField1"].clone()),
        (json!("Tea#Cup"), json!("Credit"), json!("hello"))
    );
    let fields = omg_core::Fields::from_pairs(
        f.as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_str().unwrap().to_string())),
    )
    .unwrap();
    let stage = Credentials::stage();
    omg_core::mac::verify(&fields, stage.hash_key(), stage.hash_iv(), omg_core::HashMethod::Sha256).unwrap();
    gw.submit(&fields.to_form_body());
    assert_eq!(
        gw.control("/_sim/pay", json!({"merchant_trade_no": "CLI0001"}))["order"]["terms"]["total_amount"],
        json!(450)
    );
}

#[test]
fn checkout_methods_html_and_refusals() {
    // "A < B" is no HTML tag (a tag is refused, protocol.md §4) but still must be escaped.
    let common = ["--amount", "100", "--item", "A < B", "--desc", "d", "--return-url", "https://shop.example/r"];
    let with = |extra: &[&str]| {
        let mut args = vec!["checkout"];
        args.extend(common);
        args.extend(extra);
        omg(&args)
    };
    let out = with(&["--method", "atm", "--expire-days", "5", "--bank", "FIRST", "--json"]);
    let f = json_out(&out)["fields"].clone();
    assert_eq!(
        (f["ChoosePayment"].clone(), f["ExpireDate"].clone(), f["ChooseSubPayment"].clone()),
        (json!("ATM"), json!("5"), json!("FIRST"))
    );
    let f = json_out(&with(&[
        "--method",
        "recurring",
        "--period-type",
        "D",
        "--frequency",
        "2",
        "--exec-times",
        "10",
        "--json",
    ]))["fields"]
        .clone();
    assert_eq!(
        (f["PeriodType"].clone(), f["Frequency"].clone(), f["ExecTimes"].clone(), f["PeriodAmount"].clone()),
        (json!("D"), json!("2"), json!("10"), json!("100"))
    );
    let f = json_out(&with(&["--method", "installments", "--installments", "3,6", "--json"]))["fields"].clone();
    assert_eq!(f["CreditInstallment"], json!("3,6"));
    assert!(
        json_out(&with(&["--json"]))["fields"]["MerchantTradeNo"].as_str().unwrap().len() == 20,
        "a number is generated"
    );

    let out = with(&["--html"]);
    let page = stdout(&out);
    assert!(page.contains("<form") && page.contains("A &lt; B") && !page.contains("A < B"), "{page}");

    // A flag of another method, a missing amount, stage keys in production: exit 3 naming each.
    let out = with(&["--method", "atm", "--installments", "3", "--json"]);
    assert_eq!((out.status.code(), json_out(&out)["errors"][0]["field"].clone()), (Some(3), json!("--installments")));
    let out = omg(&["checkout", "--item", "x", "--desc", "d", "--return-url", "https://s.example/r", "--json"]);
    assert_eq!((out.status.code(), json_out(&out)["errors"][0]["field"].clone()), (Some(3), json!("TotalAmount")));
    // Production never falls back to the public stage merchant...
    let out = with(&["--env", "production", "--json"]);
    assert_eq!((out.status.code(), json_out(&out)["errors"][0]["field"].clone()), (Some(3), json!("OMG_MERCHANT_ID")));
    // ...and refuses its keys when given explicitly, with the http callback in the same list.
    let stage = ["--merchant-id", "1000031", "--hash-key", "265flDjIvesceXWM", "--hash-iv", "pOOvhGd1V2pJbjfX"];
    let mut args = vec![
        "checkout",
        "--amount",
        "100",
        "--item",
        "x",
        "--desc",
        "d",
        "--return-url",
        "http://shop.example/r",
        "--env",
        "production",
        "--json",
    ];
    args.extend(stage);
    let out = omg(&args);
    assert_eq!(out.status.code(), Some(3));
    let rules: Vec<Value> = json_out(&out)["errors"].as_array().unwrap().iter().map(|e| e["rule"].clone()).collect();
    assert!(rules.contains(&json!("stage_credentials")) && rules.contains(&json!("https")), "{rules:?}");
}

#[test]
fn omg_sim_prints_its_base_url_first_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omg"))
        .args(["sim", "--port", "0", "--quiet"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("omg sim runs");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20));
    let health = line.as_ref().ok().and_then(|url| {
        let agent: ureq::Agent =
            ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(10))).build().into();
        let mut r = agent.get(&format!("{}/_sim/health", url.trim())).call().ok()?;
        let mut text = String::new();
        r.body_mut().as_reader().read_to_string(&mut text).ok()?;
        Some(text)
    });
    // SIGTERM (to our own child, by its id) stops it cleanly: exit 0.
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let stopped = wait_bounded(child, Duration::from_secs(20));
    let line = line.expect("a first line within 20 s");
    assert!(line.starts_with("http://127.0.0.1:"), "{line}");
    assert!(health.unwrap_or_default().contains("true"));
    assert_eq!(stopped.status.code(), Some(0));
}

#[test]
fn omg_demo_passes_every_step() {
    let out_dir = std::env::temp_dir().join(format!("omg-demo-test-{}", std::process::id()));
    let out = omg(&["demo", "--out", out_dir.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    for step in [
        "card order created (AioCheckOut/V5)",
        "paid by card",
        "ReturnURL notification verified and acknowledged",
        "QueryTradeInfo: the order is paid",
        "partial capture (DoAction C)",
        "partial refund (DoAction R)",
        "QueryTrade/V2 shows the capture and the refund",
        "installments order created",
        "paid in 6 installments",
        "recurring plan created",
        "period 1 paid",
        "periods 2 and 3 charged on the accelerated clock",
        "QueryCreditCardPeriodInfo: 3 charges",
        "plan cancelled (CreditCardPeriodAction)",
        "ATM virtual account issued",
        "ATM transfer paid",
        "CVS payment code issued",
        "CVS code paid",
        "BARCODE issued, its three segments written as SVG",
        "tampered notification refused",
        "duplicate notification recognised as a duplicate",
    ] {
        assert!(text.contains(&format!("✔ {step}")), "missing passed step {step:?} in:\n{text}");
    }
    assert!(!text.contains('✘'));
    assert!(text.contains("22 passed, 0 failed"), "{text}");
    let svgs: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .collect();
    assert_eq!(svgs.len(), 1);
    assert!(std::fs::read_to_string(svgs[0].path()).unwrap().starts_with("<svg"));
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn omg_sim_subcommands_drive_a_running_simulator() {
    let gw = Gateway::start();
    let no = omg_core::generate_merchant_trade_no("T", &omg_core::SystemClock).unwrap();
    // ReturnURL on a port nothing listens on: every attempt fails, which the log must say.
    let order = Order::new(&no, 500, "cli test", "Mug", "http://127.0.0.1:9/return", Payment::default());
    gw.submit(&gw.client().checkout(&order).unwrap().fields.to_form_body());

    let out = omg(&["sim", "trigger", "pay", &no, "--sim", gw.url()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout(&out).trim(), format!("Pay: order {no} is now paid"));

    let out = omg(&["sim", "orders", "--sim", gw.url()]);
    assert!(stdout(&out).contains(&format!("{no}  paid  NT$500")), "{}", stdout(&out));

    let deliveries = stdout(&omg(&["sim", "deliveries", "--order", &no, "--sim", gw.url()]));
    assert!(
        deliveries.contains(&format!("ReturnURL {no} attempt 1/")) && deliveries.contains("NOT ACKNOWLEDGED: no reply"),
        "{deliveries}"
    );

    let out = omg(&["sim", "resend", "--order", &no, "--sim", gw.url(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let resent = json_out(&out);
    assert!(resent["resend_of"].as_u64().is_some() && resent["notification_id"] != resent["resend_of"], "{resent}");

    let out = omg(&["sim", "advance", "--days", "1", "--sim", gw.url(), "--json"]);
    assert!(json_out(&out)["offset_seconds"].as_i64().is_some_and(|s| s >= 86_400));

    // The simulator's refusals exit 4 with its reason; no simulator at all exits 5.
    let out = omg(&["sim", "trigger", "decline", "NOSUCHORDER1", "--sim", gw.url()]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no order NOSUCHORDER1"));
    let out = omg(&["sim", "orders", "--sim", "http://127.0.0.1:9"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is omg-sim running there?"));
}

#[test]
fn omg_doctor_tells_accepted_keys_from_wrong_ones_naming_the_variables() {
    let gw = Gateway::start();
    let out = omg(&["doctor", "--base-url", gw.url()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout(&out).starts_with(&format!("ok: the gateway at {} accepts the keys of merchant 1000031", gw.url())),
        "{}",
        stdout(&out)
    );

    let wrong_keys = [
        "--base-url",
        gw.url(),
        "--merchant-id",
        "1000031",
        "--hash-key",
        "AAAAAAAAAAAAAAAA",
        "--hash-iv",
        "SECRETIVSECRETIV",
    ];
    let out = omg(&[&["doctor"], &wrong_keys[..]].concat());
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV"), "{stderr}");
    assert!(!stderr.contains("SECRETIVSECRETIV") && !stdout(&out).contains("SECRETIVSECRETIV"), "a key was printed");
    // Its advice once, and not "run omg doctor" from omg doctor itself.
    assert_eq!(stderr.matches("OMG_HASH_IV").count(), 1, "{stderr}");
    assert!(!stderr.contains("`omg doctor`"), "{stderr}");
    let v = json_out(&omg(&[&["doctor", "--json"], &wrong_keys[..]].concat()));
    assert_eq!((v["ok"].clone(), v["rtn_code"].clone()), (json!(false), json!(10200073)), "{v}");
    assert!(!v["message"].as_str().unwrap().contains("omg doctor"), "{v}");
    // A CheckMacValue Error from any command names the same variables.
    let out = omg(&[
        "query",
        "trade",
        "A1",
        "--base-url",
        gw.url(),
        "--merchant-id",
        "1000031",
        "--hash-key",
        "AAAAAAAAAAAAAAAA",
        "--hash-iv",
        "BBBBBBBBBBBBBBBB",
    ]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("check OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV"));
}

#[test]
fn platform_id_lets_a_platform_query_for_its_sub_merchant() {
    // Platform 3000 signs for sub-merchant 3000001, which has no keys of its own in the simulator.
    let platform = Credentials::new("3000", "PlatformKey00001", "PlatformIv000001").unwrap();
    let config = omg_sim::Simulator::builder()
        .merchant(omg_sim::Merchant::new(platform.clone()))
        .daily_auto_close(false)
        .log(false)
        .into_config();
    let sim = omg_sim::spawn_blocking_sim(config).expect("simulator starts");
    let gw = Gateway { sim, http: ureq::Agent::config_builder().http_status_as_error(false).build().into() };
    let sub = Credentials::new("3000001", platform.hash_key(), platform.hash_iv()).unwrap();
    let no = omg_core::generate_merchant_trade_no("PF", &omg_core::SystemClock).unwrap();
    let mut order = Order::new(&no, 700, "cli test", "Mug", "http://127.0.0.1:9/return", Payment::default());
    order.platform_id = Some("3000".into());
    let client = Client::new(
        Config { credentials: sub, environment: Environment::Custom(gw.url().to_string()) },
        ClientOptions::default(),
    )
    .unwrap();
    gw.submit(&client.checkout(&order).unwrap().fields.to_form_body());
    gw.control("/_sim/pay", json!({ "merchant_trade_no": no, "merchant_id": "3000001" }));

    let keys = ["--merchant-id", "3000001", "--hash-key", "PlatformKey00001", "--hash-iv", "PlatformIv000001"];
    let with = |extra: &[&str]| {
        let mut args = vec!["query", "trade", no.as_str(), "--base-url", gw.url(), "--json"];
        args.extend(keys);
        args.extend(extra);
        omg(&args)
    };
    let out = with(&["--platform-id", "3000"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json_out(&out)["paid"], json!(true));
    // Without PlatformID the sub-merchant is unknown to the gateway: refused.
    assert_eq!(with(&[]).status.code(), Some(4));
}
