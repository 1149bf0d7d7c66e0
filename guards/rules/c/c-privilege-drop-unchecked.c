#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void serve_requests(void);

void drop_to(const struct passwd *pw)
{
    // ruleid: c-privilege-drop-unchecked
    setgid(pw->pw_gid);
    // ruleid: c-privilege-drop-unchecked
    setuid(pw->pw_uid);
    // ruleid: c-privilege-drop-unchecked
    (void)initgroups(pw->pw_name, pw->pw_gid);
    serve_requests();
}

void drop_checked(const struct passwd *pw)
{
    // ok: c-privilege-drop-unchecked
    if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
        perror("dropping privileges");
        exit(EXIT_FAILURE);
    }
    // ok: c-privilege-drop-unchecked
    int rc = seteuid(pw->pw_uid);
    if (rc == -1)
        abort();
    // ok: c-privilege-drop-unchecked
    uid_t uid = getuid();
    (void)uid;
    serve_requests();
}
