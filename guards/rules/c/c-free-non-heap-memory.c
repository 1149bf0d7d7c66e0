#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config {
    char path[128];
    int flags;
};

static char g_cache[1024];

void load(const char *p);

void build(const char *home)
{
    char path[256];
    int counter = 0;
    snprintf(path, sizeof path, "%s/conf", home);
    load(path);
    // ruleid: c-free-non-heap-memory
    free(path);
    // ruleid: c-free-non-heap-memory
    free(&counter);
}

void reset(struct config *cfg)
{
    // ruleid: c-free-non-heap-memory
    free(&cfg->flags);
    if (g_cache[0] != '\0')
        // ruleid: c-free-non-heap-memory
        free(g_cache);
}

void fine(size_t n)
{
    char *buf = malloc(n);
    struct config *cfg = calloc(1, sizeof *cfg);
    char *names[4] = {0};
    names[0] = strdup("a");
    // ok: c-free-non-heap-memory
    free(buf);
    // ok: c-free-non-heap-memory
    free(cfg);
    // ok: c-free-non-heap-memory
    free(names[0]);
}
