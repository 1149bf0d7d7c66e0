#include <string.h>

void add_field(const char *f);

void parse_csv(char *line)
{
    // ruleid: c-strtok-not-reentrant
    char *tok = strtok(line, ",");
    while (tok != NULL) {
        add_field(tok);
        // ruleid: c-strtok-not-reentrant
        tok = strtok(NULL, ",");
    }
}

void parse_csv_r(char *line)
{
    char *save = NULL;
    // ok: c-strtok-not-reentrant
    for (char *tok = strtok_r(line, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
        add_field(tok);
    char *rest = line;
    char *field;
    // ok: c-strtok-not-reentrant
    while ((field = strsep(&rest, ";")) != NULL)
        add_field(field);
    // ruleid: c-strtok-not-reentrant
    for (char *w = strtok(rest, " "); w; w = strtok(NULL, " "))
        add_field(w);
}
