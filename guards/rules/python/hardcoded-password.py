import os

import psycopg2

# ruleid: hardcoded-password
password = "megadeth"
# ruleid: hardcoded-password
DB_PASSWORD = "Tr0ub4dor&3"
# ruleid: hardcoded-password
api_secret = "fakeapisecret"

DATABASES = {
    "default": {
        "USER": "app",
        # ruleid: hardcoded-password
        "PASSWORD": "mypass",
    }
}


class Settings:
    def __init__(self, configuration):
        # ruleid: hardcoded-password
        configuration.san_password = "sysadmin"
        # ruleid: hardcoded-password
        self.userPassword = "hunter2"


# ruleid: hardcoded-password
def login(user, pwd="admin"):
    return user, pwd


def connect(form):
    # ruleid: hardcoded-password
    form["password_confirm"] = "secrets"
    # ruleid: hardcoded-password
    return psycopg2.connect(host="db", user="app", password="s3cr3t")


def fine(form, args):
    # ok: hardcoded-password
    password = os.environ["DB_PASSWORD"]
    # ok: hardcoded-password
    self_password = ""
    # ok: hardcoded-password
    password_reset_template = "auth/password_reset/form.html"
    # ok: hardcoded-password
    password_col = "authentication_string"
    # ok: hardcoded-password
    secret_path = "data"
    # ok: hardcoded-password
    prompt_password = "Enter your password: "
    # ok: hardcoded-password
    PASSWORD = "DB_PASSWORD"
    # ok: hardcoded-password
    placeholder_password = "<password>"
    # ok: hardcoded-password
    template_password = "{password}"
    # ok: hardcoded-password
    env_password = "${DB_PASSWORD}"
    # ok: hardcoded-password
    generated_password = f"{args.prefix}-{os.getpid()}"
    # ok: hardcoded-password
    form["password"] = args.password
    # ok: hardcoded-password
    compass = "north"
    # ok: hardcoded-password
    bypass = "cache"
    # ok: hardcoded-password
    return psycopg2.connect(password=password, user="app")


# ok: hardcoded-password
def connect_with(user, password=None):
    return user, password
