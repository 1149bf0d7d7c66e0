#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

FILE *open_scratch(void)
{
    char name[L_tmpnam];
    // ruleid: c-tmpnam-race
    if (tmpnam(name) == NULL)
        return NULL;
    return fopen(name, "w+");
}

char *scratch_path(void)
{
    // ruleid: c-tmpnam-race
    char *p = tempnam("/tmp", "app");
    char tmpl[] = "/tmp/report-XXXXXX";
    // ruleid: c-tmpnam-race
    mktemp(tmpl);
    return p;
}

int safe_scratch(void)
{
    char tmpl[] = "/tmp/report-XXXXXX";
    // ok: c-tmpnam-race
    int fd = mkstemp(tmpl);
    // ok: c-tmpnam-race
    FILE *fp = tmpfile();
    char dir[] = "/tmp/work-XXXXXX";
    // ok: c-tmpnam-race
    char *d = mkdtemp(dir);
    if (fp != NULL)
        fclose(fp);
    return d != NULL ? fd : -1;
}
