#include <string.h>
#include <stdio.h>

void describe(int code, char *out, const char *detail)
{
    char status[16];
    if (code == 0)
        // ruleid: c-strcpy-constant-string
        strcpy(status, "ok");
    else
        // ruleid: c-strcpy-constant-string
        strcpy(status, "error: " "failed");
    // ruleid: c-strcpy-constant-string
    strcat(out, ", ");
    // ok: c-strcpy-constant-string
    strcat(out, detail);
    // ok: c-strcpy-constant-string
    snprintf(status, sizeof status, "%s", "ok");
    // ok: c-strcpy-constant-string
    strncpy(status, "pending", sizeof status - 1);
    puts(status);
}
