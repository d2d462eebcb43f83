//! Runs tests/scenarios/settings.json against omg-core's ClientSettings: named values → the
//! effective settings or the validation error. The same file is run by every language's runner.

use omg_core::boundary::{error_payload, ClientSettings, Described, ValueType, CLIENT_SETTINGS};
use serde_json::Value;

const SCENARIOS: &str = include_str!("../../../tests/scenarios/settings.json");

/// A JSON input value as the text a binding hands to `from_named`.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_settings_scenario_holds() {
    let doc: Value = serde_json::from_str(SCENARIOS).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert_eq!(case["op"], "settings", "{name}");
        let input: Vec<(String, String)> =
            case["input"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), as_text(v))).collect();
        let expect = &case["expect"];
        match (ClientSettings::from_named(input), expect.get("error")) {
            (Ok(settings), None) => {
                let view = settings.to_json();
                for (field, want) in expect.as_object().unwrap() {
                    let desc = CLIENT_SETTINGS
                        .field(field)
                        .unwrap_or_else(|| panic!("{name}: {field} is not a described setting"));
                    let got = &view[field];
                    let same = match desc.ty {
                        ValueType::Float => got.as_f64() == want.as_f64(),
                        _ => got == want,
                    };
                    if !same {
                        failures.push(format!("{name}: {field} is {got}, expected {want}"));
                    }
                }
            }
            (Err(error), Some(want)) => {
                let payload = error_payload(&error);
                let found =
                    payload["kind"] == want["kind"]
                        && payload["field_errors"].as_array().unwrap().iter().any(|e| {
                            e["field"] == want["field"] && want.get("rule").is_none_or(|rule| &e["rule"] == rule)
                        });
                if !found {
                    failures.push(format!("{name}: expected {want}, got {payload}"));
                }
            }
            (Ok(settings), Some(want)) => {
                failures.push(format!("{name}: expected the error {want}, got {}", settings.to_json()))
            }
            (Err(error), None) => failures.push(format!("{name}: unexpected error {}", error_payload(&error))),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} settings scenarios failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn names_are_accepted_in_every_language_casing_but_not_twice() {
    for spelling in ["base_url", "baseUrl", "BaseUrl", "BASE_URL"] {
        let settings = ClientSettings::from_named([(spelling, "http://127.0.0.1:9")]).unwrap();
        assert_eq!(settings.config.environment.base_url(), "http://127.0.0.1:9", "{spelling}");
    }
    let err = ClientSettings::from_named([("base_url", "http://127.0.0.1:9"), ("baseUrl", "http://127.0.0.1:9")])
        .unwrap_err();
    let e = &err.field_errors()[0];
    assert_eq!((e.field.as_str(), e.rule.as_str()), ("base_url", "duplicate"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = ClientSettings::from_named([
        ("environment", "production"),
        ("base_url", "http://x.example"),
        ("retries", "99"),
    ])
    .unwrap_err();
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"base_url") && fields.contains(&"retries"), "{fields:?}");
}

#[test]
fn settings_make_a_working_client() {
    let client = ClientSettings::from_named([("base_url", "http://127.0.0.1:9"), ("retries", "0")])
        .unwrap()
        .into_client()
        .unwrap();
    assert_eq!(client.config().environment.base_url(), "http://127.0.0.1:9");
}

#[test]
fn errors_can_name_settings_in_a_binding_casing() {
    use omg_core::boundary::casing::camel_case;
    use omg_core::client::settings::name_settings_by;
    let error = ClientSettings::from_named([
        ("environment", "production"),
        ("base_url", "http://127.0.0.1:9"),
        ("readTimeout", "0"),
    ])
    .unwrap_err();
    let renamed = name_settings_by(error, camel_case);
    let mut fields: Vec<String> = renamed.field_errors().iter().map(|e| e.field.clone()).collect();
    fields.sort();
    fields.dedup();
    // Each setting as a Node or PHP caller writes it; the snake_case names are gone.
    assert!(fields.contains(&"baseUrl".to_string()) && fields.contains(&"readTimeout".to_string()), "{fields:?}");
    assert!(!fields.iter().any(|f| f.contains('_')), "{fields:?}");
}
