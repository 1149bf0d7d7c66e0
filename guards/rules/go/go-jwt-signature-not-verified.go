package auth

import (
	"errors"
	"net/http"
	"os"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

var hmacKey = []byte(os.Getenv("JWT_SECRET"))

func UserFromHeader(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	// ruleid: go-jwt-signature-not-verified
	token, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
	if err != nil {
		return "", err
	}
	return token.Claims.GetSubject()
}

func Claims(raw string) jwt.MapClaims {
	// ruleid: go-jwt-signature-not-verified
	token, _ := jwt.Parse(raw, nil)
	return token.Claims.(jwt.MapClaims)
}

func LooseParse(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		// ruleid: go-jwt-signature-not-verified
		return nil, nil
	})
}

func AllowNone(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		// ruleid: go-jwt-signature-not-verified
		return jwt.UnsafeAllowNoneSignatureType, nil
	})
}

func Verify(raw string) (string, error) {
	token, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
			// ok: go-jwt-signature-not-verified
			return nil, errors.New("unexpected signing method")
		}
		// ok: go-jwt-signature-not-verified
		return hmacKey, nil
	}, jwt.WithValidMethods([]string{"HS256"}))
	if err != nil || !token.Valid {
		return "", errors.New("invalid token")
	}
	return token.Claims.GetSubject()
}

func Issue(sub string) (string, error) {
	// ok: go-jwt-signature-not-verified
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": sub})
	return token.SignedString(hmacKey)
}
