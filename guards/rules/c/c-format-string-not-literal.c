#include <stdio.h>
#include <syslog.h>
#include <string.h>

#define USAGE_FMT "usage: %s FILE\n"

void report(const char *msg, const char *user)
{
    char buf[256];
    // ruleid: c-format-string-not-literal
    printf(msg);
    // ruleid: c-format-string-not-literal
    fprintf(stderr, user);
    // ruleid: c-format-string-not-literal
    syslog(LOG_WARNING, msg);
    // ruleid: c-format-string-not-literal
    snprintf(buf, sizeof buf, user);
    // ok: c-format-string-not-literal
    printf("%s\n", msg);
    // ok: c-format-string-not-literal
    fprintf(stderr, "%s: %s\n", user, msg);
    // ok: c-format-string-not-literal
    snprintf(buf, sizeof buf, "%s", user);
    // ok: c-format-string-not-literal
    syslog(LOG_INFO, "login by %s", user);
    puts(buf);
}

int main(int argc, char **argv)
{
    const char *banner = "server v1.0\n";
    // ok: c-format-string-not-literal
    printf(banner);
    if (argc < 2) {
        // ok: c-format-string-not-literal
        fprintf(stderr, USAGE_FMT, argv[0]);
        return 1;
    }
    // ruleid: c-format-string-not-literal
    printf(argv[1]);
    return 0;
}
