//! The offline `omg` commands, run as a user runs them: the real binary, stdin, stdout, exit code.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn omg(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_ENV", "OMG_BASE_URL", "OMG_CREDIT_CHECK_CODE"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("omg runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/checkmacvalue.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn sign_reproduces_every_shared_vector_from_json_and_from_a_form_body() {
    for v in vectors()["vectors"].as_array().unwrap() {
        let keys = ["--hash-key", v["hash_key"].as_str().unwrap(), "--hash-iv", v["hash_iv"].as_str().unwrap()];
        let mut args = vec!["sign", "--json"];
        args.extend(keys);
        if v["method"] == "md5" {
            args.push("--md5");
        }
        let out = omg(&args, v["params"].to_string().as_bytes(), &[]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let got: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(got["CheckMacValue"], v["expected"], "vector {}", v["name"]);

        // The same fields as a form body (form-encoded, with echo's trailing newline).
        let fields = omg_core::Fields::from_pairs(
            v["params"].as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_str().unwrap().to_string())),
        )
        .unwrap();
        let body = format!("{}\n", fields.to_form_body());
        args.retain(|a| *a != "--json");
        let out = omg(&args, body.as_bytes(), &[]);
        assert_eq!(stdout(&out).trim(), v["expected"].as_str().unwrap(), "vector {} (form body)", v["name"]);
    }
}

#[test]
fn the_letter_case_of_hash_key_and_hash_iv_does_not_change_the_signature() {
    // docs/signing.md: the pre-image is lowercased whole, keys included. Every vector, signed with
    // its keys in upper case, still gives the value the real gateway computed.
    for v in vectors()["vectors"].as_array().unwrap() {
        let (key, iv) = (v["hash_key"].as_str().unwrap().to_uppercase(), v["hash_iv"].as_str().unwrap().to_uppercase());
        let mut args = vec!["sign", "--json", "--hash-key", &key, "--hash-iv", &iv];
        if v["method"] == "md5" {
            args.push("--md5");
        }
        let out = omg(&args, v["params"].to_string().as_bytes(), &[]);
        let got: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(got["CheckMacValue"], v["expected"], "vector {}", v["name"]);
    }
}

#[test]
fn sign_takes_keys_from_the_environment_and_explains_without_revealing_them() {
    let env =
        [("OMG_MERCHANT_ID", "3002607"), ("OMG_HASH_KEY", "pwFHCqoQZGmho4w6"), ("OMG_HASH_IV", "EkRm7iFT261dpevs")];
    let out = omg(&["sign", "--explain"], b"MerchantID=3002607&ItemName=Tom%27s+Shop&TotalAmount=100", &env);
    let text = stdout(&out);
    assert!(text.contains("HashKey=****&ItemName=Tom's Shop&MerchantID=3002607&TotalAmount=100&HashIV=****"), "{text}");
    assert!(text.contains("itemname%3dtom%27s+shop"));
    assert!(text.contains("CF0A3D4901D99459D8641516EC57210700E8A5C9AB26B1D021301E9CB93EF78D"));
    assert!(!text.contains("pwFHCqoQZGmho4w6") && !text.contains("EkRm7iFT261dpevs"));
}

#[test]
fn sign_refuses_bad_input_with_exit_3_and_a_json_error() {
    let out = omg(&["sign", "--json"], br#"{"TotalAmount": 100}"#, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["error"], "validation");
    assert_eq!(err["errors"][0]["field"], "TotalAmount");

    let out = omg(&["sign"], b"A=1&a=2", &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("differ only in case"));

    let out = omg(&["sign"], b"A=%ff", &[]);
    assert_eq!(out.status.code(), Some(3));
}

/// A vector's fields with its CheckMacValue: a body signed by the real gateway.
fn signed_vector(v: &Value) -> omg_core::Fields {
    let mut fields = omg_core::Fields::from_pairs(
        v["params"].as_object().unwrap().iter().map(|(k, x)| (k.clone(), x.as_str().unwrap().to_string())),
    )
    .unwrap();
    fields.push("CheckMacValue", v["expected"].as_str().unwrap());
    fields
}

#[test]
fn verify_exits_0_for_a_valid_body_and_1_for_a_tampered_one() {
    let v = &vectors()["vectors"][2];
    let fields = signed_vector(v);
    let keys = ["verify", "--hash-key", v["hash_key"].as_str().unwrap(), "--hash-iv", v["hash_iv"].as_str().unwrap()];
    let out = omg(&keys, fields.to_form_body().as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("valid"));
    assert!(stdout(&out).contains("TradeNo"));
    assert!(stdout(&out).contains("kind: payment_result"), "{}", stdout(&out));

    let tampered = fields.to_form_body().replace("TradeAmt=4250", "TradeAmt=1");
    let out = omg(&keys, tampered.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(1));

    let mut json_args = keys.to_vec();
    json_args.push("--json");
    let out = omg(&json_args, tampered.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["error"], "signature");
}

#[test]
fn verify_with_keys_from_the_environment_takes_the_merchant_id_of_the_body() {
    // docs/cli.md: without --merchant-id / OMG_MERCHANT_ID the body's own MerchantID is used, so
    // OMG_HASH_KEY and OMG_HASH_IV alone verify a captured body (it once demanded OMG_MERCHANT_ID).
    let v = &vectors()["vectors"][2];
    let fields = signed_vector(v);
    let env = [("OMG_HASH_KEY", v["hash_key"].as_str().unwrap()), ("OMG_HASH_IV", v["hash_iv"].as_str().unwrap())];
    let out = omg(&["verify"], fields.to_form_body().as_bytes(), &env);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with("valid"), "{}", stdout(&out));
    // One key alone is still refused, naming the one missing.
    let out = omg(&["verify"], fields.to_form_body().as_bytes(), &env[..1]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("OMG_HASH_IV") && !stderr.contains("OMG_MERCHANT_ID"), "{stderr}");
}

