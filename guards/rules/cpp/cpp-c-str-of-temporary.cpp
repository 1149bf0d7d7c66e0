#include <filesystem>
#include <sstream>
#include <string>

void send_query(const char* q);

void build(const std::string& name, int id, const std::filesystem::path& p)
{
    std::ostringstream oss;
    oss << "user=" << name;
    // ruleid: cpp-c-str-of-temporary
    const char* query = oss.str().c_str();
    // ruleid: cpp-c-str-of-temporary
    const char* label = (name + ":" + std::to_string(id)).c_str();
    // ruleid: cpp-c-str-of-temporary
    auto idtext = std::to_string(id).c_str();
    // ruleid: cpp-c-str-of-temporary
    const char* file = p.filename().string().c_str();
    send_query(query);
    send_query(label);
    send_query(idtext);
    send_query(file);
}

void build_ok(const std::string& name, int id)
{
    std::ostringstream oss;
    oss << "user=" << name;
    const std::string query = oss.str();
    // ok: cpp-c-str-of-temporary
    const char* q = query.c_str();
    // ok: cpp-c-str-of-temporary
    send_query(oss.str().c_str());
    // ok: cpp-c-str-of-temporary
    std::string copy = name.substr(1).c_str();
    // ok: cpp-c-str-of-temporary
    const char* raw = name.c_str();
    send_query(q);
    send_query(copy.c_str());
    send_query(raw);
    send_query(std::to_string(id).c_str());
}
