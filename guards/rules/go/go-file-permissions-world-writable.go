package storage

import (
	"io/ioutil"
	"os"
	"path/filepath"
)

func SaveConfig(path string, data []byte) error {
	// ruleid: go-file-permissions-world-writable
	return os.WriteFile(path, data, 0777)
}

func SaveKey(dir string, key []byte) error {
	// ruleid: go-file-permissions-world-writable
	return ioutil.WriteFile(filepath.Join(dir, "id_rsa"), key, 0666)
}

func OpenLog(path string) (*os.File, error) {
	// ruleid: go-file-permissions-world-writable
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o666)
}

func ShareUploads(dir string) error {
	// ruleid: go-file-permissions-world-writable
	if err := os.MkdirAll(dir, 0777); err != nil {
		return err
	}
	// ruleid: go-file-permissions-world-writable
	return os.Chmod(dir, os.ModePerm)
}

func MakeScriptExecutable(f *os.File) error {
	// ruleid: go-file-permissions-world-writable
	return f.Chmod(0777)
}

func SaveConfigSafe(path string, data []byte) error {
	// ok: go-file-permissions-world-writable
	return os.WriteFile(path, data, 0o600)
}

func OpenLogSafe(path string) (*os.File, error) {
	// ok: go-file-permissions-world-writable
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0644)
}

func EnsureDir(dir string) error {
	// ok: go-file-permissions-world-writable
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// ok: go-file-permissions-world-writable
	return os.MkdirAll(filepath.Join(dir, "cache"), os.ModePerm)
}

func MakeExecutable(path string) error {
	// ok: go-file-permissions-world-writable
	return os.Chmod(path, 0755)
}
