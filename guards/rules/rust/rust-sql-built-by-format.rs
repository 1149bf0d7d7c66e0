use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::Text;
use rusqlite::{params, Connection};
use sqlx::postgres::{PgPool, PgRow};

#[derive(sqlx::FromRow, QueryableByName)]
pub struct User {
    #[diesel(sql_type = Text)]
    pub email: String,
}

pub async fn find_user(pool: &PgPool, name: &str) -> sqlx::Result<Vec<PgRow>> {
    // ruleid: rust-sql-built-by-format
    sqlx::query(&format!("SELECT id, email FROM users WHERE name = '{}'", name))
        .fetch_all(pool)
        .await
}

pub async fn by_role(pool: &PgPool, role: String) -> sqlx::Result<Vec<User>> {
    let sql = format!("SELECT email FROM users WHERE role = '{}'", role);
    // ruleid: rust-sql-built-by-format
    sqlx::query_as::<_, User>(&sql).fetch_all(pool).await
}

pub fn delete(conn: &Connection, id: &str) -> rusqlite::Result<usize> {
    // ruleid: rust-sql-built-by-format
    conn.execute(format!("DELETE FROM sessions WHERE id = {}", id).as_str(), [])
}

pub fn search(conn: &mut PgConnection, term: &str) -> QueryResult<Vec<User>> {
    // ruleid: rust-sql-built-by-format
    let q = format!("SELECT email FROM users WHERE email LIKE '%{term}%'");
    sql_query(q).load(conn)
}

pub fn sort(client: &mut postgres::Client, column: &str) -> Result<Vec<postgres::Row>, postgres::Error> {
    let sql = format!("SELECT id FROM products ORDER BY {} DESC", column);
    // ruleid: rust-sql-built-by-format
    client.query(sql.as_str(), &[])
}

pub async fn find_user_safe(pool: &PgPool, name: &str) -> sqlx::Result<Vec<PgRow>> {
    // ok: rust-sql-built-by-format
    sqlx::query("SELECT id, email FROM users WHERE name = $1")
        .bind(name)
        .fetch_all(pool)
        .await
}

pub fn delete_safe(conn: &Connection, id: &str) -> rusqlite::Result<usize> {
    // ok: rust-sql-built-by-format
    conn.execute("DELETE FROM sessions WHERE id = ?1", params![id])
}

pub fn search_safe(conn: &mut PgConnection, term: &str) -> QueryResult<Vec<User>> {
    let pattern = format!("%{}%", term);
    // ok: rust-sql-built-by-format
    sql_query("SELECT email FROM users WHERE email LIKE $1").bind::<Text, _>(pattern).load(conn)
}

pub fn greeting(name: &str) -> String {
    // ok: rust-sql-built-by-format
    let msg = format!("Selected user {name}");
    msg
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    // ok: rust-sql-built-by-format
    conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
}
