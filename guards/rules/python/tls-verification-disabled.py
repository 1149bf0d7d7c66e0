import os
import ssl
import urllib.request

import aiohttp
import httpx
import jwt
import redis
import requests
import urllib3


def insecure(url, token):
    # ruleid: tls-verification-disabled
    r = requests.get(url, verify=False)
    # ruleid: tls-verification-disabled
    client = httpx.Client(base_url=url, verify=False)
    session = requests.Session()
    # ruleid: tls-verification-disabled
    session.verify = False
    # ruleid: tls-verification-disabled
    ctx = ssl._create_unverified_context()
    # ruleid: tls-verification-disabled
    ssl._create_default_https_context = ssl._create_unverified_context
    strict = ssl.create_default_context()
    # ruleid: tls-verification-disabled
    strict.check_hostname = False
    # ruleid: tls-verification-disabled
    strict.verify_mode = ssl.CERT_NONE
    # ruleid: tls-verification-disabled
    pool = urllib3.PoolManager(cert_reqs="CERT_NONE")
    # ruleid: tls-verification-disabled
    cache = redis.Redis(host="cache", ssl=True, ssl_cert_reqs=ssl.CERT_NONE)
    # ruleid: tls-verification-disabled
    os.environ["PYTHONHTTPSVERIFY"] = "0"
    return r, client, ctx, pool, cache


async def insecure_async(url):
    # ruleid: tls-verification-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ruleid: tls-verification-disabled
        async with session.get(url, ssl=False) as resp:
            return await resp.text()


def secure(url, token):
    # ok: tls-verification-disabled
    r = requests.get(url, verify=True)
    # ok: tls-verification-disabled
    r2 = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")
    # ok: tls-verification-disabled
    ctx = ssl.create_default_context()
    # ok: tls-verification-disabled
    ctx.check_hostname = True
    # ok: tls-verification-disabled
    if ctx.verify_mode == ssl.CERT_NONE:
        raise RuntimeError("verification must stay on")
    # ok: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: tls-verification-disabled
    claims = jwt.decode(token, options={"verify_signature": True}, verify=False)
    # ok: tls-verification-disabled
    cache = redis.Redis(host="cache", ssl=False)
    # ok: tls-verification-disabled
    page = urllib.request.urlopen(url, context=ctx)
    return r, r2, claims, cache, page
