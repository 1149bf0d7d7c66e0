import datetime
import os

import jwt
from authlib.jose import jwt as authlib_jwt
from jose import jws

SECRET = os.environ["JWT_SECRET"]


def issue_token(user_id):
    claims = {"sub": str(user_id), "exp": datetime.datetime.utcnow() + datetime.timedelta(hours=1)}
    # ruleid: jwt-encode-alg-none
    return jwt.encode(claims, None, algorithm="none")


def issue_unsigned(user_id):
    # ruleid: jwt-encode-alg-none
    return jwt.encode({"sub": user_id}, key="", algorithm=None)


def issue_authlib(payload):
    # ruleid: jwt-encode-alg-none
    return authlib_jwt.encode({"alg": "none"}, payload, SECRET)


def issue_header(payload):
    # ruleid: jwt-encode-alg-none
    return jwt.encode(payload, SECRET, headers={"alg": "None"})


def issue_signed(user_id):
    # ok: jwt-encode-alg-none
    return jwt.encode({"sub": str(user_id)}, SECRET, algorithm="HS256")


def issue_rs(payload, private_key):
    # ok: jwt-encode-alg-none
    return jwt.encode(payload, private_key, algorithm="RS256", headers={"kid": "2024-01"})


def sign_jws(payload):
    # ok: jwt-encode-alg-none
    return jws.sign(payload, SECRET, algorithm="HS512")


def decode(token):
    # ok: jwt-encode-alg-none
    return jwt.decode(token, SECRET, algorithms=["HS256"])
