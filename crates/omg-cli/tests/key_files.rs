//! Keys from a file or stdin instead of the command line, where other local users could read
//! them in the process list (issue 9 item 5). The real binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use omg_core::mac::{self, HashMethod};
use omg_core::Fields;

const KEY: &str = "pwFHCqoQZGmho4w6";
const IV: &str = "EkRm7iFT261dpevs";
const BODY: &[u8] = b"MerchantID=3002607&ItemName=Tom%27s+Shop&TotalAmount=100";

fn omg(args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_ENV", "OMG_BASE_URL", "OMG_CREDIT_CHECK_CODE"] {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().expect("omg runs");
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn expected_mac() -> String {
    mac::sign(&Fields::parse_form(BODY).unwrap(), KEY, IV, HashMethod::Sha256).unwrap()
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("omg-key-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn sign_reads_each_key_from_its_own_file() {
    let key = temp_file("key", &format!("{KEY}\n"));
    let iv = temp_file("iv", IV);
    let out = omg(&["sign", "--hash-key-file", key.to_str().unwrap(), "--hash-iv-file", iv.to_str().unwrap()], BODY);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected_mac());
}

#[test]
fn sign_reads_every_key_from_one_credentials_file() {
    let file = temp_file(
        "omg.env",
        &format!("# shop keys\nOMG_MERCHANT_ID=3002607\nOMG_HASH_KEY={KEY}\n\nOMG_HASH_IV={IV}\n"),
    );
    let out = omg(&["sign", "--credentials-file", file.to_str().unwrap()], BODY);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected_mac());
}

#[test]
fn a_key_can_come_from_standard_input_when_stdin_holds_nothing_else() {
    let iv = temp_file("iv2", IV);
    let out = omg(
        &[
            "checkout",
            "--json",
            "--amount",
            "100",
            "--item",
            "Mug",
            "--desc",
            "shop",
            "--return-url",
            "http://127.0.0.1:9/r",
            "--merchant-id",
            "3002607",
            "--hash-key-file",
            "-",
            "--hash-iv-file",
            iv.to_str().unwrap(),
        ],
        format!("{KEY}\n").as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{} {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields = Fields::from_pairs(
        printed["fields"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())),
    )
    .unwrap();
    mac::verify(&fields, KEY, IV, HashMethod::Sha256).expect("signed with the key read from stdin");

    // `omg sign` reads its body from stdin: a key cannot come from there too.
    let out = omg(&["sign", "--hash-key-file", "-", "--hash-iv", IV], BODY);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_key_flag_and_its_file_together_or_a_missing_file_are_refused() {
    let key = temp_file("key3", KEY);
    let out = omg(&["sign", "--hash-key", KEY, "--hash-key-file", key.to_str().unwrap()], BODY);
    assert_eq!(out.status.code(), Some(2));
    let out = omg(&["sign", "--hash-key-file", "/nonexistent/omg-key", "--hash-iv", IV], BODY);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/omg-key"));
}

#[test]
fn help_says_how_to_pass_keys_safely() {
    let out = omg(&["--help"], b"");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("process list") && help.contains("OMG_HASH_KEY") && help.contains("--credentials-file"),
        "{help}"
    );
}
