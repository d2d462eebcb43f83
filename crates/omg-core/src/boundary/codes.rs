//! One RtnCode's meaning as it crosses a boundary (`describe_code`, `known_codes`).

use crate::codes::CodeInfo;

use super::described::describe;
use super::value_sets::CODE_CATEGORY;

describe! {
    /// What a RtnCode means.
    CODE_INFO: CodeInfo as "CodeInfo" |c| {
        /// The code.
        code: Int = c.code,
        /// Its meaning in Chinese.
        zh: Str = c.zh,
        /// Its meaning in English.
        en: Str = c.en,
        /// A stable category: success, code_issued, signature, not_found, duplicate, invalid_input, not_paid, unavailable, already_stopped or unknown.
        category: Str in CODE_CATEGORY = c.category.as_str(),
        /// False for codes only a secondary summary reports (and for unknown codes).
        confirmed: Bool = c.confirmed,
    }
}
