//! `omg sim faults add|list|clear`: the HTTP API's fault vocabulary from a shell, APIs named by
//! short names. Each fault is checked by its effect on a real call from `omg`.

mod common;

use common::{json_out, omg, paid_order, start_sim, stderr, succeeded};

#[test]
fn a_counted_status_fault_on_query_trade_fails_one_query_then_is_gone() {
    let sim = start_sim();
    let url = sim.base_url();
    let no = paid_order(url);
    let added =
        succeeded(&omg(&["sim", "faults", "add", "query-trade", "--status", "503", "--count", "1", "--sim", url]));
    assert_eq!(added.trim(), "added: query-trade (/Cashier/QueryTradeInfo/V5): status 503, the next request");
    let listed = succeeded(&omg(&["sim", "faults", "list", "--sim", url]));
    assert!(listed.contains("query-trade (/Cashier/QueryTradeInfo/V5): status 503"), "{listed}");

    // The helpers run omg with OMG_MAX_RETRIES=0: the one 503 is the query's answer.
    let out = omg(&["query", "trade", &no, "--sim", url]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("503"), "{}", stderr(&out));
    succeeded(&omg(&["query", "trade", &no, "--sim", url]));
    assert_eq!(succeeded(&omg(&["sim", "faults", "list", "--sim", url])).trim(), "no faults");
}

#[test]
fn apply_then_status_on_do_action_captures_and_exits_7_and_clear_removes_every_fault() {
    let sim = start_sim();
    let url = sim.base_url();
    let no = paid_order(url);
    let order = json_out(&omg(&["sim", "orders", "--json", "--sim", url]))["orders"][0].clone();
    let trade_no = order["trade_no"].as_str().unwrap().to_string();
    succeeded(&omg(&["sim", "faults", "add", "do-action", "--apply-then-status", "307", "--count", "1", "--sim", url]));
    succeeded(&omg(&["sim", "faults", "add", "*", "--delay-ms", "10", "--sim", url]));
    let json = json_out(&omg(&["sim", "faults", "list", "--json", "--sim", url]));
    assert_eq!(json["faults"].as_array().unwrap().len(), 2, "{json}");

    let out = omg(&["capture", &no, "--trade-no", &trade_no, "--amount", "100", "--sim", url]);
    assert_eq!(out.status.code(), Some(7), "the capture happened but its reply was a 307: {}", stderr(&out));
    let order = json_out(&omg(&["sim", "orders", "--json", "--sim", url]))["orders"][0].clone();
    assert_eq!(order["card"]["state"], "capture_pending", "{order}");

    assert_eq!(succeeded(&omg(&["sim", "faults", "clear", "--sim", url])).trim(), "faults cleared");
    assert_eq!(succeeded(&omg(&["sim", "faults", "list", "--sim", url])).trim(), "no faults");
}

#[test]
fn a_fault_the_simulator_refuses_is_exit_3_with_its_reason() {
    let sim = start_sim();
    let url = sim.base_url();
    let out = omg(&["sim", "faults", "add", "refund", "--status", "503", "--sim", url]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("do-action"), "the short names are listed: {}", stderr(&out));
    let out = omg(&["sim", "faults", "add", "do-action", "--sim", url]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("the fault does nothing"), "{}", stderr(&out));
    let out =
        omg(&["sim", "faults", "add", "do-action", "--apply-then-status", "307", "--drop-connection", "--sim", url]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("apply_then_status"), "{}", stderr(&out));
}
