//! `omg barcode SEGMENT...`: Code 39 SVG on stdout (several segments are stacked top to bottom).

use omg_core::{barcode, Result};

#[derive(clap::Args, Debug)]
pub struct BarcodeArgs {
    /// One segment, or the three segments of a BARCODE payment.
    #[arg(required = true)]
    pub segments: Vec<String>,
}

pub fn run(args: &BarcodeArgs) -> Result<()> {
    let segments: Vec<&str> = args.segments.iter().map(String::as_str).collect();
    outln!("{}", barcode::stacked_svg(&segments)?);
    Ok(())
}
