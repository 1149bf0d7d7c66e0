async function vulnerable(req, pool, connection, knex, prisma, db, sequelize) {
  // ruleid: sql-built-by-template-or-concat
  const a = await pool.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
  // ruleid: sql-built-by-template-or-concat
  connection.query("SELECT * FROM orders WHERE customer = '" + req.query.name + "'", (err, rows) => rows);
  const sql = "DELETE FROM sessions WHERE token = '" + req.cookies.token + "'";
  // ruleid: sql-built-by-template-or-concat
  await connection.execute(sql);
  // ruleid: sql-built-by-template-or-concat
  const b = await knex("users").whereRaw(`name = '${req.query.name}'`);
  // ruleid: sql-built-by-template-or-concat
  const c = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${req.body.email}'`);
  // ruleid: sql-built-by-template-or-concat
  const d = db.prepare(`SELECT * FROM notes WHERE owner = ${req.user.id}`).all();
  // ruleid: sql-built-by-template-or-concat
  const e = await sequelize.query("UPDATE users SET role = '" + req.body.role + "'");
  return [a, b, c, d, e];
}

async function safe(req, pool, knex, prisma, db, api) {
  // ok: sql-built-by-template-or-concat
  const a = await pool.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  // ok: sql-built-by-template-or-concat
  const b = await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${req.body.email}`;
  // ok: sql-built-by-template-or-concat
  const c = db.prepare("SELECT * FROM notes WHERE owner = ?").all(req.user.id);
  // ok: sql-built-by-template-or-concat
  const d = await knex.raw("select * from users where id = ?", [req.params.id]);
  const base = "SELECT id, name FROM products";
  // ok: sql-built-by-template-or-concat
  const e = await pool.query(base + " ORDER BY name");
  // ok: sql-built-by-template-or-concat
  const f = await api.get(`/users/${req.params.id}`);
  // ok: sql-built-by-template-or-concat
  const g = document.querySelector(`#row-${req.params.id}`);
  return [a, b, c, d, e, f, g];
}

module.exports = { vulnerable, safe };
