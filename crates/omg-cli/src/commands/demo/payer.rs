//! Everything outside the merchant's server: the payer's browser posting the checkout form, the
//! simulator's control API standing in for the payer and the passing of time, and a stranger
//! posting to the merchant's notification URL.

use std::time::Duration;

use omg_core::checkout::Checkout;
use serde_json::Value;

pub struct Payer {
    agent: ureq::Agent,
    sim_url: String,
}

impl Payer {
    pub fn new(sim_url: &str) -> Payer {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(15)))
            .build()
            .into();
        Payer { agent, sim_url: sim_url.to_string() }
    }

    /// Posts a form body; (status, reply).
    pub fn post_form(&self, url: &str, body: &str) -> Result<(u16, String), String> {
        let mut response = self
            .agent
            .post(url)
            .content_type("application/x-www-form-urlencoded")
            .send(body)
            .map_err(|e| format!("POST {url}: {e}"))?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().map_err(|e| format!("POST {url}: {e}"))?;
        Ok((status, text))
    }

    /// The payer's browser submits the signed checkout form; the order must then exist.
    pub fn submit(&self, checkout: &Checkout) -> Result<(), String> {
        let (status, page) = self.post_form(&checkout.action_url, &checkout.fields.to_form_body())?;
        if status != 200 {
            return Err(format!("the gateway answered HTTP {status}"));
        }
        let no = checkout.fields.get("MerchantTradeNo").unwrap_or("");
        self.get(&format!("/_sim/orders/{no}"))
            .map(|_| ())
            .map_err(|_| format!("the gateway refused the order: {}", page_text(&page)))
    }

    /// GET a control-API path (200 expected).
    pub fn get(&self, path: &str) -> Result<Value, String> {
        let url = format!("{}{path}", self.sim_url);
        let response = self.agent.get(&url).call().map_err(|e| format!("GET {path}: {e}"))?;
        json_of(path, response)
    }

    /// POST JSON to a control-API path (200 expected).
    pub fn control(&self, path: &str, body: Value) -> Result<Value, String> {
        let url = format!("{}{path}", self.sim_url);
        let response = self
            .agent
            .post(&url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| format!("POST {path}: {e}"))?;
        json_of(path, response)
    }
}

fn json_of(path: &str, mut response: ureq::http::Response<ureq::Body>) -> Result<Value, String> {
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().map_err(|e| format!("{path}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|_| format!("{path} answered non-JSON: {text}"))?;
    if status != 200 {
        return Err(format!("{path}: HTTP {status}: {}", value["error"].as_str().unwrap_or(&text)));
    }
    Ok(value)
}

/// The visible text of an HTML page, shortened, for an error message.
fn page_text(page: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().take(200).collect()
}
