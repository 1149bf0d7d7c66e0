#include <cstring>
#include <string>

struct Record {
    char name[32];
};

void connect_to(const char* host);

void set_host(const std::string& host)
{
    char name[64];
    // ruleid: cpp-strcpy-from-std-string
    strcpy(name, host.c_str());
    connect_to(name);
}

void fill(Record& rec, const std::string& first, const std::string& last)
{
    // ruleid: cpp-strcpy-from-std-string
    std::strcpy(rec.name, first.c_str());
    // ruleid: cpp-strcpy-from-std-string
    std::strcat(rec.name, last.data());
}

char* to_c_string(const std::string& s)
{
    char* out = new char[s.size() + 1];
    // ok: cpp-strcpy-from-std-string
    std::strcpy(out, s.c_str());
    return out;
}

void checked(const std::string& host)
{
    char name[64];
    if (host.length() >= sizeof name)
        return;
    // ok: cpp-strcpy-from-std-string
    strcpy(name, host.c_str());
    // ok: cpp-strcpy-from-std-string
    std::snprintf(name, sizeof name, "%s", host.c_str());
    connect_to(name);
}
