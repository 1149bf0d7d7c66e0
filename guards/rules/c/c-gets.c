#include <stdio.h>
#include <string.h>

int main(void)
{
    char name[32];
    char line[128];

    printf("Enter your name: ");
    // ruleid: c-gets
    gets(name);
    // ruleid: c-gets
    if (gets(line) == NULL)
        return 1;
    // ok: c-gets
    if (fgets(line, sizeof line, stdin) != NULL)
        line[strcspn(line, "\n")] = '\0';
    // ok: c-gets
    fgets(name, sizeof(name), stdin);
    // ok: c-gets
    int c = getchar();
    printf("Hello %s (%d)\n", name, c);
    return 0;
}

void read_wide(wchar_t *buf)
{
    // ruleid: c-gets
    _getws(buf);
}
