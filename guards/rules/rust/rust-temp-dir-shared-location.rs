use std::env;
use std::fs;

fn cache_dir() -> std::path::PathBuf {
    // ruleid: rust-temp-dir-shared-location
    let base = env::temp_dir();
    base.join("img-cache")
}

fn write_report(body: &str) {
    // ruleid: rust-temp-dir-shared-location
    let path = std::env::temp_dir().join("report.txt");
    fs::write(&path, body).unwrap();
}

fn lock_file() -> std::path::PathBuf {
    // ruleid: rust-temp-dir-shared-location
    let mut p = ::std::env::temp_dir();
    p.push("app.lock");
    p
}

fn safe_scratch() -> tempfile::TempDir {
    // ok: rust-temp-dir-shared-location
    let dir = tempfile::tempdir().unwrap();
    dir
}

fn safe_file() -> tempfile::NamedTempFile {
    // ok: rust-temp-dir-shared-location
    let f = tempfile::NamedTempFile::new().unwrap();
    f
}

fn data_dir(cfg: &Config) -> std::path::PathBuf {
    // ok: rust-temp-dir-shared-location
    let d = cfg.temp_dir.clone();
    d
}

fn genesis_file(pool: &str) -> std::path::PathBuf {
    // ruleid: rust-temp-dir-shared-location
    let mut path = t!(env::temp_dir().canonicalize());
    path.push(format!("{}.txn", pool));
    path
}

// ok: rust-temp-dir-shared-location
pub fn temp_dir() -> std::path::PathBuf {
    panic!("no standard temporary directory on this platform")
}

fn harness_dir(test: &TestHarness) -> std::path::PathBuf {
    // ok: rust-temp-dir-shared-location
    let d = test.temp_dir().unwrap().to_path_buf();
    // ok: rust-temp-dir-shared-location
    // the cache used to live under std::env::temp_dir()
    d
}
