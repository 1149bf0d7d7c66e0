#include <string.h>

int copy_into(char *dst, size_t cap, const char *input, const char *suffix)
{
    // ruleid: c-strlen-stored-in-int
    int len = strlen(input);
    // ruleid: c-strlen-stored-in-int
    int total = strlen(input) + strlen(suffix) + 1;
    // ruleid: c-strlen-stored-in-int
    short n = strcspn(input, "\n");
    // ok: c-strlen-stored-in-int
    size_t ok_len = strlen(input);
    // ok: c-strlen-stored-in-int
    long long wide = (long long)strlen(suffix);
    // ok: c-strlen-stored-in-int
    int cmp = strcmp(input, suffix);
    if (ok_len < cap)
        memcpy(dst, input, ok_len + 1);
    return len + total + n + (int)wide + cmp;
}
