package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"gorm.io/gorm"
)

type User struct {
	ID    int
	Name  string
	Email string
}

func FindByName(db *sql.DB, name string) (*User, error) {
	u := &User{}
	// ruleid: go-sql-built-by-formatting
	row := db.QueryRow(fmt.Sprintf("SELECT id, name, email FROM users WHERE name = '%s'", name))
	if err := row.Scan(&u.ID, &u.Name, &u.Email); err != nil {
		return nil, err
	}
	return u, nil
}

func DeleteUser(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	id := r.URL.Query().Get("id")
	query := "DELETE FROM users WHERE id = " + id
	// ruleid: go-sql-built-by-formatting
	if _, err := db.Exec(query); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func Search(ctx context.Context, db *sql.DB, term string, sortBy string) (*sql.Rows, error) {
	q := "SELECT id, name FROM products WHERE 1=1"
	q += " AND name LIKE '%" + term + "%'"
	// ruleid: go-sql-built-by-formatting
	return db.QueryContext(ctx, q+" ORDER BY "+sortBy)
}

func ListByRole(db *sqlx.DB, role string) ([]User, error) {
	var users []User
	// ruleid: go-sql-built-by-formatting
	err := db.Select(&users, fmt.Sprintf("SELECT * FROM users WHERE role = '%s'", role))
	return users, err
}

func GormLookup(db *gorm.DB, email string) (User, error) {
	var u User
	// ruleid: go-sql-built-by-formatting
	err := db.Where(fmt.Sprintf("email = '%s'", email)).First(&u).Error
	return u, err
}

func GormRaw(db *gorm.DB, table string) []User {
	var out []User
	// ruleid: go-sql-built-by-formatting
	db.Raw("SELECT * FROM " + table + " WHERE deleted_at IS NULL").Scan(&out)
	return out
}

func ByIDs(db *sql.DB, ids []string) (*sql.Rows, error) {
	// ruleid: go-sql-built-by-formatting
	return db.Query("SELECT * FROM users WHERE id IN (" + strings.Join(ids, ",") + ")")
}

func SafeFind(ctx context.Context, db *sql.DB, name string) (*sql.Rows, error) {
	// ok: go-sql-built-by-formatting
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users WHERE name = $1", name)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func SafeUpdate(db *sql.DB, id int, email string) error {
	// ok: go-sql-built-by-formatting
	_, err := db.Exec("UPDATE users SET email = ? WHERE id = ?", email, id)
	return err
}

func SafeConst(db *sql.DB) (*sql.Rows, error) {
	base := "SELECT id, name FROM users"
	active := base + " WHERE active = true"
	// ok: go-sql-built-by-formatting
	return db.Query(active)
}

func SafeGorm(db *gorm.DB, email string) (User, error) {
	var u User
	// ok: go-sql-built-by-formatting
	err := db.Where("email = ?", email).First(&u).Error
	return u, err
}

func SafeSelect(db *sqlx.DB, role string) ([]User, error) {
	var users []User
	// ok: go-sql-built-by-formatting
	err := db.Select(&users, "SELECT * FROM users WHERE role = $1", role)
	return users, err
}

func CreateSchema(db *sql.DB, schema string) error {
	// ok: go-sql-built-by-formatting
	_, err := db.Exec(fmt.Sprintf("CREATE SCHEMA IF NOT EXISTS %s", pq.QuoteIdentifier(schema)))
	return err
}

func LogQuery(name string) string {
	// ok: go-sql-built-by-formatting
	msg := fmt.Sprintf("looking up user %s", name)
	return msg
}

func ReadParam(r *http.Request) string {
	// ok: go-sql-built-by-formatting
	return r.URL.Query().Get(fmt.Sprintf("field_%d", 1))
}
