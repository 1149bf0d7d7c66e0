import random
import secrets
import string

import numpy as np

ALPHABET = string.ascii_letters + string.digits


def issue(user, session, mailer):
    # ruleid: insecure-random-for-secret
    token = "".join(random.choice(ALPHABET) for _ in range(32))
    # ruleid: insecure-random-for-secret
    otp = random.randint(100000, 999999)
    # ruleid: insecure-random-for-secret
    user.reset_token = "%032x" % random.getrandbits(128)
    # ruleid: insecure-random-for-secret
    session["csrf_token"] = str(random.random())
    # ruleid: insecure-random-for-secret
    mailer.send(user.email, verification_code=random.randrange(10**6))
    # ruleid: insecure-random-for-secret
    salt = bytes(np.random.randint(0, 256, size=16).tolist())
    # ruleid: insecure-random-for-secret
    return {"api_key": "".join(random.choices(ALPHABET, k=40)), "otp": otp, "token": token, "salt": salt}


# ruleid: insecure-random-for-secret
def generate_password(length=12):
    chars = ALPHABET + "!@#$%"
    result = ""
    for _ in range(length):
        result += random.choice(chars)
    return result


def fine(vocab, probs, words):
    # ok: insecure-random-for-secret
    token = secrets.token_urlsafe(32)
    # ok: insecure-random-for-secret
    password_length = random.randint(12, 16)
    # ok: insecure-random-for-secret
    next_token = random.choices(vocab, weights=probs)[0]
    # ok: insecure-random-for-secret
    delay = random.uniform(0.5, 1.5)
    rng = random.SystemRandom()
    # ok: insecure-random-for-secret
    api_key = "".join(rng.choice(ALPHABET) for _ in range(40))
    # ok: insecure-random-for-secret
    tokens = random.sample(words, 5)
    # ok: insecure-random-for-secret
    otp = "".join(secrets.choice(string.digits) for _ in range(6))
    # ok: insecure-random-for-secret
    sample_id = random.randint(0, 1000)
    # ok: insecure-random-for-secret
    footprint = random.randint(1, 10)
    # ok: insecure-random-for-secret
    salt_rounds = random.randint(10, 12)
    return token, password_length, next_token, delay, api_key, tokens, otp, sample_id, footprint, salt_rounds


# ok: insecure-random-for-secret
def sample_token(logits, vocab):
    return random.choices(vocab, weights=logits)[0]


# ok: insecure-random-for-secret
def make_secret_key():
    return secrets.token_hex(32)


# ok: insecure-random-for-secret
def generate_password_strong(alphabet):
    length = random.randint(12, 16)
    return "".join(secrets.choice(alphabet) for _ in range(length))


# ok: insecure-random-for-secret
def refresh_token(client):
    time.sleep(random.random())
    return client.refresh()


# ruleid: insecure-random-for-secret
def make_reset_code():
    return "".join(random.choice("0123456789") for _ in range(6))


def bare_imports(user_factory):
    from random import randint

    # ruleid: insecure-random-for-secret
    salt = str(randint(1, 199)) + "x"
    # ruleid: insecure-random-for-secret
    user = user_factory(username="user", password="pass" + str(randint(0, 1000)))
    # ok: insecure-random-for-secret
    port = randint(1024, 65535)
    return salt, user, port


def caches(self, keys):
    for key in keys:
        # ok: insecure-random-for-secret
        self.token_cache[key] = random.random()
    # ruleid: insecure-random-for-secret
    self.api_key = "".join(random.choices(ALPHABET, k=32))
    # ok: insecure-random-for-secret
    self.next_token = random.choice(keys)
