#include <memory>
#include <vector>

using std::unique_ptr;

void buffers(std::size_t len, int n)
{
    // ruleid: cpp-smart-pointer-array-mismatch
    std::unique_ptr<char> buf(new char[len]);
    // ruleid: cpp-smart-pointer-array-mismatch
    std::shared_ptr<int> counts(new int[n]);
    // ruleid: cpp-smart-pointer-array-mismatch
    auto data = std::shared_ptr<double>(new double[n]);
    // ruleid: cpp-smart-pointer-array-mismatch
    unique_ptr<int> ids{new int[n]};
    // ok: cpp-smart-pointer-array-mismatch
    std::unique_ptr<char[]> ok_buf(new char[len]);
    // ok: cpp-smart-pointer-array-mismatch
    auto made = std::make_unique<char[]>(len);
    // ok: cpp-smart-pointer-array-mismatch
    std::shared_ptr<int> custom(new int[n], std::default_delete<int[]>());
    // ok: cpp-smart-pointer-array-mismatch
    std::unique_ptr<int> single(new int(42));
    std::vector<int> v(n);
}
