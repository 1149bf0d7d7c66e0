package digest

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

func FileChecksum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	// ruleid: go-weak-hash
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func ETag(body []byte) string {
	// ruleid: go-weak-hash
	sum := sha1.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func CacheKey(parts ...string) string {
	// ruleid: go-weak-hash
	h := sha1.New()
	for _, p := range parts {
		io.WriteString(h, p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func QuickID(s string) string {
	// ruleid: go-weak-hash
	return hex.EncodeToString(md5.New().Sum([]byte(s)))
}

func StrongChecksum(data []byte) string {
	// ok: go-weak-hash
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func TOTPMac(key, counter []byte) []byte {
	// ok: go-weak-hash
	mac := hmac.New(sha1.New, key)
	mac.Write(counter)
	// ok: go-weak-hash
	return mac.Sum(nil)
}

func Stream(r io.Reader) ([]byte, error) {
	// ok: go-weak-hash
	h := sha256.New()
	_, err := io.Copy(h, r)
	return h.Sum(nil), err
}
