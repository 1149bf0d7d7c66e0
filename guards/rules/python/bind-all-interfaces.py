import asyncio
import os
import socket
from http.server import HTTPServer, SimpleHTTPRequestHandler
from wsgiref.simple_server import make_server

import redis
import requests
import uvicorn
from flask import Flask

app = Flask(__name__)


def serve_everywhere(handler):
    # ruleid: bind-all-interfaces
    app.run(host="0.0.0.0", port=8080)
    # ruleid: bind-all-interfaces
    uvicorn.run("main:app", host="0.0.0.0", port=8000)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: bind-all-interfaces
    sock.bind(("0.0.0.0", 9000))
    # ruleid: bind-all-interfaces
    sock.bind(("", 9001))
    # ruleid: bind-all-interfaces
    httpd = HTTPServer(("", 8000), SimpleHTTPRequestHandler)
    # ruleid: bind-all-interfaces
    wsgi = make_server("", 8001, app)
    return httpd, wsgi


async def serve_async(handler):
    # ruleid: bind-all-interfaces
    server = await asyncio.start_server(handler, "0.0.0.0", 8888)
    return server


def serve_locally(handler):
    # ok: bind-all-interfaces
    app.run(host="127.0.0.1", port=8080)
    # ok: bind-all-interfaces
    uvicorn.run("main:app", host=os.environ.get("HOST", "127.0.0.1"), port=8000)
    sock = socket.socket()
    # ok: bind-all-interfaces
    sock.bind(("127.0.0.1", 0))
    # ok: bind-all-interfaces
    sock.connect(("0.0.0.0", 9000))
    # ok: bind-all-interfaces
    httpd = HTTPServer(("localhost", 8000), SimpleHTTPRequestHandler)
    # ok: bind-all-interfaces
    health = requests.get("http://0.0.0.0:8000/health")
    # ok: bind-all-interfaces
    cache = redis.Redis(host="0.0.0.0")
    return httpd, health, cache
