#include <cstdint>
#include <vector>

#define TILE 16

constexpr std::size_t kPageSize = 4096;

struct ImageHeader {
    uint32_t width;
    uint32_t height;
};

uint8_t* decode(const ImageHeader& hdr, int rows, int cols)
{
    // ruleid: cpp-new-array-multiplied-size
    uint8_t* pixels = new uint8_t[hdr.width * hdr.height * 4];
    // ruleid: cpp-new-array-multiplied-size
    float* grid = new float[rows * cols];
    // ruleid: cpp-new-array-multiplied-size
    int* tiles = new int[TILE * rows];
    // ok: cpp-new-array-multiplied-size
    int* fixed = new int[TILE * TILE];
    // ok: cpp-new-array-multiplied-size
    char* line = new char[cols + 1];
    // ok: cpp-new-array-multiplied-size
    char* pages = new char[2 * kPageSize];
    // ok: cpp-new-array-multiplied-size
    std::vector<float> safe(static_cast<size_t>(rows) * cols);
    delete[] grid;
    delete[] tiles;
    delete[] fixed;
    delete[] line;
    delete[] pages;
    return pixels;
}
