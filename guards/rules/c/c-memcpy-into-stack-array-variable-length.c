#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#define HEADER_SIZE 8

int handle(const uint8_t *data, size_t len);

int parse_packet(const uint8_t *pkt, size_t n)
{
    uint8_t payload[256];
    uint8_t header[HEADER_SIZE];
    size_t body = pkt[0];

    // ok: c-memcpy-into-stack-array-variable-length
    memcpy(header, pkt, HEADER_SIZE);
    // ruleid: c-memcpy-into-stack-array-variable-length
    memcpy(payload, pkt + HEADER_SIZE, body);
    return handle(payload, n);
}

void copy_name(const char *src)
{
    char name[32];
    size_t len = strlen(src);
    // ruleid: c-memcpy-into-stack-array-variable-length
    memcpy(name, src, len + 1);
    // ok: c-memcpy-into-stack-array-variable-length
    memcpy(name, src, sizeof(name) - 1);
    // ok: c-memcpy-into-stack-array-variable-length
    memmove(name, src, sizeof name);
}

int read_record(int fd, const int *values, size_t count)
{
    int table[64];
    char reply[512];
    ssize_t got = recv(fd, reply, sizeof reply, 0);
    if (got > 0) {
        // ruleid: c-memcpy-into-stack-array-variable-length
        memcpy(table, values, count * sizeof(int));
    }
    return table[0] + reply[0];
}

int checked(const uint8_t *src, size_t len)
{
    uint8_t buf[128];
    if (len > sizeof(buf))
        return -1;
    // ok: c-memcpy-into-stack-array-variable-length
    memcpy(buf, src, len);
    return buf[0];
}

void to_heap(uint8_t *dst, const uint8_t *src, size_t len)
{
    // ok: c-memcpy-into-stack-array-variable-length
    memcpy(dst, src, len);
}
