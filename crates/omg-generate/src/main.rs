//! `omg-generate`: writes every generated file from omg-core's contract (`make generate`), or with
//! `--check` lists the files that differ from what it would write and exits 1 (`make
//! check-generated`). Paths are relative to the repository root (`--root DIR`, default: the
//! workspace this crate is in).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut check = false;
    let mut root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--root" => match args.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let files = omg_generate::generate(&omg_core::boundary::contract());
    if check {
        let problems = omg_generate::stale(&root, &files);
        if problems.is_empty() {
            println!("check-generated: {} files match the contract", files.len());
            return ExitCode::SUCCESS;
        }
        for problem in &problems {
            eprintln!("check-generated: {problem}");
        }
        eprintln!(
            "check-generated: {} of {} files differ from the contract: run `make generate` and commit the result",
            problems.len(),
            files.len()
        );
        return ExitCode::FAILURE;
    }
    match omg_generate::write(&root, &files) {
        Ok(changed) => {
            for path in &changed {
                println!("generate: wrote {path}");
            }
            println!("generate: {} files, {} changed", files.len(), changed.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: omg-generate [--check] [--root DIR]");
    ExitCode::from(2)
}
