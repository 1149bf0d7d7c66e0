#include <stdlib.h>
#include <sys/random.h>

struct rng {
    int (*random)(void);
};

void make_token(char *out, size_t n)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (size_t i = 0; i + 1 < n; i++)
        // ruleid: c-rand-insecure-prng
        out[i] = abc[rand() % (sizeof abc - 1)];
    out[n - 1] = '\0';
}

unsigned long session_id(unsigned int *seed)
{
    // ruleid: c-rand-insecure-prng
    long a = random();
    // ruleid: c-rand-insecure-prng
    int b = rand_r(seed);
    return (unsigned long)a ^ (unsigned long)b;
}

int secure_pick(struct rng *r, int n)
{
    unsigned int v;
    // ok: c-rand-insecure-prng
    if (getrandom(&v, sizeof v, 0) != sizeof v)
        abort();
    // ok: c-rand-insecure-prng
    int x = r->random();
    // ok: c-rand-insecure-prng
    arc4random_buf(&v, sizeof v);
    return (int)(v % (unsigned int)n) + x;
}
