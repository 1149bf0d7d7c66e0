#include <cstdint>
#include <cstring>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

struct PacketHeader {
    uint16_t type;
    uint16_t length;
};

void process(uint16_t type, uint16_t length);

void on_readable(int sock)
{
    char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf, 0);
    // ruleid: cpp-reinterpret-cast-of-received-buffer
    auto* hdr = reinterpret_cast<const PacketHeader*>(buf);
    process(hdr->type, hdr->length);
    (void)n;
}

void from_file(FILE* fp)
{
    std::vector<char> data(64);
    fread(data.data(), 1, data.size(), fp);
    // ruleid: cpp-reinterpret-cast-of-received-buffer
    const PacketHeader* hdr = reinterpret_cast<const PacketHeader*>(data.data());
    process(hdr->type, hdr->length);
}

void from_fd(int fd)
{
    uint8_t raw[128];
    ssize_t got;
    if ((got = read(fd, raw, sizeof raw)) <= 0)
        return;
    // ruleid: cpp-reinterpret-cast-of-received-buffer
    const auto* hdr = reinterpret_cast<const PacketHeader*>(raw);
    process(hdr->type, hdr->length);
}

void checked(int sock)
{
    char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf, 0);
    if (n < static_cast<ssize_t>(sizeof(PacketHeader)))
        return;
    // ok: cpp-reinterpret-cast-of-received-buffer
    auto* hdr = reinterpret_cast<const PacketHeader*>(buf);
    process(hdr->type, hdr->length);
}

void copied(int sock)
{
    char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf, 0);
    PacketHeader hdr;
    std::memcpy(&hdr, buf, sizeof hdr);
    // ok: cpp-reinterpret-cast-of-received-buffer
    auto bytes = reinterpret_cast<const uint8_t*>(&hdr);
    // ok: cpp-reinterpret-cast-of-received-buffer
    auto addr = reinterpret_cast<uintptr_t>(buf);
    process(bytes[0], static_cast<uint16_t>(addr + static_cast<uintptr_t>(n)));
}
