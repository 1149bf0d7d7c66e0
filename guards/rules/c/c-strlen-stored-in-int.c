#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int copy_into(char *dst, int cap, int argc, char **argv)
{
    const char *input = argv[1];
    // ruleid: c-strlen-stored-in-int
    int len = strlen(input);
    // ruleid: c-strlen-stored-in-int
    int total = strlen(input) + strlen(getenv("SUFFIX")) + 1;
    // ruleid: c-strlen-stored-in-int
    short n = strcspn(argv[2], "\n");
    // ok: c-strlen-stored-in-int
    size_t ok_len = strlen(input);
    // ok: c-strlen-stored-in-int
    long long wide = (long long)strlen(input);
    // ok: c-strlen-stored-in-int
    int cmp = strcmp(input, argv[2]);
    if (len < cap && total < cap && n > 0)
        memcpy(dst, input, len + 1);
    return (int)ok_len + (int)wide + cmp;
}

char *join(const char *dir, const char *name)
{
    // ok: c-strlen-stored-in-int
    int path_len = strlen(dir) + strlen(name) + 2;
    if (path_len > 4096)
        return NULL;
    char *path = malloc(path_len);
    if (path != NULL)
        snprintf(path, path_len, "%s/%s", dir, name);
    return path;
}

char *with_home(const char *name)
{
    // ok: c-strlen-stored-in-int
    int size = strlen(getenv("HOME")) + strlen(name) + 2;
    char *path = malloc(size);
    if (path != NULL)
        snprintf(path, size, "%s/%s", getenv("HOME"), name);
    return path;
}
