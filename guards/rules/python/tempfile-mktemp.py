import os
import tempfile


def racy(data):
    # ruleid: tempfile-mktemp
    path = tempfile.mktemp()
    # ruleid: tempfile-mktemp
    report = tempfile.mktemp(suffix=".csv", dir="/tmp")
    # ruleid: tempfile-mktemp
    with open(tempfile.mktemp(prefix="upload-"), "wb") as fh:
        fh.write(data)
    return path, report


def atomic(data):
    # ok: tempfile-mktemp
    fd, path = tempfile.mkstemp(suffix=".csv")
    # ok: tempfile-mktemp
    with tempfile.NamedTemporaryFile(delete=False) as fh:
        fh.write(data)
    # ok: tempfile-mktemp
    workdir = tempfile.mkdtemp()
    # ok: tempfile-mktemp
    with tempfile.TemporaryDirectory() as tmp:
        os.listdir(tmp)
    # ok: tempfile-mktemp
    base = tempfile.gettempdir()
    return fd, path, workdir, base
