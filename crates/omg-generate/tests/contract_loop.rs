//! The loop the contract promises: one line added to the contract (a field of a result, an
//! argument of an operation) changes every language's generated surface and glue, and the check
//! fails against files written before the change until they are generated again. The edit is made
//! on a copy of the contract, in memory: the generator takes the description by value.

use std::path::Path;

use omg_core::boundary::operations::{Arg, ArgType, Default, Operation};
use omg_core::boundary::{contract, Contract, FieldDesc, TypeDesc, ValueType};
use omg_generate::{generate, stale, write, File};

/// The contract with one more field on TradeInfo (`settled_at`, text or absent) and one more
/// argument of query_trade (`store_id`, text).
fn edited() -> Contract {
    let mut c = contract();
    let trade_info = c.record("TradeInfo").unwrap();
    let mut fields: Vec<FieldDesc> = trade_info.fields.to_vec();
    fields.push(FieldDesc {
        name: "settled_at",
        ty: ValueType::OptStr,
        doc: "When the payment was settled.",
        values: None,
        computed: false,
    });
    let edited: &'static TypeDesc = Box::leak(Box::new(TypeDesc {
        name: trade_info.name,
        doc: trade_info.doc,
        fields: Box::leak(fields.into_boxed_slice()),
    }));
    for t in c.types.iter_mut() {
        if t.name == "TradeInfo" {
            *t = edited;
        }
    }
    let at = c.operations.iter().position(|o| o.name == "query_trade").unwrap();
    let query = c.operations[at];
    let mut args: Vec<Arg> = query.args.to_vec();
    args.push(Arg { name: "store_id", ty: ArgType::Str, default: Default::Required, option: false, doc: "StoreID." });
    c.operations[at] = Box::leak(Box::new(Operation { args: Box::leak(args.into_boxed_slice()), ..*query }));
    c
}

fn file<'a>(files: &'a [File], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is not generated")).contents
}

/// `line` is in the file `path` of `after`, and was not in `before`.
fn added(before: &[File], after: &[File], path: &str, line: &str) {
    assert!(file(after, path).contains(line), "{path} lacks {line:?} after the edit:\n{}", file(after, path));
    assert!(!file(before, path).contains(line), "{path} had {line:?} before the edit");
}

#[test]
fn one_line_in_the_contract_changes_every_language_and_the_check_fails_until_generated() {
    let before = generate(&contract());
    let after = generate(&edited());

    // Python: the stub's class and method, the async twin, the native method table.
    added(&before, &after, "python/omg_payment/_native.pyi", "    def settled_at(self) -> Optional[str]:");
    added(
        &before,
        &after,
        "python/omg_payment/_native.pyi",
        "def query_trade(self, merchant_trade_no: str, store_id: str) -> TradeInfo: ...",
    );
    added(
        &before,
        &after,
        "python/omg_payment/async_client.py",
        "async def query_trade(self, merchant_trade_no: str, store_id: str) -> TradeInfo:",
    );
    added(&before, &after, "bindings/python/src/operations.rs", "merchant_trade_no: &str, store_id: &str");
    // Node: the declarations, the argument checks, the native method table.
    added(&before, &after, "node/index.d.ts", "  settledAt?: string;");
    added(
        &before,
        &after,
        "node/index.d.ts",
        "  queryTrade(merchantTradeNo: string, storeId: string): Promise<TradeInfo>;",
    );
    added(&before, &after, "node/lib/operations.js", "      requireString('storeId', storeId);");
    added(&before, &after, "bindings/node/src/operations.rs", "store_id: String");
    // PHP: the stubs and the method table.
    added(
        &before,
        &after,
        "php/omg_payment.stub.php",
        " * @property-read string|null $settledAt When the payment was settled.",
    );
    added(
        &before,
        &after,
        "php/omg_payment.stub.php",
        "public function queryTrade(string $merchantTradeNo, string $storeId): TradeInfo {}",
    );
    added(&before, &after, "bindings/php/src/operations.rs", "storeId: String");
    // C#: the record's class, the client method and its twin, the P/Invoke declaration, the C ABI.
    added(&before, &after, "dotnet/Omg.Payment/Generated/TradeInfo.cs", "        public string SettledAt { get; }");
    added(
        &before,
        &after,
        "dotnet/Omg.Payment/Generated/OmgClient.cs",
        "public TradeInfo QueryTrade(string merchantTradeNo, string storeId)",
    );
    added(
        &before,
        &after,
        "dotnet/Omg.Payment/Generated/OmgClient.cs",
        "QueryTradeAsync(string merchantTradeNo, string storeId, CancellationToken",
    );
    added(&before, &after, "dotnet/Omg.Payment/Generated/NativeMethods.cs", "byte[] storeId, UIntPtr storeIdLen");
    added(&before, &after, "bindings/ffi/src/operations.rs", "store_id_len: usize");

    // The files as they were before the edit fail the check of the edited contract, each named;
    // generating again makes it pass.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &before).unwrap();
    assert!(stale(dir.path(), &before).is_empty(), "{:?}", stale(dir.path(), &before));
    let problems = stale(dir.path(), &after);
    for path in [
        "python/omg_payment/_native.pyi",
        "node/index.d.ts",
        "php/omg_payment.stub.php",
        "dotnet/Omg.Payment/Generated/TradeInfo.cs",
        "dotnet/Omg.Payment/Generated/OmgClient.cs",
        "bindings/ffi/src/operations.rs",
    ] {
        assert!(problems.iter().any(|p| p.starts_with(path)), "the check does not name {path}: {problems:?}");
    }
    write(dir.path(), &after).unwrap();
    assert_eq!(stale(dir.path(), &after), Vec::<String>::new());
}

#[test]
fn a_record_that_leaves_the_contract_leaves_no_class_behind() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &generate(&contract())).unwrap();
    let mut c = contract();
    c.types.retain(|t| t.name != "Explanation");
    c.operations.retain(|o| o.name != "explain");
    let files = generate(&c);
    let problems = stale(dir.path(), &files);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("dotnet/Omg.Payment/Generated/Explanation.cs") && p.contains("not generated")),
        "{problems:?}"
    );
}

#[test]
fn the_committed_files_are_what_the_contract_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let problems = stale(&root, &generate(&contract()));
    assert!(problems.is_empty(), "run `make generate` and commit the result:\n{}", problems.join("\n"));
}
