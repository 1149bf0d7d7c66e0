import hashlib
import hmac
import os
from hashlib import md5


def store(db, user, password, api_secret, reset_token):
    # ruleid: weak-hash-for-password
    db.save(user, hashlib.md5(password.encode()).hexdigest())
    # ruleid: weak-hash-for-password
    digest = hashlib.sha1(api_secret).hexdigest()
    # ruleid: weak-hash-for-password
    hashed = hashlib.new("md5", reset_token.encode()).hexdigest()
    # ruleid: weak-hash-for-password
    legacy = md5(user.passwd.encode("utf-8")).hexdigest()
    # ruleid: weak-hash-for-password
    fast = hashlib.sha256((salt := os.urandom(8)) + password.encode()).hexdigest()
    return digest, hashed, legacy, fast, salt


def fine(db, user, password, data, path, token):
    # ok: weak-hash-for-password
    etag = hashlib.md5(data).hexdigest()
    # ok: weak-hash-for-password
    checksum = hashlib.sha1(path.read_bytes()).hexdigest()
    # ok: weak-hash-for-password
    key = hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()
    salt = os.urandom(16)
    # ok: weak-hash-for-password
    stored = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    # ok: weak-hash-for-password
    token_digest = hashlib.sha256(token.encode()).hexdigest()
    # ok: weak-hash-for-password
    mac = hmac.new(b"k", data, hashlib.sha256).hexdigest()
    # ok: weak-hash-for-password
    scrypted = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return etag, checksum, key, stored, token_digest, mac, scrypted
