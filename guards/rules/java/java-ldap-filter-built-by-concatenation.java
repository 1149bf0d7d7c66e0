package com.example.directory;

import java.util.List;
import java.util.stream.Collectors;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;

public class DirectoryService {
    private static final String BASE = "ou=people,dc=example,dc=com";
    private final DirContext ctx;
    private final LdapTemplate ldapTemplate;

    public DirectoryService(DirContext ctx, LdapTemplate ldapTemplate) {
        this.ctx = ctx;
        this.ldapTemplate = ldapTemplate;
    }

    public boolean exists(String uid) throws NamingException {
        String filter = "(&(objectClass=person)(uid=" + uid + "))";
        // ruleid: java-ldap-filter-built-by-concatenation
        NamingEnumeration<SearchResult> results = ctx.search(BASE, filter, new SearchControls());
        return results.hasMore();
    }

    public List<Object> byMail(String mail) {
        // ruleid: java-ldap-filter-built-by-concatenation
        return ldapTemplate.search(BASE, String.format("(mail=%s)", mail), (org.springframework.ldap.core.AttributesMapper<Object>) a -> a);
    }

    public Object query(String name) {
        // ruleid: java-ldap-filter-built-by-concatenation
        return LdapQueryBuilder.query().base(BASE).filter("(cn=" + name + ")");
    }

    public boolean existsSafe(String uid) throws NamingException {
        // ok: java-ldap-filter-built-by-concatenation
        NamingEnumeration<SearchResult> results = ctx.search(BASE, "(&(objectClass=person)(uid={0}))", new Object[] {uid}, new SearchControls());
        return results.hasMore();
    }

    public Object querySafe(String name) {
        // ok: java-ldap-filter-built-by-concatenation
        return LdapQueryBuilder.query().base(BASE).where("cn").is(name);
    }

    public List<String> active(List<String> names, String prefix) {
        // ok: java-ldap-filter-built-by-concatenation
        return names.stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toList());
    }

    public NamingEnumeration<SearchResult> everyone() throws NamingException {
        // ok: java-ldap-filter-built-by-concatenation
        return ctx.search(BASE, "(objectClass=person)", new SearchControls());
    }
}
