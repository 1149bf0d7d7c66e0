#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char name[32];
    char email[64];
    int age;
} Student;

struct node {
    char *label;
    char key[16];
    struct node *next;
};

void fill_student(Student *s, const char *name, const char *email, int age)
{
    // ruleid: c-strcpy-into-struct-field
    strcpy(s->name, name);
    // ruleid: c-strcpy-into-struct-field
    sprintf(s->email, "%s@school.example", email);
    s->age = age;
}

void load_names(char names[][32], char **lines, int count)
{
    for (int i = 0; i < count; i++)
        // ruleid: c-strcpy-into-struct-field
        strcpy(names[i], lines[i]);
}

void set_key(struct node *n, const char *key)
{
    Student local;
    // ruleid: c-strcpy-into-struct-field
    strcat(local.name, key);
    // ok: c-strcpy-into-struct-field
    strcpy(n->key, "none");
    // ok: c-strcpy-into-struct-field
    snprintf(n->key, sizeof n->key, "%s", key);
    // ok: c-strcpy-into-struct-field
    sprintf(n->key, "%d", local.age);
}

struct node *make_node(const char *label)
{
    struct node *n = malloc(sizeof *n);
    if (n == NULL)
        return NULL;
    n->label = malloc(strlen(label) + 1);
    // ok: c-strcpy-into-struct-field
    strcpy(n->label, label);
    n->next = NULL;
    return n;
}
