#include <stdlib.h>

struct vec {
    int *data;
    size_t len, cap;
};

int push(struct vec *v, int x)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        // ruleid: c-realloc-result-overwrites-pointer
        v->data = realloc(v->data, v->cap * sizeof *v->data);
    }
    v->data[v->len++] = x;
    return 0;
}

char *grow(char *buf, size_t n)
{
    // ruleid: c-realloc-result-overwrites-pointer
    buf = (char *)realloc(buf, n);
    return buf;
}

void add_line(char ***lines, size_t *count, char *line)
{
    char **list = *lines;
    // ruleid: c-realloc-result-overwrites-pointer
    list = realloc(list, (*count + 1) * sizeof(char *));
    list[(*count)++] = line;
    *lines = list;
}

int grow_safely(struct vec *v, char **out, size_t n)
{
    // ok: c-realloc-result-overwrites-pointer
    int *tmp = realloc(v->data, n * sizeof *tmp);
    if (tmp == NULL)
        return -1;
    // ok: c-realloc-result-overwrites-pointer
    v->data = tmp;
    // ok: c-realloc-result-overwrites-pointer
    *out = realloc(NULL, n);
    return 0;
}
