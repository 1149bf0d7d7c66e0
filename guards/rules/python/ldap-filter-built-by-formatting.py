import re

import ldap
from ldap.filter import escape_filter_chars, filter_format
from ldap3 import SUBTREE, Connection, Server

BASE_DN = "ou=people,dc=example,dc=com"


def authenticate(username, password):
    conn = ldap.initialize("ldaps://ldap.example.com")
    # ruleid: ldap-filter-built-by-formatting
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(&(uid={username})(objectClass=person))")
    return result


def find_by_mail(l, mail):
    search_filter = "(mail=" + mail + ")"
    # ruleid: ldap-filter-built-by-formatting
    return l.search_s(BASE_DN, ldap.SCOPE_SUBTREE, search_filter, ["cn"])


def ldap3_lookup(username):
    server = Server("ldap.example.com")
    conn = Connection(server, auto_bind=True)
    # ruleid: ldap-filter-built-by-formatting
    conn.search(BASE_DN, "(sAMAccountName=%s)" % username, SUBTREE, attributes=["memberOf"])
    return conn.entries


def group_members(conn, group):
    # ruleid: ldap-filter-built-by-formatting
    conn.search(search_base=BASE_DN, search_filter="(memberOf=cn={},ou=groups)".format(group))
    return conn.entries


def safe_lookup(conn, username):
    # ok: ldap-filter-built-by-formatting
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(username)})")


def safe_format(l, mail):
    # ok: ldap-filter-built-by-formatting
    return l.search_s(BASE_DN, ldap.SCOPE_SUBTREE, filter_format("(mail=%s)", [mail]))


def constant_filter(conn):
    # ok: ldap-filter-built-by-formatting
    conn.search(BASE_DN, "(objectClass=person)", SUBTREE)
    return conn.entries


def not_ldap(text, word):
    # ok: ldap-filter-built-by-formatting
    return re.search(rf"\b{word}\b", text + " " + word)
