import shutil
import tarfile
import zipfile


def unpack(upload, dest, member):
    with tarfile.open(upload) as tar:
        # ruleid: tarfile-extract-without-filter
        tar.extractall(dest)
    # ruleid: tarfile-extract-without-filter
    tarfile.open(upload, "r:gz").extractall(path=dest)
    tarball = tarfile.open(upload)
    # ruleid: tarfile-extract-without-filter
    tarball.extract(member, dest)
    # ruleid: tarfile-extract-without-filter
    shutil.unpack_archive(upload, dest)
    with tarfile.open(upload) as tf:
        # ruleid: tarfile-extract-without-filter
        tf.extractall()


def unpack_safely(upload, dest, options):
    with tarfile.open(upload) as tar:
        # ok: tarfile-extract-without-filter
        tar.extractall(dest, filter="data")
        # ok: tarfile-extract-without-filter
        tar.extractall(dest, members=[m for m in tar.getmembers() if m.isfile()])
    # ok: tarfile-extract-without-filter
    shutil.unpack_archive(upload, dest, filter="data")
    with zipfile.ZipFile(upload) as zip_ref:
        # ok: tarfile-extract-without-filter
        zip_ref.extractall(dest)
    with tarfile.open(upload) as tar:
        # ok: tarfile-extract-without-filter
        tar.extractall(dest, **options)
    # ok: tarfile-extract-without-filter
    avatar_zip = zipfile.ZipFile(upload).extractall(dest)
    return avatar_zip
