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

void parse_args(int argc, char **argv, char *outfile)
{
    for (int i = 0; i < argc; i++) {
        if (i + 1 < argc) {
            // ruleid: c-strcpy-unbounded-into-pointer
            strcpy(outfile, argv[i + 1]);
            memmove(argv + i + 1, argv + i + 2, (argc - i - 2) * sizeof *argv);
        }
    }
}

char *with_suffix(const char *data, int len)
{
    char *buffer = malloc(len + 8);
    // ok: c-strcpy-unbounded-into-pointer
    strcpy(buffer, data);
    strcat(buffer, ".backup");
    return buffer;
}

char *join_path(const char *dir, const char *file)
{
    size_t path_len = strlen(dir) + strlen(file) + 2;
    char *path = malloc(path_len);
    // ok: c-strcpy-unbounded-into-pointer
    strcpy(path, dir);
    return path;
}
