#include <openssl/aes.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

int encrypt_block(EVP_CIPHER_CTX *ctx, const unsigned char *key)
{
    // ruleid: c-cipher-ecb-mode
    return EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
}

void raw(const unsigned char *in, unsigned char *out, const AES_KEY *key)
{
    // ruleid: c-cipher-ecb-mode
    AES_ecb_encrypt(in, out, key, AES_ENCRYPT);
}

int apple_style(const void *key, const void *in, size_t n, void *out, size_t *moved)
{
    // ruleid: c-cipher-ecb-mode
    return CCCrypt(kCCEncrypt, kCCAlgorithmAES, kCCOptionPKCS7Padding | kCCOptionECBMode,
                   key, kCCKeySizeAES128, NULL, in, n, out, n + 16, moved);
}

const EVP_CIPHER *by_name(void)
{
    // ruleid: c-cipher-ecb-mode
    return EVP_get_cipherbyname("aes-256-ecb");
}

int encrypt_gcm(EVP_CIPHER_CTX *ctx, const unsigned char *key, unsigned char *iv)
{
    if (RAND_bytes(iv, 12) != 1)
        return 0;
    // ok: c-cipher-ecb-mode
    int rc = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    // ok: c-cipher-ecb-mode
    rc += EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv);
    // ok: c-cipher-ecb-mode
    const EVP_CIPHER *c = EVP_get_cipherbyname("aes-256-ctr");
    return rc + (c != NULL);
}