#[test]
fn codes_describes_known_and_unknown_codes() {
    let out = omg(&["codes", "10100073", "--json"], b"", &[]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["category"], "code_issued");
    let out = omg(&["codes", "424242"], b"", &[]);
    assert!(stdout(&out).contains("424242") && stdout(&out).contains("unknown"));
    let out = omg(&["codes", "--json"], b"", &[]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v.as_array().unwrap().len() >= 11);
    assert_eq!(omg(&["codes", "abc"], b"", &[]).status.code(), Some(3));
}

#[test]
fn barcode_writes_svg_and_refuses_lowercase() {
    let out = omg(&["barcode", "1012187FA", "0000000000000000", "000000000000000"], b"", &[]);
    assert_eq!(out.status.code(), Some(0));
    let svg = stdout(&out);
    assert!(svg.starts_with("<svg") && svg.matches("</text>").count() == 3);
    let out = omg(&["barcode", "abc"], b"", &[]);
    assert_eq!(out.status.code(), Some(3));
    // Capped at what a store's barcode can be (issue 21 item 7): 64 characters, 3 segments.
    let long = "1".repeat(65);
    let out = omg(&["barcode", "1012187FA", &long], b"", &[]);
    assert_eq!(out.status.code(), Some(3));
    let said = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("Barcode2") && said.contains("max_length"), "{said}");
    assert_eq!(omg(&["barcode", &long[..64]], b"", &[]).status.code(), Some(0));
    assert_eq!(omg(&["barcode", "1", "2", "3", "4"], b"", &[]).status.code(), Some(3));
}

/// `omg checkout` shows the checkout's warnings (they were dropped before issue 21 item 3): a
/// `warnings` array in `--json`, `omg: warning:` lines on stderr otherwise, stdout unchanged.
#[test]
fn checkout_prints_its_warnings_and_refuses_period_return_url_on_a_browser_url() {
    let recurring = |period_return_url: &str, extra: &[&str]| {
        let mut args = vec![
            "checkout",
            "--method",
            "recurring",
            "--amount",
            "500",
            "--item",
            "Plan",
            "--desc",
            "shop",
            "--return-url",
            "https://shop.example/omg/return",
            "--period-type",
            "M",
            "--frequency",
            "1",
            "--exec-times",
            "12",
            "--period-return-url",
            period_return_url,
        ];
        args.extend(extra);
        omg(&args, b"", &[])
    };

    let out = recurring("HTTPS://Shop.Example/omg/return", &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{v}");
    assert_eq!(
        (warnings[0]["field"].as_str(), warnings[0]["rule"].as_str()),
        (Some("PeriodReturnURL"), Some("shared_route"))
    );
    assert!(warnings[0]["message"].as_str().unwrap().contains("must accept period charges"), "{v}");

    let out = recurring("https://shop.example/omg/return", &[]);
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with("omg: warning: PeriodReturnURL: ") && said.contains("(shared_route)"), "{said}");
    assert!(stdout(&out).starts_with("POST ") && !stdout(&out).contains("warning"), "{}", stdout(&out));

    // Its own route: no warning at all.
    let out = recurring("https://shop.example/omg/period", &["--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert!(out.stderr.is_empty());

    // A browser URL as PeriodReturnURL: refused, naming PeriodReturnURL.
    let out =
        recurring("https://shop.example/omg/done", &["--order-result-url", "https://shop.example/omg/done", "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["field_errors"][0]["field"], "PeriodReturnURL", "{v}");
    assert_eq!(v["field_errors"][0]["rule"], "conflict", "{v}");
}
