import random
import secrets
import string
from string import ascii_letters


# ok: random-string-from-random-module
def random_string(length, chars=ascii_letters + string.digits):
    # ruleid: random-string-from-random-module
    return "".join(random.choice(chars) for _ in range(length))


def random_uuid(length=6):
    # ruleid: random-string-from-random-module
    return "".join(random.sample(string.ascii_letters + string.digits, length))


def random_name(prefix, maxlen):
    symbols = string.ascii_letters + string.digits
    # ruleid: random-string-from-random-module
    return prefix + "".join([random.choice(symbols) for _ in range(maxlen)])


def make_code(n):
    # ruleid: random-string-from-random-module
    return "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=n))


def strong_string(length):
    # ok: random-string-from-random-module
    return "".join(secrets.choice(string.ascii_letters) for _ in range(length))


def sentence(words):
    # ok: random-string-from-random-module
    return " ".join(random.sample(words, 5))


def generate_token(length=32):
    # ok: random-string-from-random-module
    return "".join(secrets.choice(string.ascii_letters) for _ in range(length))


def fill(table, count, rng):
    for index in range(count):
        # ruleid: random-string-from-random-module
        table["key_%d" % index] = ("".join(random.sample(string.ascii_uppercase * 6, 6)))
    # ok: random-string-from-random-module
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(20))
    # ok: random-string-from-random-module
    label = "".join(rng.choice(string.ascii_letters) for _ in range(8))
    return reset_token, label
