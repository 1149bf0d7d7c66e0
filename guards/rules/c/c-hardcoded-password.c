#include <stdlib.h>
#include <string.h>

struct client { const char *client_id; const char *client_secret; };

int connect_db(struct client *c)
{
    // ruleid: c-hardcoded-password
    const char *db_password = "Tr0ub4dor&3";
    // ruleid: c-hardcoded-password
    char api_key[] = "sk_live_51H8aZ2";
    // ruleid: c-hardcoded-password
    c->client_secret = "9f8e7d6c5b4a";
    // ok: c-hardcoded-password
    const char *password = getenv("DB_PASSWORD");
    // ok: c-hardcoded-password
    const char *password_prompt = "Enter password: ";
    // ok: c-hardcoded-password
    char *secret = "";
    // ok: c-hardcoded-password
    const char *pwd = "<password>";
    // ok: c-hardcoded-password
    c->client_id = "shop-frontend";
    return login(db_password, api_key, password, password_prompt, secret, pwd);
}

// ruleid: c-hardcoded-password
#define DB_PASSWORD "s3cr3t-pw"
// ok: c-hardcoded-password
#define PASSWORD_MAX 64
// ok: c-hardcoded-password
#define ADMIN_PASSWORD "changeme"
