#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/rc4.h>

int encrypt_legacy(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ruleid: c-weak-cipher-algorithm
    return EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv);
}

void stream(const unsigned char *key, int key_len, const unsigned char *in, unsigned char *out, size_t n)
{
    RC4_KEY rc4;
    // ruleid: c-weak-cipher-algorithm
    RC4_set_key(&rc4, key_len, key);
    // ruleid: c-weak-cipher-algorithm
    RC4(&rc4, n, in, out);
}

const EVP_CIPHER *pick(int legacy)
{
    if (legacy)
        // ruleid: c-weak-cipher-algorithm
        return EVP_get_cipherbyname("bf-cbc");
    // ok: c-weak-cipher-algorithm
    return EVP_get_cipherbyname("aes-256-gcm");
}

int encrypt_modern(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ok: c-weak-cipher-algorithm
    int rc = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    // ok: c-weak-cipher-algorithm
    rc += EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, iv);
    // ok: c-weak-cipher-algorithm
    const EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    return rc + (c != NULL);
}
