//! Verified notifications as Python objects: a `Notification` base class and one subclass per
//! kind (`PaymentResult`, `PaymentCodeIssued`, `PeriodCharge`). Their attributes come from
//! omg-core's description of each kind (see `described`): the fields every kind has go on the
//! base class, the others on their kind's class. Only the two methods are written here.

use pyo3::prelude::*;
use pyo3::types::PyType;

use omg_core::boundary::{
    notification_desc, notification_field_json, FieldDesc, TypeDesc, PAYMENT_CODE_ISSUED, PAYMENT_RESULT, PERIOD_CHARGE,
};
use omg_core::notify::{Notification as CoreNotification, NotificationKind};

use crate::described::{check_name, install, repr};
use crate::errors::IntoPy;

/// A notification whose CheckMacValue was verified. Always one of the subclasses
/// `PaymentResult`, `PaymentCodeIssued` or `PeriodCharge`.
#[pyclass(subclass, frozen, module = "omg_payment")]
pub struct Notification {
    pub inner: CoreNotification,
}

/// Its doc and attributes come from omg-core's description of the same name.
#[pyclass(extends = Notification, frozen, module = "omg_payment")]
pub struct PaymentResult;

/// Its doc and attributes come from omg-core's description of the same name.
#[pyclass(extends = Notification, frozen, module = "omg_payment")]
pub struct PaymentCodeIssued;

/// Its doc and attributes come from omg-core's description of the same name.
#[pyclass(extends = Notification, frozen, module = "omg_payment")]
pub struct PeriodCharge;

/// The Python object for a verified notification: the subclass of its kind. Nothing is
/// converted until an attribute is read.
pub fn to_python(py: Python<'_>, inner: CoreNotification) -> PyResult<Py<PyAny>> {
    let kind = inner.kind();
    let base = PyClassInitializer::from(Notification { inner });
    Ok(match kind {
        NotificationKind::PaymentResult => Py::new(py, base.add_subclass(PaymentResult))?.into_any(),
        NotificationKind::PaymentCodeIssued => Py::new(py, base.add_subclass(PaymentCodeIssued))?.into_any(),
        NotificationKind::PeriodCharge => Py::new(py, base.add_subclass(PeriodCharge))?.into_any(),
    })
}

#[pymethods]
impl Notification {
    /// Any field by its exact wire name, or None.
    fn get(&self, name: &str) -> Option<String> {
        self.inner.get(name).map(str::to_owned)
    }

    /// Raises ValidationError (rule amount_mismatch, required or format) unless the notified
    /// amount is `amount`, the amount of your order.
    fn expect_amount(&self, py: Python<'_>, amount: &Bound<'_, PyAny>) -> PyResult<()> {
        let amount = crate::convert::amount("amount", amount)?;
        self.inner.expect_amount(amount).py_err(py)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr(slf.as_any(), notification_desc(slf.get().inner.kind()))
    }
}

/// One field of a notification, as its kind describes it.
fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<serde_json::Value>> {
    Ok(notification_field_json(&obj.cast::<Notification>()?.get().inner, name))
}

/// Adds the four classes to the module with the attributes of their descriptions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Notification>()?;
    m.add_class::<PaymentResult>()?;
    m.add_class::<PaymentCodeIssued>()?;
    m.add_class::<PeriodCharge>()?;
    let kinds: [(&'static TypeDesc, Bound<'_, PyType>); 3] = [
        (&PAYMENT_RESULT, py.get_type::<PaymentResult>()),
        (&PAYMENT_CODE_ISSUED, py.get_type::<PaymentCodeIssued>()),
        (&PERIOD_CHARGE, py.get_type::<PeriodCharge>()),
    ];
    // Fields every kind has, with the same type: the base class's.
    let common =
        |f: &&'static FieldDesc| kinds.iter().all(|(desc, _)| desc.field(f.name).is_some_and(|other| other.ty == f.ty));
    install(
        &py.get_type::<Notification>(),
        "Notification",
        PAYMENT_RESULT.fields.iter().filter(common),
        read,
        crate::results::make,
    )?;
    for (desc, class) in &kinds {
        check_name(desc, &class.name()?.to_string())?;
        class.setattr("__doc__", desc.doc)?;
        install(class, desc.name, desc.fields.iter().filter(|f| !common(f)), read, crate::results::make)?;
    }
    Ok(())
}
