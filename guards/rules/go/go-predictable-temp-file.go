package jobs

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

func ExportCSV(rows [][]string) (string, error) {
	// ruleid: go-predictable-temp-file
	path := filepath.Join(os.TempDir(), "export.csv")
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return path, csv.NewWriter(f).WriteAll(rows)
}

func WritePID() error {
	pid := []byte(fmt.Sprint(os.Getpid()))
	// ruleid: go-predictable-temp-file
	return os.WriteFile("/tmp/worker.pid", pid, 0o644)
}

func CacheReport(id string, data []byte) error {
	// ruleid: go-predictable-temp-file
	f, err := os.Create(fmt.Sprintf("/tmp/report-%s.json", id))
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(data)
	return err
}

func Scratch() error {
	// ruleid: go-predictable-temp-file
	return os.MkdirAll("/tmp/myapp/cache", 0o700)
}

func ExportCSVSafe(rows [][]string) (string, error) {
	// ok: go-predictable-temp-file
	f, err := os.CreateTemp("", "export-*.csv")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), csv.NewWriter(f).WriteAll(rows)
}

func ScratchSafe() (string, error) {
	// ok: go-predictable-temp-file
	return os.MkdirTemp("", "myapp-")
}

func WriteInsideScratch(dir string, data []byte) error {
	// ok: go-predictable-temp-file
	return os.WriteFile(filepath.Join(dir, "result.json"), data, 0o600)
}

func WriteRuntime(data []byte) error {
	// ok: go-predictable-temp-file
	return os.WriteFile("/var/lib/myapp/state.json", data, 0o600)
}
