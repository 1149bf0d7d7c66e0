import jwt
from jose import jwt as jose_jwt
import jose


def unverified(token, key):
    # ruleid: jwt-decode-without-verification
    claims = jwt.decode(token, options={"verify_signature": False})
    # ruleid: jwt-decode-without-verification
    legacy = jwt.decode(token, key, verify=False)
    # ruleid: jwt-decode-without-verification
    anyalg = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ruleid: jwt-decode-without-verification
    full = jwt.decode_complete(token, key, algorithms=["HS256"], options={"verify_exp": True, "verify_signature": False})
    # ruleid: jwt-decode-without-verification
    other = jose.jwt.decode(token, key, options={"verify_signature": False})
    return claims, legacy, anyalg, full, other


def verified(token, key, public_key):
    # ok: jwt-decode-without-verification
    claims = jwt.decode(token, key, algorithms=["HS256"])
    # ok: jwt-decode-without-verification
    rs = jwt.decode(token, public_key, algorithms=["RS256"], options={"require": ["exp"]})
    # ok: jwt-decode-without-verification
    header = jwt.get_unverified_header(token)
    # ok: jwt-decode-without-verification
    strict = jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True})
    # ok: jwt-decode-without-verification
    encoded = jwt.encode({"sub": "42"}, key, algorithm="HS256")
    # ok: jwt-decode-without-verification
    jose_claims = jose_jwt.decode(token, key, algorithms=["HS256"])
    # ok: jwt-decode-without-verification
    text = token.decode("utf-8")
    return claims, rs, header, strict, encoded, jose_claims, text
