#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void ping_host(const char *host)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);
    // ruleid: c-system-non-constant-command
    system(cmd);
}

void list_dir(const char *dir, char *const args[])
{
    char line[512];
    // ruleid: c-system-non-constant-command
    FILE *fp = popen(dir, "r");
    while (fp != NULL && fgets(line, sizeof line, fp) != NULL)
        fputs(line, stdout);
    if (fp != NULL)
        pclose(fp);
    // ruleid: c-system-non-constant-command
    execvp(args[0], args);
    // ruleid: c-system-non-constant-command
    execl("/bin/sh", "sh", "-c", line, (char *)NULL);
}

int main(int argc, char **argv)
{
    const char *clear = "clear";
    // ok: c-system-non-constant-command
    system("clear");
    // ok: c-system-non-constant-command
    system(clear);
    // ok: c-system-non-constant-command
    FILE *up = popen("uptime", "r");
    // ok: c-system-non-constant-command
    execl("/bin/ping", "ping", "-c", "1", "--", argv[1], (char *)NULL);
    // ok: c-system-non-constant-command
    execlp("convert", "convert", argv[1], "out.png", (char *)NULL);
    if (up != NULL)
        pclose(up);
    return argc;
}
