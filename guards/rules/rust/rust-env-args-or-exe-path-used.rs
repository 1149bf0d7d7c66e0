use std::env;
use std::path::PathBuf;

fn config_path() -> PathBuf {
    // ruleid: rust-env-args-or-exe-path-used
    let exe = env::current_exe().expect("no exe path");
    exe.with_file_name("settings.toml")
}

fn main() {
    // ruleid: rust-env-args-or-exe-path-used
    let argv: Vec<String> = std::env::args().collect();
    // ruleid: rust-env-args-or-exe-path-used
    let first = env::args_os().nth(1);
    // ok: rust-env-args-or-exe-path-used
    let home = env::var("HOME").unwrap_or_default();
    // ok: rust-env-args-or-exe-path-used
    let parsed = parser.args(&["--verbose"]);
    // ok: rust-env-args-or-exe-path-used
    let fixed = PathBuf::from("/etc/tool/settings.toml");
    println!("{:?} {:?} {} {:?} {:?} {:?}", argv, first, home, parsed, fixed, config_path());
}
