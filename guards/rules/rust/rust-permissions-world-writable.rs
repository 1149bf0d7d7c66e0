use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub fn publish(path: &Path) -> io::Result<()> {
    // ruleid: rust-permissions-world-writable
    fs::set_permissions(path, Permissions::from_mode(0o777))
}

pub fn open_shared_log(path: &Path) -> io::Result<fs::File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        // ruleid: rust-permissions-world-writable
        .mode(0o666)
        .open(path)
}

pub fn make_upload_dir(path: &Path) -> io::Result<()> {
    // ruleid: rust-permissions-world-writable
    DirBuilder::new().recursive(true).mode(0o777).create(path)
}

pub fn loosen(path: &Path) -> io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    // ruleid: rust-permissions-world-writable
    perms.set_mode(0o766);
    fs::set_permissions(path, perms)
}

pub fn publish_safe(path: &Path) -> io::Result<()> {
    // ok: rust-permissions-world-writable
    fs::set_permissions(path, Permissions::from_mode(0o644))
}

pub fn write_secret(path: &Path, key: &[u8]) -> io::Result<()> {
    use std::io::Write;
    // ok: rust-permissions-world-writable
    let mut f = OpenOptions::new().create(true).write(true).mode(0o600).open(path)?;
    f.write_all(key)
}

pub fn make_dir(path: &Path) -> io::Result<()> {
    // ok: rust-permissions-world-writable
    DirBuilder::new().recursive(true).mode(0o755).create(path)
}

pub fn nix_chmod(path: &Path) -> nix::Result<()> {
    use nix::sys::stat::{fchmodat, FchmodatFlags, Mode};
    // ruleid: rust-permissions-world-writable
    fchmodat(None, path, Mode::S_IRWXU | Mode::S_IRWXO, FchmodatFlags::FollowSymlink)
}

pub fn nix_chmod_safe(path: &Path) -> nix::Result<()> {
    use nix::sys::stat::{fchmodat, FchmodatFlags, Mode};
    // ok: rust-permissions-world-writable
    fchmodat(None, path, Mode::S_IRUSR | Mode::S_IWUSR, FchmodatFlags::FollowSymlink)
}
