use actix_web::{error::ErrorBadRequest, web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Order {
    pub item: String,
    pub qty: u32,
}

fn render_page(n: usize) -> String {
    format!("page {}", n)
}

pub async fn page(req: HttpRequest) -> HttpResponse {
    // ruleid: rust-unwrap-on-request-input
    let n: usize = req.match_info().get("n").unwrap_or("1").parse().unwrap();
    HttpResponse::Ok().body(render_page(n))
}

pub async fn limit(req: HttpRequest) -> HttpResponse {
    let limit = req
        .headers()
        .get("X-Limit")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("10")
        .parse::<u32>()
        // ruleid: rust-unwrap-on-request-input
        .expect("limit must be a number");
    HttpResponse::Ok().body(limit.to_string())
}

pub async fn create(body: web::Bytes) -> HttpResponse {
    // ruleid: rust-unwrap-on-request-input
    let order: Order = serde_json::from_slice(&body).unwrap();
    HttpResponse::Created().body(format!("{} x {}", order.qty, order.item))
}

pub async fn page_safe(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    let n: usize = req
        .match_info()
        .get("n")
        .unwrap_or("1")
        // ok: rust-unwrap-on-request-input
        .parse()
        .map_err(|_| ErrorBadRequest("bad page number"))?;
    Ok(HttpResponse::Ok().body(render_page(n)))
}

pub async fn create_typed(order: web::Json<Order>) -> HttpResponse {
    // ok: rust-unwrap-on-request-input
    HttpResponse::Created().body(format!("{} x {}", order.qty, order.item))
}

pub fn default_port() -> u16 {
    // ok: rust-unwrap-on-request-input
    std::env::var("PORT").unwrap_or_else(|_| "8080".into()).parse().unwrap()
}

pub fn load_settings(text: &str) -> toml::Value {
    // ok: rust-unwrap-on-request-input
    toml::from_str(text).expect("settings.toml is valid")
}
