#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

void fingerprint(const unsigned char *data, size_t len, unsigned char *out)
{
    // ruleid: c-weak-hash-algorithm
    MD5(data, len, out);
    SHA_CTX sha;
    // ruleid: c-weak-hash-algorithm
    SHA1_Init(&sha);
    SHA1_Update(&sha, data, len);
    SHA1_Final(out, &sha);
}

void shared_secret(li_MD5_CTX *ctx, const char *path)
{
    // ruleid: c-weak-hash-algorithm
    li_MD5_Init(ctx);
    li_MD5_Update(ctx, path, strlen(path));
    // ok: c-weak-hash-algorithm
    li_SHA256_Init(ctx);
}

int digest(const char *msg, unsigned char *md, unsigned int *md_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    // ruleid: c-weak-hash-algorithm
    EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
    EVP_DigestUpdate(ctx, msg, strlen(msg));
    EVP_DigestFinal_ex(ctx, md, md_len);
    EVP_MD_CTX_free(ctx);
    // ruleid: c-weak-hash-algorithm
    const EVP_MD *alg = EVP_get_digestbyname("sha1");
    return alg != NULL;
}

int strong(const char *msg, const unsigned char *key, int key_len, unsigned char *md, unsigned int *md_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    // ok: c-weak-hash-algorithm
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    // ok: c-weak-hash-algorithm
    HMAC(EVP_sha1(), key, key_len, (const unsigned char *)msg, strlen(msg), md, md_len);
    // ok: c-weak-hash-algorithm
    SHA256((const unsigned char *)msg, strlen(msg), md);
    // ok: c-weak-hash-algorithm
    const EVP_MD *alg = EVP_get_digestbyname("sha256");
    EVP_MD_CTX_free(ctx);
    return alg != NULL;
}
