//! The contract (omg_core::boundary::contract()) against the code it describes: each value set
//! holds what core produces or reads, each setting and order field is one core reads, each
//! operation's shape is consistent, each exception attribute is a payload field.

use omg_core::api::query_credit_detail::CreditStatus;
use omg_core::api::query_period_info::ExecStatus;
use omg_core::api::query_trade_info::TradeStatus;
use omg_core::boundary::operations::{ArgType, Output, Owner};
use omg_core::boundary::order_options::OptionKind;
use omg_core::boundary::{contract, value_sets, ClientSettings, ValueType, ERROR_PAYLOAD};
use omg_core::notify::template::Template;
use omg_core::notify::Endpoint;
use omg_core::order::choices::Method;
use omg_core::order::names;
use omg_core::{Error, HashMethod};

#[test]
fn the_status_value_sets_are_the_names_core_writes() {
    let trade: Vec<&str> = ["0", "1", "10200095", "7"].iter().map(|w| TradeStatus::parse(w).name()).collect();
    assert_eq!(trade, value_sets::TRADE_STATUS_NAME.values);
    let exec: Vec<&str> = ["0", "1", "2", "x"].iter().map(|w| ExecStatus::parse(w).name()).collect();
    assert_eq!(exec, value_sets::EXEC_STATUS_NAME.values);
    for word in ["已授權", "要關帳", "已關帳", "要退款", "已退款", "其他"] {
        assert!(value_sets::CREDIT_STATUS_NAME.contains(CreditStatus::parse(word).name()), "{word}");
    }
}

#[test]
fn the_input_value_sets_are_what_core_reads() {
    for name in value_sets::ENDPOINT.values {
        assert!(Endpoint::parse(name).is_ok(), "{name}");
    }
    for name in value_sets::TEST_NOTIFICATION_KIND.values {
        assert!(Template::parse(name).is_ok(), "{name}");
    }
    assert_eq!(Template::ALL.len(), value_sets::TEST_NOTIFICATION_KIND.values.len());
    for name in value_sets::HASH_METHOD.values {
        assert!(HashMethod::parse(name).is_ok(), "{name}");
    }
    let mut methods: Vec<&str> = Method::WIRE.to_vec();
    methods.push("ALL");
    assert_eq!(methods, value_sets::CHOOSE_PAYMENT.values);
    let rules: Vec<&str> = omg_core::rules::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(value_sets::RULE.values, rules);
}

#[test]
fn every_error_kind_is_in_its_value_set() {
    let errors = [
        Error::invalid("f", omg_core::rules::REQUIRED, "m"),
        Error::Signature("s".into()),
        Error::Gateway { rtn_code: None, rtn_msg: String::new() },
        Error::Transport(omg_core::TransportError {
            message: String::new(),
            timeout: false,
            status: None,
            outcome_unknown: false,
            reconcile_with: None,
        }),
        Error::Decode("d".into()),
    ];
    let kinds: Vec<&str> = errors.iter().map(Error::kind).collect();
    assert_eq!(kinds, value_sets::ERROR_KIND.values);
}

#[test]
fn every_setting_is_one_core_reads() {
    let c = contract();
    for setting in &c.settings {
        let value = match setting.kind {
            omg_core::boundary::SettingKind::Seconds => "1",
            omg_core::boundary::SettingKind::Count => "2",
            omg_core::boundary::SettingKind::Bytes => "1000",
            omg_core::boundary::SettingKind::Environment => "stage",
            _ => "x",
        };
        if let Err(e) = ClientSettings::from_named([(setting.name, value)]) {
            assert!(e.field_errors().iter().all(|f| f.rule != "unknown"), "{}: {e}", setting.name);
        }
    }
    assert!(ClientSettings::from_named([("colour", "red")]).is_err());
}

#[test]
fn every_order_field_is_one_core_knows_and_every_known_field_is_listed() {
    let c = contract();
    for option in &c.order_options {
        assert!(names::is_known(option.wire), "{}", option.wire);
        assert_eq!(option.name.replace('_', ""), option.wire.to_ascii_lowercase().replace('_', ""), "{}", option.name);
    }
    let filled_by_the_sdk = [names::MERCHANT_ID, names::PAYMENT_TYPE, names::ENCRYPT_TYPE, names::CHECK_MAC_VALUE];
    for wire in names::all().filter(|w| !filled_by_the_sdk.contains(w)) {
        assert!(c.order_options.iter().any(|o| o.wire == wire), "{wire} is not in ORDER_OPTIONS");
    }
    assert_eq!(c.order_options.iter().filter(|o| o.required).count(), 6);
    assert!(c.order_options.iter().all(|o| !matches!(o.kind, OptionKind::OneOf(set) if set.values.is_empty())));
}

#[test]
fn operations_are_consistent() {
    let c = contract();
    for op in c.operations.iter().chain(&c.notification_methods) {
        assert_eq!(
            op.calls.is_empty(),
            !op.effect.is_network(),
            "{}: calls names the core method of a network operation",
            op.name
        );
        if op.effect.is_network() {
            assert_eq!(op.owner, Owner::Client, "{}", op.name);
            assert!(op.args.iter().all(|a| matches!(a.ty, ArgType::Str | ArgType::Amount)), "{}", op.name);
            assert!(matches!(op.output, Output::Record(_) | Output::Bool), "{}", op.name);
        }
        let mut optional = false;
        for arg in op.args {
            assert!(!optional || arg.is_optional(), "{}: a required argument after an optional one", op.name);
            optional |= arg.is_optional();
        }
        if let Output::Record(desc) | Output::Records(desc) = op.output {
            assert!(c.record(desc.name).is_some(), "{}: {} is not a record", op.name, desc.name);
        }
    }
}

#[test]
fn exception_attributes_are_payload_fields_and_predicates_are_booleans() {
    let c = contract();
    for class in &c.errors {
        for attribute in class.attributes {
            assert!(ERROR_PAYLOAD.field(attribute.payload_field).is_some(), "{}", attribute.payload_field);
        }
    }
    let gateway = c.errors.iter().find(|e| e.kind == "gateway").unwrap();
    for predicate in &c.gateway_predicates {
        let attribute = gateway.attributes.iter().find(|a| a.name == *predicate).unwrap();
        assert_eq!(attribute.ty(), ValueType::Bool, "{predicate}");
    }
}
