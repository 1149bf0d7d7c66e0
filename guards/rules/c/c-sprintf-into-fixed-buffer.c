#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void log_login(const char *user, int attempts)
{
    char line[128];
    char count[16];
    // ruleid: c-sprintf-into-fixed-buffer
    sprintf(line, "login failed for %s", user);
    // ok: c-sprintf-into-fixed-buffer
    sprintf(count, "%d", attempts);
    // ok: c-sprintf-into-fixed-buffer
    snprintf(line, sizeof(line), "%s", user);
    // ok: c-sprintf-into-fixed-buffer
    sprintf(line, "user %.32s", user);
    puts(line);
    puts(count);
}

void log_message(const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    // ruleid: c-sprintf-into-fixed-buffer
    vsprintf(msg, fmt, ap);
    va_end(ap);
    fputs(msg, stderr);
}

int build_query(const char *table, const char *name)
{
    char query[512];
    if (name[0] != '\0') {
        // ruleid: c-sprintf-into-fixed-buffer
        sprintf(query, "SELECT * FROM %s WHERE name = '%-20s'", table, name);
    }
    return (int)strlen(query);
}

void bounded_path(const char *dir, const char *file)
{
    char path[256];
    if (strlen(dir) + strlen(file) + 2 > sizeof path)
        return;
    // ok: c-sprintf-into-fixed-buffer
    sprintf(path, "%s/%s", dir, file);
    puts(path);
}
