#include <openssl/ssl.h>

SSL_CTX *make_client(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    // ruleid: c-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    return ctx;
}

SSL *connect_tls(SSL_CTX *ctx, int fd, int insecure)
{
    SSL *ssl = SSL_new(ctx);
    if (insecure)
        // ruleid: c-openssl-verify-none
        SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
    SSL_set_fd(ssl, fd);
    return ssl;
}

SSL_CTX *make_verified_client(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    // ok: c-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_default_verify_paths(ctx);
    return ctx;
}

void configure_server(SSL_CTX *ctx)
{
    // ok: c-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    SSL_CTX_use_certificate_file(ctx, "cert.pem", SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(ctx, "key.pem", SSL_FILETYPE_PEM);
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    // ruleid: c-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, 0);
    // ok: c-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_free(ctx);
    return 0;
}
