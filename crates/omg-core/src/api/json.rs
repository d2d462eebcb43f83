//! Lenient reading and ordered writing of the gateway's JSON. Real gateways write the same field
//! as a number in one reply and a string in another, so readers accept both.

use serde_json::Value;

/// The text of `key`: a string as is, a number or boolean written out, null or absent as `""`.
pub(crate) fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A whole number from a JSON number or a numeric string (`100`, `"100"`, `"100.00"`, `100.0`).
/// `None` when absent, null, or not a whole number.
pub(crate) fn int(value: &Value, key: &str) -> Option<i64> {
    match value.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(whole)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| s.parse::<f64>().ok().and_then(whole))
        }
        _ => None,
    }
}

fn whole(f: f64) -> Option<i64> {
    // The bounds keep the cast exact; i64::MAX as f64 rounds up, hence the strict `<`.
    (f.is_finite() && f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64).then_some(f as i64)
}

/// Writes a JSON object with keys in the given order (the documented order), which a map would
/// not keep.
pub(crate) struct ObjectWriter {
    out: String,
}

impl ObjectWriter {
    pub fn new() -> Self {
        ObjectWriter { out: String::from("{") }
    }

    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        self.out.push_str(&Value::from(key).to_string());
        self.out.push(':');
    }

    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(&Value::from(value).to_string());
        self
    }

    pub fn number(&mut self, key: &str, value: i64) -> &mut Self {
        self.key(key);
        self.out.push_str(&value.to_string());
        self
    }

    /// A number, or null for `None`.
    pub fn number_or_null(&mut self, key: &str, value: Option<i64>) -> &mut Self {
        match value {
            Some(n) => self.number(key, n),
            None => self.null(key),
        }
    }

    pub fn null(&mut self, key: &str) -> &mut Self {
        self.key(key);
        self.out.push_str("null");
        self
    }

    /// Already-written JSON (a nested object or array).
    pub fn json(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    pub fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

/// Joins already-written JSON values into an array.
pub(crate) fn array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(","))
}
