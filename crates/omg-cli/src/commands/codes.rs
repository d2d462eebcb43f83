//! `omg codes [CODE]`: what a RtnCode means (all known codes without an argument).

use omg_core::codes::{self, CodeInfo};
use omg_core::rules;
use omg_core::{Error, Result};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub struct CodesArgs {
    /// The RtnCode to describe; omit to list every known code.
    pub code: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn to_json(c: &CodeInfo) -> serde_json::Value {
    json!({"code": c.code, "zh": c.zh, "en": c.en, "category": c.category.as_str(), "confirmed": c.confirmed})
}

fn to_text(c: &CodeInfo) -> String {
    let note = if c.confirmed { "" } else { " (unconfirmed)" };
    format!("{:>9}  {:<15} {} / {}{note}", c.code, c.category.as_str(), c.en, c.zh)
}

pub fn run(args: &CodesArgs) -> Result<()> {
    let infos: Vec<CodeInfo> = match &args.code {
        Some(code) => {
            let code: i64 = code
                .trim()
                .parse()
                .map_err(|_| Error::invalid("code", rules::FORMAT, format!("{code:?} is not a number")))?;
            vec![codes::describe(code)]
        }
        None => codes::known().to_vec(),
    };
    if args.json {
        let list: Vec<_> = infos.iter().map(to_json).collect();
        outln!("{}", if args.code.is_some() { list[0].clone() } else { json!(list) });
    } else {
        for c in &infos {
            outln!("{}", to_text(c));
        }
    }
    Ok(())
}
