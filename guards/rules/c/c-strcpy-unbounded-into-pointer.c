#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user { char *name; char *home; };

void fill_user(struct user *u, const char *login, const char *dir) {
    // ruleid: c-strcpy-unbounded-into-pointer
    strcpy(u->name, login);
    // ruleid: c-strcpy-unbounded-into-pointer
    strcat(u->home, dir);
}

void append_ext(char *path, const char *ext) {
    // ok: c-strcpy-unbounded-into-pointer
    strcat(path, ".");
    // ruleid: c-strcpy-unbounded-into-pointer
    strcat(path, ext);
}

char *copy_name(const char *src) {
    char *dst = malloc(strlen(src) + 1);
    if (dst != NULL) {
        // ok: c-strcpy-unbounded-into-pointer
        strcpy(dst, src);
    }
    return dst;
}

void set_title(char *out, size_t out_len, const char *title) {
    // ok: c-strcpy-unbounded-into-pointer
    snprintf(out, out_len, "%s", title);
}

void reset(char *out) {
    // ok: c-strcpy-unbounded-into-pointer
    strcpy(out, "none");
}

#define MAX_TAG 32

char *make_tag(const char *label, int len) {
    if (len >= MAX_TAG) {
        return NULL;
    }
    char *tag = malloc(MAX_TAG);
    // ok: c-strcpy-unbounded-into-pointer
    strcpy(tag, label);
    return tag;
}
