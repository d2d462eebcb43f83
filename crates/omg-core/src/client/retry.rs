//! Sending a request again after a transient failure: only when the request is safe to repeat,
//! with capped exponential backoff and jitter.

use std::time::Duration;

use super::options::RetryPolicy;
use super::transport::Failure;

/// Runs `attempt` until it succeeds, fails for good, or the policy's retries are spent. A failed
/// attempt is retried only when `repeatable` (the API is a query) and the failure is
/// [`Failure::retryable`]. `before_retry` hears of each retry (the failure, the number of the next
/// attempt, the wait) before the wait. Returns the last failure and how many attempts were made.
pub(crate) fn with_retries<T>(
    policy: &RetryPolicy,
    repeatable: bool,
    mut attempt: impl FnMut() -> Result<T, Failure>,
    mut before_retry: impl FnMut(&Failure, u32, Duration),
) -> Result<T, (Failure, u32)> {
    let mut retries_done = 0;
    loop {
        match attempt() {
            Ok(value) => return Ok(value),
            Err(failure) if repeatable && failure.retryable && retries_done < policy.max_retries => {
                let wait = backoff(policy, retries_done, random_u64());
                before_retry(&failure, retries_done + 2, wait);
                std::thread::sleep(wait);
                retries_done += 1;
            }
            Err(failure) => return Err((failure, retries_done + 1)),
        }
    }
}

/// The wait before retry number `retry` (0 for the first): the capped exponential value
/// `min(max_backoff, initial_backoff × 2^retry)`, less a random part of up to half of it
/// ("equal jitter": never less than half, so retries never come in a burst). `random` is any
/// random number; passing it in keeps this function testable.
pub(crate) fn backoff(policy: &RetryPolicy, retry: u32, random: u64) -> Duration {
    let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
    let capped = policy.initial_backoff.saturating_mul(factor).min(policy.max_backoff);
    let capped_nanos = u64::try_from(capped.as_nanos()).unwrap_or(u64::MAX);
    let half = capped_nanos / 2;
    // `half + 1` cannot be 0: u64::MAX / 2 + 1 does not overflow.
    let jitter = random % (half + 1);
    Duration::from_nanos(capped_nanos - jitter)
}

/// A random number for the jitter. Falls back to the clock's nanoseconds if the OS has no
/// randomness to give: jitter only needs to differ between clients, not to be unpredictable.
fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::getrandom(&mut bytes).is_ok() {
        return u64::from_le_bytes(bytes);
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| u64::from(d.subsec_nanos())).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(max_retries: u32) -> RetryPolicy {
        RetryPolicy {
            max_retries,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        }
    }

    fn failure(retryable: bool) -> Failure {
        Failure { message: "x".into(), timeout: false, status: Some(503), maybe_sent: true, retryable }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_takes_off_at_most_half() {
        let p = policy(5);
        let no_jitter: Vec<u128> = (0..6).map(|n| backoff(&p, n, 0).as_millis()).collect();
        assert_eq!(no_jitter, [100, 200, 400, 800, 1000, 1000]);
        for n in 0..40 {
            for random in [1, 12345, u64::MAX / 3, u64::MAX] {
                let full = backoff(&p, n, 0);
                let d = backoff(&p, n, random);
                assert!(d <= full && d >= full / 2, "retry {n}: {d:?} vs {full:?}");
            }
        }
        // Different random numbers give different waits: jitter is real.
        assert_ne!(backoff(&p, 2, 7), backoff(&p, 2, 123_456_789));
    }

    #[test]
    fn retries_only_repeatable_requests_on_retryable_failures_up_to_the_limit() {
        let tiny = RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(2),
        };
        let mut calls = 0;
        let mut announced = Vec::new();
        let r: Result<(), _> = with_retries(
            &tiny,
            true,
            || {
                calls += 1;
                Err(failure(true))
            },
            |_, next, wait| announced.push((next, wait <= tiny.max_backoff)),
        );
        assert_eq!((calls, r.unwrap_err().1), (4, 4));
        // Each retry is announced before it, with the number of the attempt it starts.
        assert_eq!(announced, [(2, true), (3, true), (4, true)]);

        let mut calls = 0;
        let r = with_retries(
            &tiny,
            true,
            || {
                calls += 1;
                if calls < 3 {
                    Err(failure(true))
                } else {
                    Ok(calls)
                }
            },
            |_, _, _| {},
        );
        assert_eq!(r.unwrap(), 3);

        for (repeatable, retryable) in [(false, true), (true, false)] {
            let mut calls = 0;
            let r: Result<(), _> = with_retries(
                &tiny,
                repeatable,
                || {
                    calls += 1;
                    Err(failure(retryable))
                },
                |_, _, _| panic!("no retry expected"),
            );
            assert_eq!((calls, r.unwrap_err().1), (1, 1));
        }
    }
}
