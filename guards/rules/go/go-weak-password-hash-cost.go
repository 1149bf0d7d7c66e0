package users

import (
	"crypto/sha256"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/pbkdf2"
)

func HashFast(pw string) ([]byte, error) {
	// ruleid: go-weak-password-hash-cost
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
}

func HashFour(pw string) ([]byte, error) {
	// ruleid: go-weak-password-hash-cost
	return bcrypt.GenerateFromPassword([]byte(pw), 4)
}

func DeriveKey(pw, salt []byte) []byte {
	// ruleid: go-weak-password-hash-cost
	return pbkdf2.Key(pw, salt, 1000, 32, sha256.New)
}

func Hash(pw string) ([]byte, error) {
	// ok: go-weak-password-hash-cost
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
}

func HashStrong(pw string) ([]byte, error) {
	// ok: go-weak-password-hash-cost
	return bcrypt.GenerateFromPassword([]byte(pw), 12)
}

func DeriveKeyStrong(pw, salt []byte) []byte {
	// ok: go-weak-password-hash-cost
	return pbkdf2.Key(pw, salt, 600000, 32, sha256.New)
}

func Check(hash []byte, pw string) bool {
	// ok: go-weak-password-hash-cost
	return bcrypt.CompareHashAndPassword(hash, []byte(pw)) == nil
}
