#include <memory>
#include <vector>

class Connection {
public:
    explicit Connection(int fd) : fd_(fd) {}
    void send(const char* data);
private:
    int fd_;
};

// ruleid: cpp-auto-ptr
typedef std::auto_ptr<Connection> ConnectionPtr;

// ruleid: cpp-auto-ptr
void adopt(std::auto_ptr<Connection> conn);

void open_all(int fd, int n)
{
    // ruleid: cpp-auto-ptr
    std::auto_ptr<Connection> first(new Connection(fd));
    // ruleid: cpp-auto-ptr
    auto buffer = std::auto_ptr<char>(new char[n]);
    // ok: cpp-auto-ptr
    std::unique_ptr<Connection> second = std::make_unique<Connection>(fd);
    // ok: cpp-auto-ptr
    std::shared_ptr<Connection> shared = std::make_shared<Connection>(fd);
    // ok: cpp-auto-ptr
    std::vector<std::unique_ptr<Connection>> pool;
    pool.push_back(std::move(second));
}
