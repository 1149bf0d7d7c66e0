import urllib.request
from urllib.request import urlopen

import requests


def fetch_rates():
    # ruleid: http-request-without-timeout
    return requests.get("https://api.example.com/rates").json()


def notify(webhook_url, payload):
    # ruleid: http-request-without-timeout
    resp = requests.post(webhook_url, json=payload, headers={"User-Agent": "notifier/1.0"})
    resp.raise_for_status()


def download(url):
    # ruleid: http-request-without-timeout
    with urllib.request.urlopen(url) as fh:
        return fh.read()


def legacy(url):
    # ruleid: http-request-without-timeout
    return urlopen(url).read()


def purge(url):
    # ruleid: http-request-without-timeout
    return requests.request("PURGE", url)


def fetch_rates_safely():
    # ok: http-request-without-timeout
    return requests.get("https://api.example.com/rates", timeout=10).json()


def notify_safely(webhook_url, payload):
    # ok: http-request-without-timeout
    requests.post(webhook_url, json=payload, timeout=(3.05, 27))


def forward(url, **kwargs):
    # ok: http-request-without-timeout
    return requests.get(url, **kwargs)


def download_safely(url):
    # ok: http-request-without-timeout
    with urllib.request.urlopen(url, timeout=15) as fh:
        return fh.read()


def cached(cache, key):
    # ok: http-request-without-timeout
    return cache.get(key)
