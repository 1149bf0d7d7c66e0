import os
import random
import secrets
import time
from datetime import datetime

import numpy as np

SEED = 1234

# ruleid: random-seeded-with-constant
random.seed(42)
# ruleid: random-seeded-with-constant
random.seed(SEED)


def make_invites(count):
    # ruleid: random-seeded-with-constant
    random.seed(int(time.time()))
    return [random.randint(100000, 999999) for _ in range(count)]


def shuffle_users(users):
    # ruleid: random-seeded-with-constant
    rng = random.Random(1337)
    rng.shuffle(users)
    # ruleid: random-seeded-with-constant
    random.seed(datetime.now().timestamp())
    # ruleid: random-seeded-with-constant
    random.seed("my-app-seed")
    return users


def fine(args):
    # ok: random-seeded-with-constant
    random.seed()
    # ok: random-seeded-with-constant
    random.seed(args.seed)
    # ok: random-seeded-with-constant
    random.seed(Seed(args))
    # ok: random-seeded-with-constant
    random.seed(os.urandom(32))
    # ok: random-seeded-with-constant
    np.random.seed(42)
    # ok: random-seeded-with-constant
    rng = random.SystemRandom()
    # ok: random-seeded-with-constant
    token = secrets.token_hex(16)
    return rng, token
