using System.Data.SqlClient;
using System.Text;

namespace Data
{
    public class Repository
    {
        private const string CountSql = "SELECT COUNT(*) FROM Users";
        private readonly SqlConnection _connection;

        public int Run(string cmdText)
        {
            // ruleid: csharp-sql-command-from-variable
            using (var command = new SqlCommand(cmdText, _connection))
            {
                return command.ExecuteNonQuery();
            }
        }

        public SqlDataReader Search(StringBuilder builder)
        {
            var command = _connection.CreateCommand();
            // ruleid: csharp-sql-command-from-variable
            command.CommandText = builder.ToString();
            return command.ExecuteReader();
        }

        public object Scalar(Query query)
        {
            var command = _connection.CreateCommand();
            // ruleid: csharp-sql-command-from-variable
            command.CommandText = query.Text;
            return command.ExecuteScalar();
        }

        public int Count()
        {
            // ok: csharp-sql-command-from-variable
            using (var command = new SqlCommand(CountSql, _connection))
            {
                return (int)command.ExecuteScalar();
            }
        }

        public int Deactivate(int id)
        {
            // ok: csharp-sql-command-from-variable
            using (var command = new SqlCommand("UPDATE Users SET Active = 0 WHERE Id = @id", _connection))
            {
                command.Parameters.AddWithValue("@id", id);
                return command.ExecuteNonQuery();
            }
        }

        public IList<User> Native(ISession session, string queryString)
        {
            // ruleid: csharp-sql-command-from-variable
            return session.CreateSQLQuery(queryString).AddEntity(typeof(User)).List<User>();
        }

        public int Purge(ShopContext db)
        {
            // ok: csharp-sql-command-from-variable
            return db.Database.ExecuteSqlRaw(CountSql);
        }

        public void Compact(ShopContext db)
        {
            // ok: csharp-sql-command-from-variable
            db.Database.ExecuteSqlCommand(TransactionalBehavior.DoNotEnsureTransaction, "VACUUM;");
        }

        public int Local()
        {
            var sql = "DELETE FROM Sessions WHERE Expires < GETUTCDATE()";
            var command = _connection.CreateCommand();
            // ok: csharp-sql-command-from-variable
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }
    }

    public class Query
    {
        public string Text { get; set; }
    }
}
