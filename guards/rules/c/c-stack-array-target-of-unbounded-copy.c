#include <stdint.h>
#include <string.h>

void parse_packet(const uint8_t *pkt, size_t n) {
    // ruleid: c-stack-array-target-of-unbounded-copy
    uint8_t payload[256];
    memcpy(payload, pkt + 4, n - 4);
    handle(payload);
}

void open_config(const char *dir, const char *file) {
    // ruleid: c-stack-array-target-of-unbounded-copy
    char full[128];
    strcpy(full, dir);
    strcat(full, "/");
    strcat(full, file);
    load(full);
}

void remember_user(const char *login) {
    int tries = 0;
    // ruleid: c-stack-array-target-of-unbounded-copy
    char name[32], shell[64];
    for (tries = 0; tries < 3; tries++) {
        strcpy(name, login);
    }
    strcpy(shell, "/bin/sh");
    use(name, shell);
}

void copy_header(const uint8_t *src) {
    // ok: c-stack-array-target-of-unbounded-copy
    uint8_t hdr[16];
    memcpy(hdr, src, sizeof hdr);
    handle(hdr);
}

int copy_checked(const uint8_t *src, size_t len) {
    // ok: c-stack-array-target-of-unbounded-copy
    uint8_t tmp[64];
    if (len > sizeof tmp) {
        return -1;
    }
    memcpy(tmp, src, len);
    return handle(tmp);
}

void set_default(void) {
    // ok: c-stack-array-target-of-unbounded-copy
    char mode[16];
    strcpy(mode, "read-only");
    apply(mode);
}
