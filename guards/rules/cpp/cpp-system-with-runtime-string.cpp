#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

void compress(const std::string& file)
{
    std::string cmd = "gzip -9 " + file;
    // ruleid: cpp-system-with-runtime-string
    std::system(cmd.c_str());
}

void ping(const std::string& host)
{
    std::ostringstream oss;
    oss << "ping -c 1 " << host;
    // ruleid: cpp-system-with-runtime-string
    system(oss.str().c_str());
    std::string listing = "ls -l ";
    listing += host;
    // ruleid: cpp-system-with-runtime-string
    FILE* pipe = popen(listing.c_str(), "r");
    if (pipe != nullptr)
        pclose(pipe);
}

void run(const char* user_cmd)
{
    // ruleid: cpp-system-with-runtime-string
    std::system(user_cmd);
}

void safe()
{
    const std::string clear = "clear";
    // ok: cpp-system-with-runtime-string
    std::system(clear.c_str());
    // ok: cpp-system-with-runtime-string
    std::system("uptime");
    std::string args = "status";
    // ok: cpp-system-with-runtime-string
    std::printf("%s\n", args.c_str());
}
