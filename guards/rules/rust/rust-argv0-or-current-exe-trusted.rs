use std::env;
use std::path::PathBuf;

fn grant_admin_mode() {}
fn enable_debug_tools() {}
fn run_ls() {}
fn run_cat() {}

pub fn start() {
    let prog = env::args().next().unwrap_or_default();
    // ruleid: rust-argv0-or-current-exe-trusted
    if prog.ends_with("admin-cli") {
        grant_admin_mode();
    }
}

pub fn trusted_install() -> std::io::Result<bool> {
    let exe = env::current_exe()?;
    // ruleid: rust-argv0-or-current-exe-trusted
    let trusted = exe.starts_with("/opt/vendor/bin");
    Ok(trusted)
}

pub fn privileged() -> bool {
    // ruleid: rust-argv0-or-current-exe-trusted
    if env::args().nth(0).map(|p| p.contains("sudo")).unwrap_or(false) {
        return true;
    }
    false
}

pub fn mode() {
    let args: Vec<String> = env::args().collect();
    // ruleid: rust-argv0-or-current-exe-trusted
    match args[0].as_str() {
        "debug-helper" => enable_debug_tools(),
        "root-shell" => grant_admin_mode(),
        _ => {}
    }
}

pub fn dispatch() {
    let name = env::args().next().unwrap_or_default();
    // ok: rust-argv0-or-current-exe-trusted
    match name.as_str() {
        "ls" => run_ls(),
        "cat" => run_cat(),
        _ => eprintln!("unknown applet {}", name),
    }
}

pub fn usage() {
    let prog = env::args().next().unwrap_or_else(|| "tool".into());
    // ok: rust-argv0-or-current-exe-trusted
    eprintln!("usage: {} <file>", prog);
}

pub fn resources_dir() -> std::io::Result<PathBuf> {
    let exe = env::current_exe()?;
    // ok: rust-argv0-or-current-exe-trusted
    Ok(exe.parent().map(|p| p.join("resources")).unwrap_or_default())
}
