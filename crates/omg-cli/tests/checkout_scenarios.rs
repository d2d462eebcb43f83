//! tests/scenarios/checkout.json through the real `omg checkout` binary, as a merchant types it:
//! an item list as `--item` repeated, a true flag as its flag (`--binding-card`), every other
//! value as `--field Name=text` (the wire text; the CLI's way to give any field, the ItemName
//! text included), the keys in the OMG_* environment, `--env` for the environment. Each case
//! must end as every language's runner ends it (tests/scenarios/README.md).

use std::process::{Command, Stdio};

use serde_json::Value;

const SCENARIOS: &str = include_str!("../../../tests/scenarios/checkout.json");

/// The command line of one case's order.
fn arguments(order: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut args = vec!["checkout".to_string(), "--json".to_string()];
    for (name, value) in order {
        match (name.as_str(), value) {
            ("item_name", Value::Array(items)) => {
                for item in items {
                    args.extend(["--item".to_string(), item.as_str().expect("item names are text").to_string()]);
                }
            }
            (_, Value::Bool(true)) => args.push(format!("--{}", name.replace('_', "-"))),
            // CreditInstallment is the only other list in the file: its wire text joins with `,`.
            (_, Value::Array(items)) => {
                let text: Vec<String> =
                    items.iter().map(|i| i.as_str().map_or(i.to_string(), str::to_string)).collect();
                args.extend(["--field".to_string(), format!("{name}={}", text.join(","))]);
            }
            (_, Value::String(text)) => args.extend(["--field".to_string(), format!("{name}={text}")]),
            (_, Value::Number(n)) => args.extend(["--field".to_string(), format!("{name}={n}")]),
            (_, other) => panic!("{name}: no command line for {other}"),
        }
    }
    args
}

#[test]
fn every_checkout_scenario_ends_as_in_every_language() {
    let doc: Value = serde_json::from_str(SCENARIOS).unwrap();
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
        cmd.args(arguments(input["order"].as_object().unwrap()));
        if let Some(environment) = input["environment"].as_str() {
            cmd.args(["--env", environment]);
        }
        for var in
            ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_ENV", "OMG_BASE_URL", "OMG_CREDIT_CHECK_CODE"]
        {
            cmd.env_remove(var);
        }
        for (var, key) in [("OMG_MERCHANT_ID", "merchant_id"), ("OMG_HASH_KEY", "hash_key"), ("OMG_HASH_IV", "hash_iv")]
        {
            if let Some(value) = input["keys"][key].as_str() {
                cmd.env(var, value);
            }
        }
        let out = cmd.stdin(Stdio::null()).output().expect("omg runs");
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
            panic!(
                "{name}: not JSON: {} {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let expect = &case["expect"];
        if let Some(error) = expect.get("error") {
            // Exit 3: refused, the error payload on stdout; its first field error is the case's.
            let first = &printed["field_errors"][0];
            let got = (out.status.code(), &printed["kind"], &first["field"], &first["rule"]);
            if got != (Some(3), &error["kind"], &error["field"], &error["rule"]) {
                failures.push(format!("{name}: expected {error}, got exit {:?} {printed}", out.status.code()));
            }
            continue;
        }
        let warnings: Vec<Value> = printed["warnings"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no warnings in {printed}"))
            .iter()
            .map(|w| serde_json::json!({"field": w["field"], "rule": w["rule"]}))
            .collect();
        let want_warnings = expect.get("warnings").cloned().unwrap_or(serde_json::json!([]));
        if out.status.code() != Some(0)
            || printed["fields"] != expect["fields"]
            || Value::Array(warnings) != want_warnings
        {
            failures.push(format!("{name}: expected {expect}, got exit {:?} {printed}", out.status.code()));
        }
    }
    assert!(cases.len() >= 23, "only {} checkout scenarios", cases.len());
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
