import os

import jwt
from flask import Flask
from itsdangerous import URLSafeTimedSerializer
from starlette.middleware.sessions import SessionMiddleware

app = Flask(__name__)
# ruleid: hardcoded-signing-key
app.secret_key = "super-secret-key"
# ruleid: hardcoded-signing-key
app.config["SECRET_KEY"] = "dev"
# ruleid: hardcoded-signing-key
app.config.from_mapping(SECRET_KEY="change-me", DATABASE="app.db")
# ruleid: hardcoded-signing-key
SECRET_KEY = "django-insecure-7q3^k2!x@v1"
# ruleid: hardcoded-signing-key
serializer = URLSafeTimedSerializer("reset-salt-key")


def issue(user_id, api):
    # ruleid: hardcoded-signing-key
    token = jwt.encode({"sub": user_id}, "my-jwt-secret", algorithm="HS256")
    # ruleid: hardcoded-signing-key
    claims = jwt.decode(token, key="my-jwt-secret", algorithms=["HS256"])
    # ruleid: hardcoded-signing-key
    api.add_middleware(SessionMiddleware, secret_key="s3ss10n")
    return token, claims


# ok: hardcoded-signing-key
app.secret_key = os.environ["FLASK_SECRET_KEY"]
# ok: hardcoded-signing-key
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
# ok: hardcoded-signing-key
app.config["SESSION_COOKIE_NAME"] = "session"
# ok: hardcoded-signing-key
SECRET_KEY_ENV = "APP_SECRET_KEY"
# ok: hardcoded-signing-key
app.secret_key = f"{os.environ['KEY_PREFIX']}-{os.environ['KEY_BODY']}"


def verify(token, public_key):
    # ok: hardcoded-signing-key
    claims = jwt.decode(token, public_key, algorithms=["RS256"])
    # ok: hardcoded-signing-key
    header = jwt.encode({"sub": "1"}, os.environ["JWT_KEY"], algorithm="HS256")
    return claims, header


def placeholders(app):
    # ok: hardcoded-signing-key
    app.secret_key = "YOUR_SECRET_KEY"
    # ok: hardcoded-signing-key
    app.secret_key = "<a secret key from your secret manager>"
    # ruleid: hardcoded-signing-key
    app.config["WTF_CSRF_SECRET_KEY"] = "secret_key"
