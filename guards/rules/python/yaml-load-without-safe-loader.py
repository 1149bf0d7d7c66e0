import json

import yaml
from yaml import SafeLoader


def load_everything(path, body, options):
    with open(path) as fh:
        # ruleid: yaml-load-without-safe-loader
        config = yaml.load(fh)
    # ruleid: yaml-load-without-safe-loader
    data = yaml.load(body, Loader=yaml.Loader)
    # ruleid: yaml-load-without-safe-loader
    docs = list(yaml.load_all(body, Loader=yaml.FullLoader))
    # ruleid: yaml-load-without-safe-loader
    obj = yaml.unsafe_load(body)
    # ruleid: yaml-load-without-safe-loader
    more = yaml.load(body, yaml.UnsafeLoader)
    # ruleid: yaml-load-without-safe-loader
    full = yaml.full_load(body)
    return config, data, docs, obj, more, full


def load_safely(path, body):
    with open(path) as fh:
        # ok: yaml-load-without-safe-loader
        config = yaml.safe_load(fh)
    # ok: yaml-load-without-safe-loader
    data = yaml.load(body, Loader=yaml.SafeLoader)
    # ok: yaml-load-without-safe-loader
    fast = yaml.load(body, Loader=yaml.CSafeLoader)
    # ok: yaml-load-without-safe-loader
    docs = list(yaml.load_all(body, Loader=SafeLoader))
    # ok: yaml-load-without-safe-loader
    positional = yaml.load(body, yaml.SafeLoader)
    # ok: yaml-load-without-safe-loader
    payload = json.load(fh)
    # ok: yaml-load-without-safe-loader
    text = yaml.dump(data, Dumper=yaml.Dumper)
    return config, data, fast, docs, positional, payload, text
