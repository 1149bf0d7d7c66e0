using System.Collections.Generic;
using System.Data.SqlClient;
using System.Linq;
using Dapper;
using Microsoft.EntityFrameworkCore;

namespace Shop.Data
{
    public class OrderRepository
    {
        private readonly SqlConnection _connection;
        private readonly ShopContext _db;

        public OrderRepository(SqlConnection connection, ShopContext db)
        {
            _connection = connection;
            _db = db;
        }

        public SqlDataReader ByCustomer(string customer)
        {
            // ruleid: csharp-sql-built-by-formatting
            var cmd = new SqlCommand($"SELECT * FROM Orders WHERE Customer = '{customer}'", _connection);
            return cmd.ExecuteReader();
        }

        public int Cancel(string id)
        {
            var cmd = _connection.CreateCommand();
            // ruleid: csharp-sql-built-by-formatting
            cmd.CommandText = "UPDATE Orders SET Status = 'Cancelled' WHERE Id = " + id;
            return cmd.ExecuteNonQuery();
        }

        public List<Order> Search(string term)
        {
            // ruleid: csharp-sql-built-by-formatting
            return _db.Orders.FromSqlRaw($"SELECT * FROM Orders WHERE Notes LIKE '%{term}%'").ToList();
        }

        public int Purge(string table)
        {
            var sql = string.Format("DELETE FROM {0} WHERE Archived = 1", table);
            // ruleid: csharp-sql-built-by-formatting
            return _db.Database.ExecuteSqlRaw(sql);
        }

        public IEnumerable<Order> Dapper(string status)
        {
            // ruleid: csharp-sql-built-by-formatting
            return _connection.Query<Order>("SELECT * FROM Orders WHERE Status = '" + status + "'");
        }

        public SqlDataReader ByCustomerSafe(string customer)
        {
            // ok: csharp-sql-built-by-formatting
            var cmd = new SqlCommand("SELECT * FROM Orders WHERE Customer = @customer", _connection);
            cmd.Parameters.AddWithValue("@customer", customer);
            return cmd.ExecuteReader();
        }

        public List<Order> SearchSafe(string term)
        {
            // ok: csharp-sql-built-by-formatting
            return _db.Orders.FromSql($"SELECT * FROM Orders WHERE Notes LIKE {term}").ToList();
        }

        public IEnumerable<Order> DapperSafe(string status)
        {
            // ok: csharp-sql-built-by-formatting
            return _connection.Query<Order>("SELECT * FROM Orders WHERE Status = @Status", new { Status = status });
        }

        public int CountAll()
        {
            var cmd = _connection.CreateCommand();
            // ok: csharp-sql-built-by-formatting
            cmd.CommandText = "SELECT COUNT(*) FROM " + "Orders";
            return (int)cmd.ExecuteScalar();
        }

        public int Purge(int groupId)
        {
            // ruleid: csharp-sql-built-by-formatting
            return _dbcon.ExecuteNonQuery(string.Format("DELETE FROM items WHERE groupid={0}", groupId));
        }

        public int PurgeAll()
        {
            // ok: csharp-sql-built-by-formatting
            return _dbcon.ExecuteNonQuery("DELETE FROM items WHERE expired = 1");
        }

        public string Describe(string customer)
        {
            // ok: csharp-sql-built-by-formatting
            var message = $"Orders for {customer}";
            return message;
        }
    }

    public class Order
    {
        public string Id { get; set; }
    }
}

// An edit snippet cut off inside the statement (as a model returns it) leaves it unparsed:
            // ruleid: csharp-sql-built-by-formatting
            cmd.CommandText =
                "SELECT * FROM " + tableName
                + " WHERE Owner = '" + owner + "'"
