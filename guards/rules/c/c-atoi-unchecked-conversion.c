#include <stdlib.h>
#include <errno.h>
#include <unistd.h>

static int quality;

int main(int argc, char **argv)
{
    if (argc < 3)
        return 1;
    // ruleid: c-atoi-unchecked-conversion
    int count = atoi(argv[1]);
    // ruleid: c-atoi-unchecked-conversion
    long limit = atol(getenv("LIMIT"));
    // ruleid: c-atoi-unchecked-conversion
    int port = atoi(argv[2]);
    // ok: c-atoi-unchecked-conversion
    int def = atoi("8080");
    char *end;
    errno = 0;
    // ok: c-atoi-unchecked-conversion
    long checked = strtol(argv[1], &end, 10);
    // ok: c-atoi-unchecked-conversion
    double ratio = strtod(argv[2], &end);
    return count + (int)limit + port + def + (int)checked + (int)ratio;
}

static void parse_option(const char *opt)
{
    const char *colon = opt + 4;
    // ok: c-atoi-unchecked-conversion
    quality = atoi(colon + 1);
}
