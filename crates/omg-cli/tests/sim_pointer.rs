//! One way to point every `omg` command at omg-sim: `OMG_SIM_URL` (or `--sim URL`) is read by the
//! network commands (query, refund, doctor, ...) exactly as by `omg sim orders|trigger|...`
//! (docs/cli.md, "Pointing at omg-sim"). Before, a query with only OMG_SIM_URL exported went to the
//! real stage host.

mod common;

use common::{json_out, omg_with, paid_order, start_sim, stderr, succeeded};

#[test]
fn omg_sim_url_alone_points_queries_and_doctor_at_the_simulator() {
    let sim = start_sim();
    let no = paid_order(sim.base_url());
    let env = [("OMG_SIM_URL", sim.base_url())];
    let out = omg_with(&["query", "trade", &no, "--json"], &env);
    assert_eq!(json_out(&out)["paid"], true, "{}", stderr(&out));
    let text = succeeded(&omg_with(&["doctor"], &env));
    assert!(text.starts_with(&format!("ok: the gateway at {} accepts", sim.base_url())), "{text}");
    assert!(text.contains("OMG_SIM_URL"), "{text}");
    // The same variable drives the simulator's own subcommands.
    let orders = succeeded(&omg_with(&["sim", "orders"], &env));
    assert!(orders.contains(&no), "{orders}");
}

#[test]
fn omg_sim_url_wins_over_omg_base_url_and_a_flag_wins_over_both() {
    let sim = start_sim();
    let no = paid_order(sim.base_url());
    // OMG_BASE_URL names a port where nothing listens: OMG_SIM_URL is the one used.
    let env = [("OMG_SIM_URL", sim.base_url()), ("OMG_BASE_URL", "http://127.0.0.1:9")];
    assert_eq!(json_out(&omg_with(&["query", "trade", &no, "--json"], &env))["paid"], true);
    // --base-url (or --sim) on the command line wins over both variables.
    let out = omg_with(&["query", "trade", &no, "--base-url", "http://127.0.0.1:9"], &env);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let env = [("OMG_SIM_URL", "http://127.0.0.1:9")];
    assert_eq!(json_out(&omg_with(&["query", "trade", &no, "--json", "--sim", sim.base_url()], &env))["paid"], true);
}

#[test]
fn omg_sim_url_with_production_is_refused_naming_the_variable() {
    let env = [
        ("OMG_SIM_URL", "http://127.0.0.1:9"),
        ("OMG_ENV", "production"),
        ("OMG_MERCHANT_ID", "3002607"),
        ("OMG_HASH_KEY", "pwFHCqoQZGmho4w6"),
        ("OMG_HASH_IV", "EkRm7iFT261dpevs"),
    ];
    let out = omg_with(&["query", "trade", "A1"], &env);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("OMG_SIM_URL"), "{}", stderr(&out));
}
