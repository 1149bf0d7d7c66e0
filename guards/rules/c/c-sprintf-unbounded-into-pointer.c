#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conn { char *peer; int port; };

void describe(char *out, const struct conn *c) {
    // ruleid: c-sprintf-unbounded-into-pointer
    sprintf(out, "%s:%d", c->peer, c->port);
}

void log_to(char *line, const char *fmt, va_list ap) {
    // ruleid: c-sprintf-unbounded-into-pointer
    vsprintf(line, fmt, ap);
}

void frame_name(char *dst, int frame) {
    // ruleid: c-sprintf-unbounded-into-pointer
    sprintf(dst, "frame-%06d.png", frame);
}

void describe_safe(char *out, size_t n, const struct conn *c) {
    // ok: c-sprintf-unbounded-into-pointer
    snprintf(out, n, "%s:%d", c->peer, c->port);
}

void clear_status(char *status) {
    // ok: c-sprintf-unbounded-into-pointer
    sprintf(status, "idle");
}

void print_port(const struct conn *c) {
    // ok: c-sprintf-unbounded-into-pointer
    printf("%s:%d\n", c->peer, c->port);
}

int join_words(char *buf, size_t buf_len, const char *a, const char *b) {
    if (strlen(a) + strlen(b) + 2 > buf_len) {
        return -1;
    }
    // ok: c-sprintf-unbounded-into-pointer
    sprintf(buf, "%s %s", a, b);
    return 0;
}

int write_header(char *hdr, const char *host) {
    // ruleid: c-sprintf-unbounded-into-pointer
    int n = sprintf(hdr, "Host: %s\r\n", host);
    return n;
}

char *env_line(const char *path) {
    char *line = malloc(strlen(path) + 16);
    if (line == NULL)
        return NULL;
    // ok: c-sprintf-unbounded-into-pointer
    sprintf(line, "DEVPATH_OLD=%s", path);
    return line;
}

void task_list(char *pcWriteBuffer, const char *name, unsigned prio) {
    // ruleid: c-sprintf-unbounded-into-pointer
    sprintf((char *)pcWriteBuffer, (char *)"%s\t%u\r\n", name, prio);
}
