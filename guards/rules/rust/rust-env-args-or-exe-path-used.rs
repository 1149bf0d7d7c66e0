use std::env;
use std::env::{args_os, current_exe};
use std::path::PathBuf;

fn config_path() -> PathBuf {
    // ruleid: rust-env-args-or-exe-path-used
    let exe = env::current_exe().expect("no exe path");
    exe.with_file_name("settings.toml")
}

fn plugin_root() -> PathBuf {
    // ruleid: rust-env-args-or-exe-path-used
    let mut root = try_or_exit!(current_exe());
    root.pop();
    root
}

fn usage() -> String {
    format!(
        "usage: {} <file>",
        // ruleid: rust-env-args-or-exe-path-used
        env::args_os().next().unwrap().to_string_lossy()
    )
}

// ok: rust-env-args-or-exe-path-used
pub fn current_exe_name() -> Option<String> {
    None
}

fn main() {
    // ruleid: rust-env-args-or-exe-path-used
    let argv: Vec<String> = std::env::args().collect();
    // ruleid: rust-env-args-or-exe-path-used
    let first = env::args_os().nth(1);
    // ruleid: rust-env-args-or-exe-path-used
    let rest: Vec<_> = args_os().skip(1).collect();
    // ruleid: rust-env-args-or-exe-path-used
    println!("{:?}", ::std::env::args().collect::<Vec<_>>());
    // ruleid: rust-env-args-or-exe-path-used
    let wrapped = uucore::args_os();
    // ok: rust-env-args-or-exe-path-used
    let home = env::var("HOME").unwrap_or_default();
    // ok: rust-env-args-or-exe-path-used
    let parsed = parser.args(&["--verbose"]);
    // ok: rust-env-args-or-exe-path-used
    let render = event.render_args();
    // ok: rust-env-args-or-exe-path-used
    let fixed = PathBuf::from("/etc/tool/settings.toml");
    // ok: rust-env-args-or-exe-path-used
    let other = sandbox.current_exe();
    // ok: rust-env-args-or-exe-path-used
    let n = total / count; // the old API was std::os::args()
    // ok: rust-env-args-or-exe-path-used
    /// Returns env::args() without the program name.
    println!("{:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}", argv, first, home, parsed, fixed, config_path(), rest, wrapped, render, other, n);
}

/*
 * The arguments are read once, in main:
// ok: rust-env-args-or-exe-path-used
 * let args = env::args();
 */
fn legacy() -> int {
    // ruleid: rust-env-args-or-exe-path-used
    std::os::set_exit_status(main_args(std::os::args()));
    0
}
