import os
import stat
import subprocess
from pathlib import Path


def loosen(path, script, fd):
    # ruleid: chmod-world-writable
    os.chmod(path, 0o777)
    # ruleid: chmod-world-writable
    os.chmod(path, 0o666)
    # ruleid: chmod-world-writable
    Path(script).chmod(0o776)
    # ruleid: chmod-world-writable
    os.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
    # ruleid: chmod-world-writable
    os.fchmod(fd, 0o1777)
    # ruleid: chmod-world-writable
    os.system("chmod -R 777 " + path)
    # ruleid: chmod-world-writable
    subprocess.run(["chmod", "o+w", path], check=True)
    # ruleid: chmod-world-writable
    Path(path).chmod(mode=stat.S_IWOTH | stat.S_IRUSR)


def tighten(path, script):
    # ok: chmod-world-writable
    os.chmod(path, 0o644)
    # ok: chmod-world-writable
    os.chmod(script, 0o755)
    # ok: chmod-world-writable
    Path(path).chmod(0o600)
    # ok: chmod-world-writable
    os.makedirs(path, mode=0o777, exist_ok=True)
    # ok: chmod-world-writable
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    # ok: chmod-world-writable
    subprocess.run(["chmod", "755", script], check=True)
    # ok: chmod-world-writable
    os.system("chmod 640 /etc/app.conf")
