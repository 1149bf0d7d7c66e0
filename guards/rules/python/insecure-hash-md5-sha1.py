import hashlib
import hmac
from hashlib import sha1

from Crypto.Hash import MD5, SHA256


def fingerprint(document: bytes, upload, chunks):
    # ruleid: insecure-hash-md5-sha1
    digest = hashlib.md5(document).hexdigest()
    # ruleid: insecure-hash-md5-sha1
    signature_base = hashlib.sha1(upload.read()).digest()
    # ruleid: insecure-hash-md5-sha1
    h = hashlib.new("md5")
    for chunk in chunks:
        h.update(chunk)
    # ruleid: insecure-hash-md5-sha1
    legacy = sha1(document).hexdigest()
    # ruleid: insecure-hash-md5-sha1
    cert_id = MD5.new(document).hexdigest()
    return digest, signature_base, h.hexdigest(), legacy, cert_id


def fine(document: bytes, password: str, key: bytes, api_token: str):
    # ok: insecure-hash-md5-sha1
    digest = hashlib.sha256(document).hexdigest()
    # ok: insecure-hash-md5-sha1
    cache_key = hashlib.md5(document, usedforsecurity=False).hexdigest()
    # ok: insecure-hash-md5-sha1
    mac = hmac.new(key, document, hashlib.sha1).hexdigest()
    # ok: insecure-hash-md5-sha1
    stored = hashlib.md5(password.encode()).hexdigest()
    # ok: insecure-hash-md5-sha1
    token_hash = hashlib.sha1(api_token.encode()).hexdigest()
    # ok: insecure-hash-md5-sha1
    strong = hashlib.new("sha256", document).hexdigest()
    # ok: insecure-hash-md5-sha1
    modern = SHA256.new(document).hexdigest()
    return digest, cache_key, mac, stored, token_hash, strong, modern
