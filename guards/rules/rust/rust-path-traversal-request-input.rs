use std::path::{Path as FsPath, PathBuf};

use actix_files::NamedFile;
use actix_web::{get, web, HttpRequest, HttpResponse};
use axum::extract::{Path, Query};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct FileQuery {
    pub name: String,
}

#[get("/files/{name}")]
// ruleid: rust-path-traversal-request-input
async fn download(name: web::Path<String>) -> actix_web::Result<NamedFile> {
    let path = PathBuf::from("./uploads").join(name.into_inner());
    Ok(NamedFile::open(path)?)
}

// ruleid: rust-path-traversal-request-input
pub async fn read_note(Path(note): Path<String>) -> Result<String, String> {
    let file = format!("notes/{}.md", note);
    tokio::fs::read_to_string(file).await.map_err(|e| e.to_string())
}

// ruleid: rust-path-traversal-request-input
pub async fn delete_export(Query(q): Query<FileQuery>) -> &'static str {
    let target = FsPath::new("exports").join(&q.name);
    let _ = std::fs::remove_file(target);
    "deleted"
}

// ruleid: rust-path-traversal-request-input
async fn avatar(req: HttpRequest) -> actix_web::Result<NamedFile> {
    let user = req.match_info().get("user").unwrap_or("default");
    Ok(NamedFile::open(format!("avatars/{}.png", user))?)
}

// ok: rust-path-traversal-request-input
pub async fn read_note_safe(Path(note): Path<String>) -> Result<String, String> {
    let name = FsPath::new(&note).file_name().ok_or("bad name")?.to_owned();
    let file = PathBuf::from("notes").join(name).with_extension("md");
    tokio::fs::read_to_string(file).await.map_err(|e| e.to_string())
}

#[get("/files/{name}")]
// ok: rust-path-traversal-request-input
async fn download_safe(name: web::Path<String>) -> actix_web::Result<NamedFile> {
    let base = std::fs::canonicalize("./uploads")?;
    let full = base.join(name.into_inner()).canonicalize()?;
    if !full.starts_with(&base) {
        return Err(actix_web::error::ErrorForbidden("invalid path"));
    }
    Ok(NamedFile::open(full)?)
}

// ok: rust-path-traversal-request-input
pub async fn user_by_id(Path(id): Path<u64>) -> String {
    format!("user {}", id)
}

// ok: rust-path-traversal-request-input
pub fn load_config(dir: &str) -> std::io::Result<String> {
    std::fs::read_to_string(PathBuf::from(dir).join("config.toml"))
}

// ok: rust-path-traversal-request-input
async fn health() -> HttpResponse {
    HttpResponse::Ok().body("ok")
}
