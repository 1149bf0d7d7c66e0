import sqlite3

import pandas as pd
from django.db.models.expressions import RawSQL
from sqlalchemy import text

from myapp.models import Person


def bad(cursor, conn, session, engine, username, user_id, order):
    # ruleid: sql-built-by-formatting
    cursor.execute(f"SELECT * FROM users WHERE name = '{username}'")
    # ruleid: sql-built-by-formatting
    cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)
    # ruleid: sql-built-by-formatting
    cursor.execute("DELETE FROM users WHERE id = {}".format(user_id))
    # ruleid: sql-built-by-formatting
    conn.execute("UPDATE users SET name = '" + username + "' WHERE id = 1")
    query = "SELECT * FROM orders ORDER BY " + order
    # ruleid: sql-built-by-formatting
    cursor.executemany(query, [])
    # ruleid: sql-built-by-formatting
    session.execute(text(f"SELECT * FROM users WHERE id = {user_id}"))
    # ruleid: sql-built-by-formatting
    people = Person.objects.raw("SELECT * FROM person WHERE last_name = '%s'" % username)
    # ruleid: sql-built-by-formatting
    qs = Person.objects.extra(where=[f"name = '{username}'"])
    # ruleid: sql-built-by-formatting
    qs = qs.annotate(val=RawSQL("SELECT col FROM t WHERE id = %s" % user_id, ()))
    # ruleid: sql-built-by-formatting
    frame = pd.read_sql(f"SELECT * FROM sales WHERE region = '{username}'", engine)
    # ruleid: sql-built-by-formatting
    sqlite3.connect("app.db").executescript("DROP TABLE " + username)
    return people, qs, frame


def good(cursor, conn, session, engine, username, user_id, sql, params):
    # ok: sql-built-by-formatting
    cursor.execute("SELECT * FROM users WHERE name = %s", (username,))
    # ok: sql-built-by-formatting
    cursor.execute("SELECT * FROM users WHERE id = ?", [user_id])
    # ok: sql-built-by-formatting
    session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user_id})
    # ok: sql-built-by-formatting
    cursor.execute(sql, params)
    base = "SELECT id FROM users"
    active_sql = base + " WHERE active = 1"
    # ok: sql-built-by-formatting
    cursor.execute(active_sql)
    # ok: sql-built-by-formatting
    people = Person.objects.raw("SELECT * FROM person WHERE last_name = %s", [username])
    # ok: sql-built-by-formatting
    frame = pd.read_sql("SELECT * FROM sales WHERE region = %(r)s", engine, params={"r": username})
    # ok: sql-built-by-formatting
    label = text(f"Hello {username}")
    # ok: sql-built-by-formatting
    logger_message = "user %s logged in" % username
    # ok: sql-built-by-formatting
    conn.execute("PRAGMA foreign_keys = ON")
    return people, frame, label, logger_message


def placeholders_for(conn, ids):
    placeholders = ",".join("?" for _ in ids)
    # ok: sql-built-by-formatting
    conn.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids)


def safe_identifier(cur, table, user_id):
    from psycopg2 import sql

    query = sql.SQL("SELECT * FROM {} WHERE id = %s").format(sql.Identifier(table))
    # ok: sql-built-by-formatting
    cur.execute(query, (user_id,))
    # ok: sql-built-by-formatting
    cur.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
