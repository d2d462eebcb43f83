//! A one-line progress indicator for long CLI work (a trigger scenario waiting for its
//! deliveries, the clock moving period by period): a spinner, what is being done and the time it
//! has taken, redrawn in place on stderr. Only when stderr is a terminal: piped or in CI it prints
//! nothing at all, so scripts and logs see only the command's results.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TICK: Duration = Duration::from_millis(100);

pub struct Progress {
    shown: Option<Shown>,
}

struct Shown {
    message: Arc<Mutex<String>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts showing `message` when stderr is a terminal; otherwise a progress that shows nothing.
    pub fn start(message: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { shown: None };
        }
        let message = Arc::new(Mutex::new(message.to_string()));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&message), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("omg-progress".into())
            .spawn(move || {
                let started = Instant::now();
                let mut frame = 0;
                while !stopping.load(Ordering::SeqCst) {
                    let text = shared.lock().map(|m| m.clone()).unwrap_or_default();
                    let line =
                        format!("{} {text} ({:.1} s)", FRAMES[frame % FRAMES.len()], started.elapsed().as_secs_f64());
                    // \r and "erase to the end of the line": redrawn in place, nothing left over.
                    let _ = write!(std::io::stderr().lock(), "\r{line}\x1b[K");
                    frame += 1;
                    std::thread::sleep(TICK);
                }
                let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            })
            .ok();
        Progress { shown: thread.map(|thread| Shown { message, stop, thread: Some(thread) }) }
    }

    /// Says what is being done now.
    pub fn set(&self, message: &str) {
        if let Some(shown) = &self.shown {
            if let Ok(mut m) = shown.message.lock() {
                *m = message.to_string();
            }
        }
    }

    /// Clears the line; further output starts on a clean line.
    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(shown) = &mut self.shown {
            shown.stop.store(true, Ordering::SeqCst);
            if let Some(thread) = shown.thread.take() {
                let _ = thread.join();
            }
        }
    }
}
