package com.example.repo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

public class UserDao {
    private static final String TABLE = "users";
    private final JdbcTemplate jdbcTemplate;
    private final EntityManager em;

    public UserDao(JdbcTemplate jdbcTemplate, EntityManager em) {
        this.jdbcTemplate = jdbcTemplate;
        this.em = em;
    }

    public ResultSet byName(Connection conn, String name) throws SQLException {
        Statement stmt = conn.createStatement();
        // ruleid: java-sql-built-by-concatenation
        return stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    public int deactivate(Connection conn, String id) throws SQLException {
        String sql = String.format("UPDATE users SET active = 0 WHERE id = %s", id);
        // ruleid: java-sql-built-by-concatenation
        PreparedStatement ps = conn.prepareStatement(sql);
        return ps.executeUpdate();
    }

    public void purge(Statement st, String table) throws SQLException {
        // ruleid: java-sql-built-by-concatenation
        st.execute("DELETE FROM " + table);
    }

    public List<String> emails(String domain) {
        // ruleid: java-sql-built-by-concatenation
        return jdbcTemplate.queryForList("SELECT email FROM users WHERE email LIKE '%" + domain + "'", String.class);
    }

    public List<?> search(String term) {
        // ruleid: java-sql-built-by-concatenation
        return em.createQuery("SELECT u FROM User u WHERE u.name = '%s'".formatted(term)).getResultList();
    }

    public List<?> sorted(String column) {
        // ruleid: java-sql-built-by-concatenation
        return em.createNativeQuery("SELECT * FROM orders ORDER BY " + column).getResultList();
    }

    public ResultSet safeByName(Connection conn, String name) throws SQLException {
        // ok: java-sql-built-by-concatenation
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        ps.setString(1, name);
        // ok: java-sql-built-by-concatenation
        return ps.executeQuery();
    }

    public List<String> safeEmails(String domain) {
        // ok: java-sql-built-by-concatenation
        return jdbcTemplate.queryForList("SELECT email FROM users WHERE email LIKE ?", String.class, "%" + domain);
    }

    public List<?> safeSearch(String term) {
        // ok: java-sql-built-by-concatenation
        return em.createQuery("SELECT u FROM User u WHERE u.name = :name").setParameter("name", term).getResultList();
    }

    public int count(Statement st) throws SQLException {
        // ok: java-sql-built-by-concatenation
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TABLE);
        rs.next();
        return rs.getInt(1);
    }

    public void schedule(java.util.concurrent.Executor executor, String name) {
        // ok: java-sql-built-by-concatenation
        executor.execute(() -> System.out.println("hello " + name));
    }

    public void log(org.slf4j.Logger logger, String name) {
        // ok: java-sql-built-by-concatenation
        logger.info("SELECT issued for " + name);
    }
}
