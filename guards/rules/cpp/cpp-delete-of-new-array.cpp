#include <cstddef>

void fill(int* p, std::size_t n);

void process(std::size_t count)
{
    int* samples = new int[count];
    auto names = new char[count * 8];
    int* one = new int(7);
    fill(samples, count);
    if (count > 4) {
        // ruleid: cpp-delete-of-new-array
        delete samples;
        return;
    }
    // ruleid: cpp-delete-of-new-array
    delete names;
    // ok: cpp-delete-of-new-array
    delete one;
    // ruleid: cpp-delete-of-new-array
    delete (samples);
}

void process_ok(std::size_t count)
{
    double* values = new double[count];
    // ok: cpp-delete-of-new-array
    delete[] values;
    char* text = new char[count];
    // ok: cpp-delete-of-new-array
    delete [] text;
}
