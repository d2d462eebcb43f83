//! The OMG_* environment variables, read by the key arguments (keys.rs), the gateway arguments
//! (gateway_args.rs) and the simulator pointer (commands/sim_api.rs).

/// An environment variable, unset when empty.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
