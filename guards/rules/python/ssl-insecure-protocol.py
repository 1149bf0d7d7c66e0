import socket
import ssl

from OpenSSL import SSL


def legacy(host, sock):
    # ruleid: ssl-insecure-protocol
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    # ruleid: ssl-insecure-protocol
    wrapped = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
    # ruleid: ssl-insecure-protocol
    plain = ssl.wrap_socket(sock)
    # ruleid: ssl-insecure-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    # ruleid: ssl-insecure-protocol
    old = SSL.Context(SSL.TLSv1_1_METHOD)
    # ruleid: ssl-insecure-protocol
    version = ssl.PROTOCOL_SSLv2
    return ctx, wrapped, plain, old, version


def modern(host, sock):
    # ok: ssl-insecure-protocol
    ctx = ssl.create_default_context()
    # ok: ssl-insecure-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # ok: ssl-insecure-protocol
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: ssl-insecure-protocol
    tls = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
    # ok: ssl-insecure-protocol
    pinned = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT, cert_reqs=ssl.CERT_REQUIRED)
    # ok: ssl-insecure-protocol
    new = SSL.Context(SSL.TLS_METHOD)
    # ok: ssl-insecure-protocol
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    return client, tls, pinned, new
