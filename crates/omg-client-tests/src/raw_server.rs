//! A scripted HTTP server on plain std sockets: it answers each request with the next canned
//! response and closes the connection. For replies omg-sim does not produce (a redirect with a
//! Location, an empty 200). It stops by itself after its script or after 20 seconds.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct RawServer {
    pub base_url: String,
    requests: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl RawServer {
    /// Serves `responses` (whole HTTP responses, headers included) one per request, in order.
    pub fn start(responses: Vec<Vec<u8>>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            let mut script = responses.into_iter();
            while Instant::now() < deadline {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut reader = BufReader::new(stream);
                if read_request(&mut reader).is_none() {
                    continue;
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let Some(response) = script.next() else { return };
                let mut stream = reader.into_inner();
                let _ = stream.write_all(&response);
                let _ = stream.flush();
            }
        });
        RawServer { base_url, requests, thread: Some(thread) }
    }

    /// How many requests arrived.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// A response with `status`, extra header lines and `body`, `Connection: close`.
    pub fn response(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        out
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        // The thread ends at its deadline or when its script runs out; don't wait for it.
        drop(self.thread.take());
    }
}

/// Reads one request (headers, then Content-Length bytes of body); None on EOF or error.
fn read_request(reader: &mut impl BufRead) -> Option<()> {
    let mut content_length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0u8; content_length];
    reader.read_exact(&mut body).ok()
}
