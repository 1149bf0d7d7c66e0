#include <string.h>
#include <stdio.h>
#include <stdlib.h>

void describe(int code, char *out, const char *detail)
{
    char status[8];
    if (code == 0)
        // ruleid: c-strcpy-constant-string
        strcpy(status, "connected");
    else
        // ruleid: c-strcpy-constant-string
        strcpy(status, "error: " "failed");
    // ruleid: c-strcpy-constant-string
    strcat(out, ", ");
    // ok: c-strcpy-constant-string
    strcat(out, detail);
    // ok: c-strcpy-constant-string
    strncpy(status, "pending", 7);
    // ok: c-strcpy-constant-string
    strcat(out, "");
    puts(status);
}

char *tag(void)
{
    char *p = malloc(4);
    // ruleid: c-strcpy-constant-string
    strcpy(p, "unknown");
    return p;
}

void label(int code)
{
    char text[16];
    // ok: c-strcpy-constant-string
    strcpy(text, "ok");
    // ok: c-strcpy-constant-string
    snprintf(text, sizeof text, "%s", "ok");
    puts(text);
}

char *full_name(const char *first, const char *last)
{
    char *name = malloc(strlen(first) + strlen(last) + 2);
    strcpy(name, first);
    // ok: c-strcpy-constant-string
    strcat(name, " ");
    strcat(name, last);
    // ok: c-strcpy-constant-string
    strcat(name, "\0");
    return name;
}

void bracket(char *addr_text, const char *ip)
{
    char text[64];
    snprintf(text + 1, sizeof(text) - 2, "%s", ip);
    // ok: c-strcpy-constant-string
    strcat(text, "]");
    puts(text);
}
