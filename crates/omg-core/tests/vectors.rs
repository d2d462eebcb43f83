//! The shared CheckMacValue vectors (tests/vectors/checkmacvalue.json), produced by the real
//! gateways and their documentation. Every implementation runs these.

use omg_core::mac::{self, HashMethod};
use omg_core::Fields;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/checkmacvalue.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors file")).expect("vectors json")
}

fn fields_of(params: &Value) -> Fields {
    Fields::from_pairs(params.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())))
        .unwrap()
}

fn method_of(v: &Value) -> HashMethod {
    match v["method"].as_str().unwrap() {
        "md5" => HashMethod::Md5,
        _ => HashMethod::Sha256,
    }
}

#[test]
fn every_vector_signs_to_its_expected_value() {
    let all = vectors();
    let list = all["vectors"].as_array().unwrap();
    assert!(list.len() >= 9);
    for v in list {
        let fields = fields_of(&v["params"]);
        let got =
            mac::sign(&fields, v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap(), method_of(v)).unwrap();
        assert_eq!(got, v["expected"].as_str().unwrap(), "vector {}", v["name"]);
        // The same from borrowed pairs (what the bindings sign without building Fields).
        let got = mac::sign_pairs(
            fields.iter(),
            v["hash_key"].as_str().unwrap(),
            v["hash_iv"].as_str().unwrap(),
            method_of(v),
        )
        .unwrap();
        assert_eq!(got, v["expected"].as_str().unwrap(), "vector {} (sign_pairs)", v["name"]);
    }
}

#[test]
fn sign_pairs_ignores_check_mac_value_and_refuses_keys_equal_ignoring_case() {
    let pairs = [("MerchantID", "2000132"), ("CheckMacValue", "X"), ("TotalAmount", "100")];
    let without = [("MerchantID", "2000132"), ("TotalAmount", "100")];
    let a = mac::sign_pairs(pairs.iter().copied(), "k", "v", HashMethod::Sha256).unwrap();
    assert_eq!(a, mac::sign_pairs(without.iter().copied(), "k", "v", HashMethod::Sha256).unwrap());
    let err =
        mac::sign_pairs([("Amount", "1"), ("amount", "2")].into_iter(), "k", "v", HashMethod::Sha256).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "duplicate");
}

#[test]
fn every_vector_verifies_and_a_flipped_byte_fails() {
    for v in vectors()["vectors"].as_array().unwrap() {
        let (key, iv) = (v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap());
        let mut fields = fields_of(&v["params"]);
        fields.push("CheckMacValue", v["expected"].as_str().unwrap());
        mac::verify(&fields, key, iv, method_of(v)).unwrap();
        let first_key = fields.iter().next().map(|(k, _)| k.to_string()).unwrap();
        let value = fields.get(&first_key).unwrap().to_string();
        fields.set(&first_key, format!("{value}#"));
        assert!(mac::verify(&fields, key, iv, method_of(v)).is_err(), "vector {}", v["name"]);
    }
}

#[test]
fn encoding_table_matches() {
    for case in vectors()["encoding"].as_array().unwrap() {
        assert_eq!(
            mac::encode_lower(case["input"].as_str().unwrap()),
            case["expected"].as_str().unwrap(),
            "input {:?}",
            case["input"]
        );
    }
}

#[test]
fn explain_matches_the_documented_intermediate_values_with_keys_masked() {
    let all = vectors();
    let ex = &all["explain"];
    let v = all["vectors"].as_array().unwrap().iter().find(|v| v["name"] == ex["vector"]).unwrap();
    let (key, iv) = (v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap());
    let got = mac::explain(&fields_of(&v["params"]), key, iv, HashMethod::Sha256).unwrap();
    let masked_preimage = ex["sorted_preimage"].as_str().unwrap().replace(key, "****").replace(iv, "****");
    let masked_encoded = ex["encoded_lowercase"]
        .as_str()
        .unwrap()
        .replace(&key.to_lowercase(), "****")
        .replace(&iv.to_lowercase(), "****");
    assert_eq!(got.sorted_preimage, masked_preimage);
    assert_eq!(got.encoded, masked_encoded);
    assert_eq!(got.check_mac_value, ex["expected"].as_str().unwrap());
    assert!(!format!("{got:?}").contains(key) && !format!("{got:?}").contains(iv));
}
