use std::env;
use std::io;
use std::process::{Command, Output};

const FFMPEG: &str = "/usr/bin/ffmpeg";

pub fn run_line(line: &str) -> io::Result<Output> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    // ruleid: rust-command-program-non-constant
    Command::new(parts[0]).args(&parts[1..]).output()
}

pub fn run_tool(tool: String, args: Vec<String>) -> io::Result<Output> {
    // ruleid: rust-command-program-non-constant
    Command::new(&tool).args(args).output()
}

pub fn from_cli() -> io::Result<Output> {
    let program = env::args().nth(1).expect("program");
    // ruleid: rust-command-program-non-constant
    Command::new(program).arg("--version").output()
}

pub fn git_log(rev: &str) -> io::Result<Output> {
    // ok: rust-command-program-non-constant
    Command::new("git").args(["log", "--oneline", "--", rev]).output()
}

pub fn transcode(input: &str) -> io::Result<Output> {
    // ok: rust-command-program-non-constant
    Command::new(FFMPEG).args(["-i", input, "out.mp4"]).output()
}

pub fn reexec() -> io::Result<Output> {
    let exe = env::current_exe()?;
    // ok: rust-command-program-non-constant
    Command::new(exe).arg("--child").output()
}

pub fn open_editor(file: &str) -> io::Result<std::process::ExitStatus> {
    let editor = env::var("EDITOR").unwrap_or_else(|_| "vi".into());
    // ok: rust-command-program-non-constant
    Command::new(editor).arg(file).status()
}
