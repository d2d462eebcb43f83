//! The merchant's side of the demo: a tiny HTTP server on an ephemeral loopback port that does
//! what a merchant's notification endpoint must do — verify every notification with omg-core,
//! record it, recognise duplicates by `dedupe_key()`, and answer exactly `1|OK` (or `0|why`).

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use omg_core::{ack, nack, verify_notification, Credentials, Notification};

/// Notifications are small; anything bigger is refused before it is read.
const MAX_BODY: usize = 64 * 1024;

/// One POST the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub body: Vec<u8>,
    pub outcome: Outcome,
}

#[derive(Clone, Debug)]
pub enum Outcome {
    /// Verified. `duplicate`: its dedupe key was seen before, so it was acknowledged but not
    /// processed again.
    Accepted { notification: Notification, duplicate: bool },
    /// Not verified (a forged or tampered body): answered `0|...`.
    Refused(String),
}

impl Received {
    pub fn notification(&self) -> Option<&Notification> {
        match &self.outcome {
            Outcome::Accepted { notification, .. } => Some(notification),
            Outcome::Refused(_) => None,
        }
    }
}

#[derive(Default)]
struct State {
    received: Vec<Received>,
    seen: HashSet<String>,
}

pub struct Receiver {
    base_url: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Receiver {
    pub fn start(credentials: Credentials) -> std::io::Result<Receiver> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (thread_state, thread_stop) = (Arc::clone(&state), Arc::clone(&stop));
        let thread = std::thread::Builder::new().name("omg-demo-receiver".into()).spawn(move || {
            while !thread_stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (state, credentials) = (Arc::clone(&thread_state), credentials.clone());
                        std::thread::spawn(move || serve(stream, &state, &credentials));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        })?;
        Ok(Receiver { base_url, state, stop, thread: Some(thread) })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Waits (at most 10 s) for a POST matching `wanted`, and returns the first one.
    pub fn wait_for(&self, what: &str, wanted: impl Fn(&Received) -> bool) -> Result<Received, String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(found) = lock(&self.state).received.iter().find(|r| wanted(r)) {
                return Ok(found.clone());
            }
            if Instant::now() > deadline {
                return Err(format!("no {what} arrived within 10 s"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Every POST matching `wanted`, so far.
    pub fn all(&self, wanted: impl Fn(&Received) -> bool) -> Vec<Received> {
        lock(&self.state).received.iter().filter(|r| wanted(r)).cloned().collect()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One connection, one request: read it, verify, record, answer, close.
fn serve(stream: TcpStream, state: &Mutex<State>, credentials: &Credentials) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream);
    let (status, reply) = match read_post(&mut reader) {
        Ok((path, body)) => (200, handle(state, credentials, path, body)),
        Err(status) => (status, String::from("0|bad request")),
    };
    let mut stream = reader.into_inner();
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// Verifies and records one notification; the reply body.
fn handle(state: &Mutex<State>, credentials: &Credentials, path: String, body: Vec<u8>) -> String {
    let (outcome, reply) = match verify_notification(&body, credentials) {
        Ok(notification) => {
            let duplicate = !lock(state).seen.insert(notification.dedupe_key());
            (Outcome::Accepted { notification, duplicate }, ack().to_string())
        }
        Err(e) => (Outcome::Refused(e.to_string()), nack(&e.to_string())),
    };
    lock(state).received.push(Received { path, body, outcome });
    reply
}

/// The path and body of a POST with a Content-Length; an HTTP status for anything else.
fn read_post(reader: &mut impl BufRead) -> Result<(String, Vec<u8>), u16> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| 400u16)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("").to_string());
    if method != "POST" {
        return Err(405);
    }
    let mut length = None;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|_| 400u16)? == 0 {
            return Err(400);
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let length = length.filter(|n| *n <= MAX_BODY).ok_or(411u16)?;
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).map_err(|_| 400u16)?;
    Ok((path, body))
}
