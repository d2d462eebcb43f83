//! Client handles: numbers that name a client in a table, never pointers. A freed or made-up
//! handle is found missing and answered with `OMG_ERR_HANDLE`, so freeing twice, or using a
//! client after freeing it, is an error status instead of memory corruption. Numbers are never
//! reused. A call in progress keeps its client alive (`Arc`) even when another thread frees it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use omg_core::Client;

use crate::errors::Failure;

/// A client, as the caller holds it. 0 is never a valid handle.
pub type OmgClientHandle = usize;

static NEXT: AtomicUsize = AtomicUsize::new(1);
static CLIENTS: LazyLock<Mutex<HashMap<usize, Arc<Client>>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

fn table() -> MutexGuard<'static, HashMap<usize, Arc<Client>>> {
    // A panic never happens while the lock is held (only map operations run under it); if one
    // did, the map is still consistent.
    CLIENTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn insert(client: Client) -> OmgClientHandle {
    let handle = NEXT.fetch_add(1, Ordering::Relaxed);
    table().insert(handle, Arc::new(client));
    handle
}

pub(crate) fn get(handle: OmgClientHandle) -> Result<Arc<Client>, Failure> {
    table().get(&handle).cloned().ok_or(Failure::Handle)
}

pub(crate) fn remove(handle: OmgClientHandle) -> Result<(), Failure> {
    table().remove(&handle).map(drop).ok_or(Failure::Handle)
}
