import json
import marshal


def restore(blob, path):
    # ruleid: marshal-load
    cache = marshal.loads(blob)
    with open(path, "rb") as fh:
        # ruleid: marshal-load
        code = marshal.load(fh)
    # ruleid: marshal-load
    exec(marshal.loads(blob[16:]))
    return cache, code


def store(obj, path, text):
    # ok: marshal-load
    blob = marshal.dumps(obj)
    with open(path, "wb") as fh:
        # ok: marshal-load
        marshal.dump(obj, fh)
    # ok: marshal-load
    data = json.loads(text)
    # ok: marshal-load
    version = marshal.version
    return blob, data, version
