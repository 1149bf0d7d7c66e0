#include <stdio.h>

struct employee {
    char name[50];
    int id;
};

int main(void)
{
    char user[16];
    char city[32], country[32];
    struct employee emp;
    int age;

    // ruleid: c-scanf-string-without-width
    scanf("%s", user);
    // ruleid: c-scanf-string-without-width
    scanf("%d %s", &emp.id, emp.name);
    // ruleid: c-scanf-string-without-width
    sscanf("Paris France", "%s %s", city, country);
    // ruleid: c-scanf-string-without-width
    fscanf(stdin, "%[^\n]", city);
    // ok: c-scanf-string-without-width
    scanf("%15s", user);
    // ok: c-scanf-string-without-width
    scanf("%d", &age);
    // ok: c-scanf-string-without-width
    sscanf("Paris France", "%31s %31s", city, country);
    // ok: c-scanf-string-without-width
    scanf("%*s %d", &age);
    // ok: c-scanf-string-without-width
    printf("%s %s %s\n", user, city, country);
    return 0;
}
