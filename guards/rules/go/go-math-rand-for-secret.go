package auth

import (
	crand "crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
	"math/rand"
	"strconv"
	"time"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

type User struct {
	Email      string
	ResetToken string
	OTP        string
}

// ruleid: go-math-rand-for-secret
func GenerateSessionToken(n int) string {
	rand.Seed(time.Now().UnixNano())
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.Intn(len(alphabet))]
	}
	return string(b)
}

func SendLoginCode(u *User) string {
	// ruleid: go-math-rand-for-secret
	otpCode := fmt.Sprintf("%06d", rand.Intn(1000000))
	u.OTP = otpCode
	return otpCode
}

func StartReset(u *User) {
	// ruleid: go-math-rand-for-secret
	u.ResetToken = strconv.FormatInt(rand.Int63(), 36)
}

func NewAccount(email string) User {
	return User{
		Email: email,
		// ruleid: go-math-rand-for-secret
		ResetToken: strconv.Itoa(rand.Int()),
	}
}

// ruleid: go-math-rand-for-secret
func NewAPIKey() string {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	return fmt.Sprintf("%x%x", r.Uint64(), r.Uint64())
}

// ok: go-math-rand-for-secret
func GenerateSecureToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := crand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func SecureOTP() (string, error) {
	// ok: go-math-rand-for-secret
	n, err := crand.Int(crand.Reader, big.NewInt(1000000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func Backoff(attempt int) time.Duration {
	// ok: go-math-rand-for-secret
	jitter := time.Duration(rand.Intn(250)) * time.Millisecond
	return time.Duration(attempt)*time.Second + jitter
}

func PickServer(servers []string) string {
	// ok: go-math-rand-for-secret
	tokenCount := rand.Intn(len(servers))
	return servers[tokenCount]
}

// ok: go-math-rand-for-secret
func ValidateToken(token string, expected string) bool {
	time.Sleep(time.Duration(rand.Intn(10)) * time.Millisecond)
	return token == expected
}
