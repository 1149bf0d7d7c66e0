#include <alloca.h>
#include <string.h>
#include <unistd.h>

#define MAX_NAME 64

enum { BufSize = 128 };

int handle(int fd, size_t len, const char *name)
{
    // ruleid: c-alloca-or-vla-unbounded
    char *buf = alloca(len);
    // ruleid: c-alloca-or-vla-unbounded
    char copy[strlen(name) + 1];
    // ruleid: c-alloca-or-vla-unbounded
    int counts[len];
    // ok: c-alloca-or-vla-unbounded
    char fixed[MAX_NAME * 2];
    // ok: c-alloca-or-vla-unbounded
    char small[sizeof(int) * 4];
    // ok: c-alloca-or-vla-unbounded
    char *tmp = alloca(32);
    // ok: c-alloca-or-vla-unbounded
    char header[16] = "";
    // ok: c-alloca-or-vla-unbounded
    char scratch[BufSize];
    const int slots = 8;
    // ok: c-alloca-or-vla-unbounded
    int table[slots];
    memcpy(copy, name, sizeof copy);
    scratch[0] = 0;
    counts[0] = table[0] = fixed[0] = small[0] = tmp[0] = header[0] = 0;
    return (int)read(fd, buf, len);
}
