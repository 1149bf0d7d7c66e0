#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

int roll(unsigned seed_from_config)
{
    // ruleid: cpp-predictable-prng-seed
    std::mt19937 gen(static_cast<unsigned>(std::time(nullptr)));
    // ruleid: cpp-predictable-prng-seed
    std::default_random_engine engine{};
    // ruleid: cpp-predictable-prng-seed
    std::mt19937_64 big(1234);
    // ruleid: cpp-predictable-prng-seed
    std::minstd_rand fast;
    // ruleid: cpp-predictable-prng-seed
    std::srand(std::time(nullptr));
    // ruleid: cpp-predictable-prng-seed
    big.seed(std::chrono::system_clock::now().time_since_epoch().count());
    // ruleid: cpp-predictable-prng-seed
    auto quick = std::default_random_engine{};
    std::random_device rd;
    // ok: cpp-predictable-prng-seed
    auto seeded = std::default_random_engine{rd()};
    // ok: cpp-predictable-prng-seed
    std::mt19937 good(rd());
    // ok: cpp-predictable-prng-seed
    std::mt19937 configured(seed_from_config);
    // ok: cpp-predictable-prng-seed
    good.seed(rd());
    std::uniform_int_distribution<int> dist(1, 6);
    return dist(gen) + dist(engine) + static_cast<int>(big() % 2) + static_cast<int>(fast() % 2)
        + dist(good) + dist(configured) + dist(quick) + dist(seeded);
}
