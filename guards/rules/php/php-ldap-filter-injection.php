<?php
function authenticate($conn, string $username, string $password)
{
    $filter = "(&(objectClass=person)(uid=" . $_POST['username'] . "))";
    // ruleid: php-ldap-filter-injection
    $result = ldap_search($conn, 'ou=people,dc=example,dc=com', $filter);

    // ruleid: php-ldap-filter-injection
    $entries = ldap_list($conn, 'dc=example,dc=com', "(mail=$username)", ['cn', 'mail']);

    // ruleid: php-ldap-filter-injection
    $bound = ldap_bind($conn, "uid=$username,ou=people,dc=example,dc=com", $password);

    // ruleid: php-ldap-filter-injection
    $query = $ldap->query('dc=example,dc=com', sprintf('(sAMAccountName=%s)', $username));

    return [$result, $entries, $bound, $query];
}

function authenticateSafely($conn, string $username, string $password)
{
    // ok: php-ldap-filter-injection
    $result = ldap_search($conn, 'ou=people,dc=example,dc=com', '(uid=' . ldap_escape($username, '', LDAP_ESCAPE_FILTER) . ')');

    // ok: php-ldap-filter-injection
    $entries = ldap_search($conn, 'dc=example,dc=com', '(objectClass=group)');

    $dn = 'uid=' . ldap_escape($username, '', LDAP_ESCAPE_DN) . ',ou=people,dc=example,dc=com';
    // ok: php-ldap-filter-injection
    $bound = ldap_bind($conn, 'cn=service,dc=example,dc=com', getenv('LDAP_PASSWORD'));

    // ok: php-ldap-filter-injection
    $all = $ldap->query('dc=example,dc=com', '(objectClass=inetOrgPerson)');

    return [$result, $entries, $bound, $all, $dn];
}
