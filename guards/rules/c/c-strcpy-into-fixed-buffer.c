#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char g_last_user[32];

struct session {
    char *name;
};

void remember_user(const char *user)
{
    // ruleid: c-strcpy-into-fixed-buffer
    strcpy(g_last_user, user);
}

int main(int argc, char *argv[])
{
    char filename[64];
    char greeting[128] = {0};

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 1;
    }
    // ruleid: c-strcpy-into-fixed-buffer
    strcpy(filename, argv[1]);
    // ok: c-strcpy-into-fixed-buffer
    strcpy(greeting, "Hello, ");
    for (int i = 2; i < argc; i++) {
        // ruleid: c-strcpy-into-fixed-buffer
        strcat(greeting, argv[i]);
    }
    printf("%s %s\n", greeting, filename);
    return 0;
}

void copy_title(const wchar_t *title)
{
    wchar_t caption[40];
    if (title != NULL)
        // ruleid: c-strcpy-into-fixed-buffer
        wcscpy(caption, title);
    else
        wcscpy(caption, L"untitled");
    wprintf(L"%ls\n", caption);
}

int checked_copy(const char *src)
{
    char dest[64];
    if (strlen(src) >= sizeof(dest)) {
        return -1;
    }
    // ok: c-strcpy-into-fixed-buffer
    strcpy(dest, src);
    return (int)dest[0];
}

char *duplicate(const char *s)
{
    char *copy = malloc(strlen(s) + 1);
    if (copy != NULL)
        // ok: c-strcpy-into-fixed-buffer
        strcpy(copy, s);
    return copy;
}

void bounded(const char *input)
{
    char buf[32];
    // ok: c-strcpy-into-fixed-buffer
    snprintf(buf, sizeof buf, "%s", input);
    const char *label = "default";
    // ok: c-strcpy-into-fixed-buffer
    strcpy(buf, label);
    puts(buf);
}

void into_session(struct session *s, const char *name)
{
    // ok: c-strcpy-into-fixed-buffer
    strcpy(s->name, name);
}
