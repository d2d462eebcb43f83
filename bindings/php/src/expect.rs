//! Which notifications a handler accepts, read from the type of its first parameter, the way a
//! PHP developer already says it: `function (PaymentResult $n)` serves ReturnURL only,
//! `function (PeriodCharge $n)` PeriodReturnURL only, `PaymentResult|PaymentCodeIssued $n` both,
//! and an untyped parameter (or `Notification $n`, `object $n`, `mixed $n`) every kind. The
//! notification helper checks it before calling the handler, so a misrouted notification is
//! refused and logged as such (receive.rs) instead of failing inside PHP's argument check.

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ClassEntry, ExecutorGlobals};

/// Whether `handler($notification)` accepts the notification's class. When the handler's type
/// cannot be read (which PHP does not do for a valid callable), it accepts: PHP's own argument
/// check still applies.
pub fn accepts(handler: &Zval, notification: &Zval) -> bool {
    let answer = first_parameter_type(handler).map(|ty| ty.is_none_or(|ty| type_accepts(&ty, notification)));
    if ExecutorGlobals::has_exception() {
        // Reflection threw (it does not for a callable): leave the decision to PHP.
        drop(ExecutorGlobals::take_exception());
        return true;
    }
    answer.unwrap_or(true)
}

fn call(function: &str, args: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> Option<Zval> {
    ZendCallable::try_from_name(function).ok()?.try_call(args).ok()
}

/// The `ReflectionType` of the handler's first parameter; None when it has no parameter or no type.
fn first_parameter_type(handler: &Zval) -> Option<Option<Zval>> {
    let closure = call("Closure::fromCallable", vec![handler])?;
    let reflection = ZendObject::new(ClassEntry::try_find("ReflectionFunction")?);
    reflection.try_call_method("__construct", vec![&closure]).ok()?;
    let parameters = reflection.try_call_method("getParameters", vec![]).ok()?;
    let Some(first) = parameters.array().and_then(|list| list.get_index(0)) else {
        return Some(None); // no parameter at all: the handler ignores what it gets
    };
    let ty = first.try_call_method("getType", vec![]).ok()?;
    Some((!ty.is_null()).then_some(ty))
}

/// Whether a value of `notification`'s class passes the `ReflectionType` `ty`.
fn type_accepts(ty: &Zval, notification: &Zval) -> bool {
    let method = |name: &str| ty.try_call_method(name, vec![]).ok();
    if let Some(types) = method("getTypes") {
        // ReflectionUnionType (any) or ReflectionIntersectionType (all).
        let intersection =
            ty.object().and_then(|o| o.get_class_name().ok()).is_some_and(|c| c == "ReflectionIntersectionType");
        let mut each = types.array().into_iter().flat_map(|list| list.values()).map(|t| type_accepts(t, notification));
        return if intersection { each.all(|ok| ok) } else { each.any(|ok| ok) };
    }
    // ReflectionNamedType: a class or interface is checked; a builtin (mixed, object) passes.
    if method("isBuiltin").and_then(|b| b.bool()).unwrap_or(true) {
        return true;
    }
    let Some(class) = method("getName").and_then(|n| n.string()) else { return true };
    call("is_a", vec![notification, &class]).and_then(|b| b.bool()).unwrap_or(true)
}
