use std::io;
use std::process::{Command, Output, Stdio};

const CLEANUP: &str = "find /tmp/cache -mtime +7 -delete";

pub fn ping(host: &str) -> io::Result<Output> {
    // ruleid: rust-command-shell-non-constant
    Command::new("sh").arg("-c").arg(format!("ping -c 3 {}", host)).output()
}

pub fn run_user_command(cmd: &str) -> io::Result<Output> {
    Command::new("bash")
        // ruleid: rust-command-shell-non-constant
        .args(["-c", cmd])
        .stdout(Stdio::piped())
        .output()
}

pub fn run_windows(line: String) -> io::Result<Output> {
    // ruleid: rust-command-shell-non-constant
    Command::new("cmd").args(&["/C", line.as_str()]).output()
}

pub async fn archive(dir: &str, name: &str) -> io::Result<std::process::ExitStatus> {
    let script = format!("tar czf /backups/{}.tgz {}", name, dir);
    let mut cmd = tokio::process::Command::new("/bin/sh");
    // ruleid: rust-command-shell-non-constant
    cmd.arg("-c").arg(&script);
    cmd.status().await
}

pub fn ping_safe(host: &str) -> io::Result<Output> {
    // ok: rust-command-shell-non-constant
    Command::new("ping").args(["-c", "3", "--", host]).output()
}

pub fn list_logs() -> io::Result<Output> {
    // ok: rust-command-shell-non-constant
    Command::new("sh").arg("-c").arg("ls -la /var/log | head -n 20").output()
}

pub fn cleanup() -> io::Result<Output> {
    // ok: rust-command-shell-non-constant
    Command::new("sh").args(["-c", CLEANUP]).output()
}

pub fn archive_positional(name: &str) -> io::Result<Output> {
    // ok: rust-command-shell-non-constant
    Command::new("sh").args(["-c", "tar czf \"/backups/$1.tgz\" data/", "sh", name]).output()
}

pub fn git_commit(email: &str) -> io::Result<Output> {
    // ok: rust-command-shell-non-constant
    Command::new("git").arg("-c").arg(format!("user.email={}", email)).args(["commit", "-m", "sync"]).output()
}
