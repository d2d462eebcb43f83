//! The three notification classes, `PaymentResult`, `PaymentCodeIssued` and `PeriodCharge`, all
//! implementing the interface `Notification`. Each holds the verified omg-core notification; its
//! properties come from the kind's description, each computed by omg-core when read (so verifying
//! costs no conversion of fields nobody reads), `get()` and `expectAmount()` call omg-core.

use std::borrow::Cow;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::boundary::{notification_desc, notification_field_json, TypeDesc};
use omg_core::{Notification as CoreNotification, NotificationKind};

use crate::convert;
use crate::described::read_only;
use crate::errors::IntoPhp;
use crate::guard::entry;
use crate::view;
use serde_json::Value;

/// Every verified notification: `$n instanceof Notification`; tell the kinds apart with
/// `instanceof PaymentResult` (or `$n->kind`).
#[php_interface]
#[allow(dead_code)] // implemented by the classes below through PHP, not through Rust
#[php(name = "Omg\\Payment\\Notification")]
pub trait Notification {
    /// Any field by its wire name (`'TradeNo'`), null when not sent.
    fn get(&self, name: String) -> Option<String>;
    /// A ValidationException (rule `amount_mismatch`, `required` or `format`) unless the notified
    /// amount (TradeAmt, or Amount for a period charge) is `$amount` (an int or a digit string).
    fn expect_amount(&self, amount: &Zval) -> PhpResult<()>;
    /// Every property as an array, camelCase keys.
    fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>>;
}

/// What the three classes share: the verified notification. Each property is computed from it
/// when read, alone (no view of every field is built).
pub struct Verified {
    notification: CoreNotification,
}

impl Verified {
    fn desc(&self) -> &'static TypeDesc {
        notification_desc(self.notification.kind())
    }

    fn read(&self) -> impl Fn(&'static str) -> Cow<'static, Value> + '_ {
        move |name| Cow::Owned(notification_field_json(&self.notification, name).unwrap_or(Value::Null))
    }

    fn property(&self, name: &str) -> PhpResult<Zval> {
        view::read_property(self.desc(), name, self.read(), crate::described::object)
    }

    fn has(&self, name: &str) -> bool {
        view::has_property(self.desc(), name, self.read())
    }

    fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        view::every_property(self.desc(), self.read(), crate::described::object)
    }
}

macro_rules! notification_classes {
    ($($class:ident = $php:literal;)*) => {
        $(
            #[php_class]
            #[php(name = $php)]
            #[php(implements(PhpInterfaceNotification))]
            pub struct $class {
                inner: Verified,
            }

            #[php_impl]
            impl $class {
                #[php(name = "__get")]
                pub fn magic_get(&self, name: String) -> PhpResult<Zval> {
                    entry(|| self.inner.property(&name))
                }

                #[php(name = "__isset")]
                pub fn magic_isset(&self, name: String) -> bool {
                    self.inner.has(&name)
                }

                #[php(name = "__set")]
                pub fn magic_set(&self, name: String, _value: &Zval) -> PhpResult<()> {
                    Err(read_only(stringify!($class), &name))
                }

                /// Any field by its wire name (`'TradeNo'`), null when not sent.
                pub fn get(&self, name: String) -> Option<String> {
                    self.inner.notification.get(&name).map(str::to_string)
                }

                /// A ValidationException unless the notified amount is `$amount` (an int or a
                /// string of ASCII digits, as a database returns it).
                pub fn expect_amount(&self, amount: &Zval) -> PhpResult<()> {
                    entry(|| {
                        let function = concat!("Omg\\Payment\\", stringify!($class), "::expectAmount");
                        let amount = convert::amount(function, "Argument #1 ($amount)", amount)?;
                        self.inner.notification.expect_amount(amount).into_php()
                    })
                }

                /// Every property as an array, camelCase keys.
                pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
                    entry(|| self.inner.to_array())
                }
            }
        )*

        pub fn register(module: ModuleBuilder) -> ModuleBuilder {
            module.interface::<PhpInterfaceNotification>()$(.class::<$class>())*
        }
    };
}

notification_classes! {
    PaymentResult = "Omg\\Payment\\PaymentResult";
    PaymentCodeIssued = "Omg\\Payment\\PaymentCodeIssued";
    PeriodCharge = "Omg\\Payment\\PeriodCharge";
}

/// A verified notification as the PHP object of its kind's class.
pub fn to_php(notification: CoreNotification) -> PhpResult<Zval> {
    let kind = notification.kind();
    let inner = Verified { notification };
    Ok(match kind {
        NotificationKind::PaymentResult => PaymentResult { inner }.into_zval(false)?,
        NotificationKind::PaymentCodeIssued => PaymentCodeIssued { inner }.into_zval(false)?,
        NotificationKind::PeriodCharge => PeriodCharge { inner }.into_zval(false)?,
    })
}
