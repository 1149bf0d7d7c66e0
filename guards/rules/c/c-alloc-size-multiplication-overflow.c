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
