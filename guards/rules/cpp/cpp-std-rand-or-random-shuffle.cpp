#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace std;

static const std::string kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

std::string make_token(std::size_t n)
{
    std::string token;
    for (std::size_t i = 0; i < n; ++i)
        // ruleid: cpp-std-rand-or-random-shuffle
        token += kAlphabet[std::rand() % kAlphabet.size()];
    return token;
}

void deal(std::vector<int>& deck)
{
    // ruleid: cpp-std-rand-or-random-shuffle
    double noise = (1.0 * ::rand() / RAND_MAX) - 0.5;
    deck.push_back(static_cast<int>(noise));
    // ruleid: cpp-std-rand-or-random-shuffle
    std::random_shuffle(deck.begin(), deck.end());
    // ruleid: cpp-std-rand-or-random-shuffle
    random_shuffle(deck.begin(), deck.end());
}

void deal_properly(std::vector<int>& deck)
{
    std::random_device rd;
    std::mt19937 gen(rd());
    // ok: cpp-std-rand-or-random-shuffle
    std::shuffle(deck.begin(), deck.end(), gen);
    std::uniform_int_distribution<int> dist(0, 51);
    // ok: cpp-std-rand-or-random-shuffle
    int card = dist(gen);
    // ok: cpp-std-rand-or-random-shuffle
    unsigned int extra = rd();
    deck.push_back(card + static_cast<int>(extra % 2));
}
