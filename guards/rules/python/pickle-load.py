import json
import pickle
import shelve

import cloudpickle
import jsonpickle
from jsonpickle import unpickler
import numpy as np


def load_all(blob, path, text):
    # ruleid: pickle-load
    session = pickle.loads(blob)
    with open(path, "rb") as fh:
        # ruleid: pickle-load
        model = pickle.load(fh)
    # ruleid: pickle-load
    job = cloudpickle.loads(blob)
    # ruleid: pickle-load
    db = shelve.open(path)
    # ruleid: pickle-load
    obj = jsonpickle.decode(text)
    # ruleid: pickle-load
    also = unpickler.decode(text, keys=True)
    # ruleid: pickle-load
    arr = np.load(path, allow_pickle=True)
    with open(path, "rb") as fh:
        # ruleid: pickle-load
        state = pickle.Unpickler(fh).load()
    return session, model, job, db, obj, also, arr, state


def save_and_read(obj, path, text):
    # ok: pickle-load
    blob = pickle.dumps(obj)
    with open(path, "wb") as fh:
        # ok: pickle-load
        pickle.dump(obj, fh)
    # ok: pickle-load
    data = json.loads(text)
    # ok: pickle-load
    arr = np.load(path)
    # ok: pickle-load
    safe_arr = np.load(path, allow_pickle=False)
    # ok: pickle-load
    encoded = jsonpickle.encode(obj)
    return blob, data, arr, safe_arr, encoded
