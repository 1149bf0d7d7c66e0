#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

void install(const char *path, const char *dir, int fd)
{
    // ruleid: c-world-writable-permissions
    umask(0);
    // ruleid: c-world-writable-permissions
    chmod(path, 0777);
    // ruleid: c-world-writable-permissions
    fchmod(fd, 0666);
    // ruleid: c-world-writable-permissions
    chmod(dir, S_IRWXU | S_IRWXG | S_IRWXO);
    // ruleid: c-world-writable-permissions
    int log = open("/var/log/app.log", O_CREAT | O_WRONLY | O_APPEND, S_IRUSR | S_IWUSR | S_IWOTH);
    // ok: c-world-writable-permissions
    umask(022);
    // ok: c-world-writable-permissions
    chmod(path, 0644);
    // ok: c-world-writable-permissions
    chmod(dir, 0755);
    // ok: c-world-writable-permissions
    int out = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0666);
    // ok: c-world-writable-permissions
    mkdir(dir, 0777);
    // ok: c-world-writable-permissions
    fchmod(fd, S_IRUSR | S_IWUSR);
    (void)log;
    (void)out;
}
