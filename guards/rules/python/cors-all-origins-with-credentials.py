from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS, cross_origin
from starlette.middleware import Middleware

app = Flask(__name__)
api = FastAPI()

# ruleid: cors-all-origins-with-credentials
CORS(app, supports_credentials=True)

# ruleid: cors-all-origins-with-credentials
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)

# ruleid: cors-all-origins-with-credentials
api.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

middleware = [
    # ruleid: cors-all-origins-with-credentials
    Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True),
]


@app.route("/api/me")
# ruleid: cors-all-origins-with-credentials
@cross_origin(origins="*", supports_credentials=True)
def me():
    return {}


# ok: cors-all-origins-with-credentials
CORS(app, origins=["https://app.example.com"], supports_credentials=True)

# ok: cors-all-origins-with-credentials
CORS(app)

# ok: cors-all-origins-with-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

# ok: cors-all-origins-with-credentials
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)

# django-cors-headers settings
# ok: cors-all-origins-with-credentials
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
# ruleid: cors-all-origins-with-credentials
CORS_ORIGIN_ALLOW_ALL = True
CORS_ALLOW_CREDENTIALS = True
