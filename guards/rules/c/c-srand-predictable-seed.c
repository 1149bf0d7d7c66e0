#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void init_game(unsigned int user_seed)
{
    // ruleid: c-srand-predictable-seed
    srand(time(NULL));
    // ruleid: c-srand-predictable-seed
    srand((unsigned)time(0));
    // ruleid: c-srand-predictable-seed
    srand(42);
    // ruleid: c-srand-predictable-seed
    srandom(getpid());
    // ok: c-srand-predictable-seed
    srand(user_seed);
    unsigned int s;
    if (getentropy(&s, sizeof s) == 0)
        // ok: c-srand-predictable-seed
        srand(s);
}
