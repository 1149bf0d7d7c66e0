#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *copy_name(const char *name)
{
    // ruleid: c-alloc-strlen-without-terminator
    char *copy = malloc(strlen(name));
    strcpy(copy, name);
    return copy;
}

char *encoding;

int set_encoding(const char *value)
{
    // ruleid: c-alloc-strlen-without-terminator
    encoding = (char *)malloc(strlen(value) * sizeof(char));
    if (encoding == NULL)
        return -1;
    strcpy(encoding, value);
    return 0;
}

char *copy_name_ok(const char *name)
{
    // ok: c-alloc-strlen-without-terminator
    char *copy = malloc(strlen(name) + 1);
    strcpy(copy, name);
    return copy;
}

unsigned char *raw_bytes(const char *text, size_t *n)
{
    // ok: c-alloc-strlen-without-terminator
    unsigned char *bytes = malloc(strlen(text));
    *n = strlen(text);
    memcpy(bytes, text, *n);
    return bytes;
}
