import os

import environ

env = environ.Env()

# ruleid: django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["*"]

# ruleid: django-allowed-hosts-wildcard
ALLOWED_HOSTS = ("localhost", "127.0.0.1", "*")

# ruleid: django-allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "*").split(",")

# ruleid: django-allowed-hosts-wildcard
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# ok: django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["example.com", "www.example.com"]

# ok: django-allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")

# ok: django-allowed-hosts-wildcard
ALLOWED_HOSTS = [".example.com"]

# ok: django-allowed-hosts-wildcard
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
