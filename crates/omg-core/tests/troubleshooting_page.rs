//! docs/troubleshooting.md cannot fall behind the code catalogue: every code `codes::known()`
//! knows has its own row (cause and fix), and so does every RtnMsg word protocol.md lists for
//! the server APIs.

use omg_core::codes;

fn page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/troubleshooting.md"))
        .expect("docs/troubleshooting.md")
}

/// The first cell of each table row: `| 10200073 | ...` gives `10200073`, `` | `error` | `` gives `error`.
fn row_keys(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|line| line.strip_prefix('|'))
        .filter_map(|rest| rest.split('|').next())
        .map(|cell| cell.trim().trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_code_of_the_catalogue_has_a_row_with_a_cause_and_a_fix() {
    let page = page();
    let keys = row_keys(&page);
    let missing: Vec<i64> =
        codes::known().iter().map(|c| c.code).filter(|code| !keys.contains(&code.to_string())).collect();
    assert!(
        missing.is_empty(),
        "docs/troubleshooting.md has no row for RtnCode {missing:?}: add its likely cause and fix"
    );
    for line in page.lines().filter(|l| l.starts_with("| 1")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert!(cells.len() >= 6 && !cells[3].is_empty() && !cells[4].is_empty(), "a row without cause or fix: {line}");
    }
}

#[test]
fn every_rtnmsg_word_of_the_server_apis_has_a_row() {
    // protocol.md §6: DoAction and QueryTrade/V2 refusals, and the common ones.
    let words = [
        "error_notClosed",
        "error_overDAY",
        "error_overAmount",
        "error_abandoned",
        "error_state",
        "error_TradeNo",
        "error_nopay",
        "error_Stop",
        "error",
        "CheckMacValue Error",
        "TimeStamp Error",
    ];
    let keys = row_keys(&page());
    let missing: Vec<&str> = words.iter().copied().filter(|w| !keys.iter().any(|k| k == w)).collect();
    assert!(missing.is_empty(), "docs/troubleshooting.md has no row for RtnMsg {missing:?}");
}
