//! Results going out: NUL-terminated UTF-8 strings allocated here and freed by
//! [`omg_string_free`], written through out-parameters.

use std::ffi::{c_char, CString};

use crate::errors::Failure;

/// A string for the caller. Every result is JSON or text that holds no NUL (JSON escapes it); a
/// NUL would end the C string early, so it is refused rather than truncated.
pub(crate) fn new_string(text: String) -> *mut c_char {
    match CString::new(text) {
        Ok(c) => c.into_raw(),
        Err(_) => std::ptr::null_mut(),
    }
}

/// An out-parameter for one string: checked and cleared before any work is done.
pub(crate) struct OutString(*mut *mut c_char);

impl OutString {
    /// # Safety
    /// `ptr` is NULL (an argument error) or points to writable storage for one pointer.
    pub(crate) unsafe fn new(ptr: *mut *mut c_char, name: &str) -> Result<OutString, Failure> {
        if ptr.is_null() {
            return Err(Failure::Argument(format!("{name} is NULL")));
        }
        unsafe { *ptr = std::ptr::null_mut() };
        Ok(OutString(ptr))
    }

    pub(crate) fn put(self, text: String) -> Result<(), Failure> {
        let c = CString::new(text).map_err(|_| Failure::Internal("a result holds a NUL character".into()))?;
        // SAFETY: checked by `new`.
        unsafe { *self.0 = c.into_raw() };
        Ok(())
    }

    /// Writes a JSON value. serde_json escapes NUL inside strings (`\u0000`), so the text holds
    /// none; it is written straight into the buffer the C string keeps.
    pub(crate) fn put_json(self, value: serde_json::Value) -> Result<(), Failure> {
        let mut text = serde_json::to_vec(&value)
            .map_err(|e| Failure::Internal(format!("a result cannot be written as JSON: {e}")))?;
        text.push(0);
        let c =
            CString::from_vec_with_nul(text).map_err(|_| Failure::Internal("a result holds a NUL character".into()))?;
        // SAFETY: checked by `new`.
        unsafe { *self.0 = c.into_raw() };
        Ok(())
    }
}

/// An out-parameter pair for one byte buffer (pointer and length): checked and cleared before any
/// work is done. The buffer is freed with [`omg_bytes_free`].
pub(crate) struct OutBytes(*mut *mut u8, *mut usize);

impl OutBytes {
    /// # Safety
    /// Each pointer is NULL (an argument error) or points to writable storage for one value.
    pub(crate) unsafe fn new(ptr: *mut *mut u8, len: *mut usize, name: &str) -> Result<OutBytes, Failure> {
        if ptr.is_null() || len.is_null() {
            return Err(Failure::Argument(format!("{name} or {name}_len is NULL")));
        }
        unsafe {
            *ptr = std::ptr::null_mut();
            *len = 0;
        }
        Ok(OutBytes(ptr, len))
    }

    pub(crate) fn put(self, bytes: Vec<u8>) -> Result<(), Failure> {
        let bytes = bytes.into_boxed_slice();
        let len = bytes.len();
        // SAFETY: checked by `new`. The box is rebuilt from this pointer and length by
        // `omg_bytes_free` (a boxed slice's allocation is exactly its length).
        unsafe {
            *self.1 = len;
            *self.0 = Box::into_raw(bytes).cast::<u8>();
        }
        Ok(())
    }
}

/// Frees a byte buffer this library returned (a flat view), given the length it was returned
/// with. NULL is a no-op.
///
/// # Safety
/// `bytes` is NULL or a buffer returned by this library with length `len`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn omg_bytes_free(bytes: *mut u8, len: usize) {
    if bytes.is_null() {
        return;
    }
    let slice = std::ptr::slice_from_raw_parts_mut(bytes, len);
    let _ = std::panic::catch_unwind(|| drop(unsafe { Box::from_raw(slice) }));
}

/// Frees a string this library returned (a result or an error payload). NULL is a no-op.
///
/// # Safety
/// `s` is NULL or a string returned by this library that has not been freed yet. Strings are
/// not tracked: freeing one twice is undefined behaviour (client handles, by contrast, are).
#[no_mangle]
pub unsafe extern "C" fn omg_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // Dropping a CString cannot panic; the guard is for the rule, not for a known case.
    let _ = std::panic::catch_unwind(|| drop(unsafe { CString::from_raw(s) }));
}
