#include <stdio.h>
#include <stdlib.h>

#define MAX_ITEMS 128

struct item {
    int id;
    double price;
};

struct image {
    unsigned width, height;
    unsigned char *pixels;
};

int load(FILE *fp, size_t count, struct image *img)
{
    // ruleid: c-alloc-size-multiplication-overflow
    struct item *items = malloc(count * sizeof(struct item));
    // ruleid: c-alloc-size-multiplication-overflow
    img->pixels = malloc(img->width * img->height * 4);
    // ruleid: c-alloc-size-multiplication-overflow
    items = (struct item *)realloc(items, sizeof(struct item) * (count + 1));
    // ok: c-alloc-size-multiplication-overflow
    struct item *fixed = malloc(MAX_ITEMS * sizeof(struct item));
    // ok: c-alloc-size-multiplication-overflow
    struct item *zeroed = calloc(count, sizeof *zeroed);
    // ok: c-alloc-size-multiplication-overflow
    char *line = malloc(count + 1);
    int n = 16;
    // ok: c-alloc-size-multiplication-overflow
    int *small = malloc(n * sizeof(int));
    free(fixed);
    free(zeroed);
    free(line);
    free(small);
    free(items);
    return fp == NULL;
}

struct item *load_kernel(size_t count)
{
    // ruleid: c-alloc-size-multiplication-overflow
    struct item *items = kmalloc(count * sizeof(struct item), GFP_KERNEL);
    // ruleid: c-alloc-size-multiplication-overflow
    int *ids = (int *)g_malloc(sizeof(int) * count);
    // ok: c-alloc-size-multiplication-overflow
    char *text = malloc(sizeof(char) * count);
    // ok: c-alloc-size-multiplication-overflow
    struct item *pooled = pool_alloc(pool, count * sizeof(struct item));
    free(text);
    free(ids);
    return items ? items : pooled;
}

int *copy_ints(const int *data, size_t num)
{
    if (num == 0 || num > SIZE_MAX / sizeof(int))
        return NULL;
    // ok: c-alloc-size-multiplication-overflow
    int *out = (int *)malloc(sizeof(int) * num);
    if (out == NULL)
        return NULL;
    memcpy(out, data, num * sizeof(int));
    return out;
}

int *grow(int *list, size_t used)
{
    int *bigger;
    // ruleid: c-alloc-size-multiplication-overflow
    if ((bigger = realloc(list, used * 2 * sizeof(int))) == NULL)
        return list;
    return bigger;
}
