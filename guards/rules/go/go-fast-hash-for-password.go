package users

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"

	"golang.org/x/crypto/bcrypt"
)

type User struct {
	Name     string
	Password string
	Salt     string
}

func HashPassword(password string) string {
	// ruleid: go-fast-hash-for-password
	sum := sha256.Sum256([]byte(password))
	return hex.EncodeToString(sum[:])
}

func LegacyHash(u *User) string {
	// ruleid: go-fast-hash-for-password
	sum := md5.Sum([]byte(u.Salt + u.Password))
	return hex.EncodeToString(sum[:])
}

func SaltedHash(pwd, salt string) string {
	h := sha512.New()
	h.Write([]byte(salt))
	// ruleid: go-fast-hash-for-password
	h.Write([]byte(pwd))
	return hex.EncodeToString(h.Sum(nil))
}

func GoodHash(password string) (string, error) {
	// ok: go-fast-hash-for-password
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(hash), err
}

func Fingerprint(data []byte) string {
	// ok: go-fast-hash-for-password
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func HashSalt(u *User) string {
	h := sha256.New()
	// ok: go-fast-hash-for-password
	h.Write([]byte(u.Salt))
	return hex.EncodeToString(h.Sum(nil))
}
