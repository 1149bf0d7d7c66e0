use std::env;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;

use uuid::Uuid;

pub fn export(rows: &[String]) -> io::Result<PathBuf> {
    // ruleid: rust-predictable-temp-file
    let path = env::temp_dir().join("export.csv");
    fs::write(&path, rows.join("\n"))?;
    Ok(path)
}

pub fn lock_file() -> io::Result<File> {
    let mut p = env::temp_dir();
    // ruleid: rust-predictable-temp-file
    p.push("myapp.lock");
    File::create(p)
}

pub fn cache(id: u64, data: &[u8]) -> io::Result<()> {
    // ruleid: rust-predictable-temp-file
    fs::write(format!("/tmp/report-{}.json", id), data)
}

pub fn log_file() -> io::Result<File> {
    // ruleid: rust-predictable-temp-file
    OpenOptions::new().create(true).append(true).open("/tmp/worker.log")
}

pub fn export_safe(rows: &[String]) -> io::Result<tempfile::TempPath> {
    // ok: rust-predictable-temp-file
    let mut file = tempfile::Builder::new().prefix("export-").suffix(".csv").tempfile()?;
    file.write_all(rows.join("\n").as_bytes())?;
    Ok(file.into_temp_path())
}

pub fn scratch_dir() -> io::Result<tempfile::TempDir> {
    // ok: rust-predictable-temp-file
    tempfile::tempdir()
}

pub fn unique_upload() -> PathBuf {
    // ok: rust-predictable-temp-file
    env::temp_dir().join(format!("upload-{}", Uuid::new_v4()))
}

pub fn state_file(data: &[u8]) -> io::Result<()> {
    // ok: rust-predictable-temp-file
    fs::write("/var/lib/myapp/state.json", data)
}
