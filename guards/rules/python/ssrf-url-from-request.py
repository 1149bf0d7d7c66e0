import urllib.request
from urllib.parse import urlparse

import httpx
import requests
from fastapi import FastAPI, Request
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
api = FastAPI()
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}
FEEDS = {"news": "https://news.example.com/rss"}


@app.route("/preview")
def preview():
    # ruleid: ssrf-url-from-request
    return requests.get(request.args["url"], timeout=5).text


@app.route("/webhook-test", methods=["POST"])
def webhook_test():
    target = request.json.get("callback_url")
    payload = {"event": "ping"}
    # ruleid: ssrf-url-from-request
    r = requests.post(target, json=payload, timeout=10)
    return jsonify(status=r.status_code)


@app.route("/fetch")
def fetch():
    image_url = request.args.get("src")
    # ruleid: ssrf-url-from-request
    with urllib.request.urlopen(image_url) as fh:
        return fh.read()


@api.post("/proxy")
async def proxy(req: Request):
    body = await req.json()
    # ruleid: ssrf-url-from-request
    upstream = httpx.get(f"{body['host']}/status")
    return upstream.json()


def django_proxy(request):
    # ruleid: ssrf-url-from-request
    return requests.request("GET", request.GET["endpoint"], timeout=3).content


@app.route("/user-repos")
def user_repos():
    user = request.args["user"]
    # ok: ssrf-url-from-request
    resp = requests.get(f"https://api.github.com/users/{user}/repos", timeout=5)
    return jsonify(resp.json())


@app.route("/feed")
def feed():
    url = FEEDS.get(request.args.get("name"))
    if url is None:
        abort(404)
    # ok: ssrf-url-from-request
    return requests.get(url, timeout=5).text


@app.route("/image")
def image():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # ok: ssrf-url-from-request
    return requests.get(url, timeout=5).content


@app.route("/weather")
def weather():
    city = request.args.get("city", "Paris")
    # ok: ssrf-url-from-request
    data = requests.get("https://api.weather.example.com/v1/current", params={"q": city}, timeout=5).json()
    return jsonify(data)


def sync_inventory(base_url, session):
    # ok: ssrf-url-from-request
    return requests.get(base_url + "/inventory", timeout=30).json()


def django_fetch(request):
    url = request.GET.get("url")
    # ruleid: ssrf-url-from-request
    return requests.get(url, timeout=5).content
