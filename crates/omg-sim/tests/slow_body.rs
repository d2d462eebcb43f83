//! A client that sends its request body too slowly (a slow-loris) is answered 408 and
//! disconnected instead of holding a connection and a task forever (issue 9 item 3).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::Harness;

#[test]
fn a_body_that_never_finishes_is_answered_408_and_the_connection_closed() {
    let h = Harness::start();
    let address = h.url("/").trim_start_matches("http://").trim_end_matches('/').to_string();
    let mut stream = TcpStream::connect(&address).unwrap();
    // A guard so a regression fails instead of hanging: far longer than the server's timeout.
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    stream
        .write_all(
            b"POST /Cashier/QueryTradeInfo/V5 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 1000\r\n\r\nMerchantID=1000031&",
        )
        .unwrap();
    // Nothing more is sent: the server must give up on its own.
    let mut reply = Vec::new();
    let outcome = stream.read_to_end(&mut reply);
    let text = String::from_utf8_lossy(&reply);
    assert!(outcome.is_ok(), "the server should close the connection, not leave it open: {outcome:?} {text}");
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");

    // And it still answers others.
    let (status, _) = h.get("/_sim/health");
    assert_eq!(status, 200);
}
