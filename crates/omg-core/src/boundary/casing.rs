//! Each language's name for a described field: snake_case in the description and JSON (Python
//! keeps it), camelCase for Node and PHP, PascalCase for C#. The one rule every binding and stub
//! check uses: split at `_`, capitalise the first letter of each later part (camelCase) or of
//! every part (PascalCase). Digits stay where they are (`card4no`, `barcode1`).

/// `merchant_trade_no` → `merchantTradeNo`, `card4no` → `card4no`, `v_account` → `vAccount`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for (i, part) in snake.split('_').filter(|p| !p.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(part);
        } else {
            push_capitalised(&mut out, part);
        }
    }
    out
}

/// `merchant_trade_no` → `MerchantTradeNo`, `card4no` → `Card4no`.
pub fn pascal_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_').filter(|p| !p.is_empty()) {
        push_capitalised(&mut out, part);
    }
    out
}

fn push_capitalised(out: &mut String, part: &str) {
    let mut chars = part.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_rules() {
        assert_eq!(camel_case("merchant_trade_no"), "merchantTradeNo");
        assert_eq!(camel_case("card4no"), "card4no");
        assert_eq!(camel_case("v_account"), "vAccount");
        assert_eq!(camel_case("atm_acc_bank"), "atmAccBank");
        assert_eq!(pascal_case("merchant_trade_no"), "MerchantTradeNo");
        assert_eq!(pascal_case("is_paid"), "IsPaid");
    }
}
