package config

import (
	"errors"
	"math"
	"net/http"
	"strconv"
)

type Settings struct {
	Port    uint16
	Workers int32
}

func PortFromString(s string) (uint16, error) {
	p, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	// ruleid: go-integer-narrowing-after-parse
	return uint16(p), nil
}

func Load(w http.ResponseWriter, r *http.Request) *Settings {
	workers, err := strconv.ParseInt(r.FormValue("workers"), 10, 64)
	if err != nil {
		http.Error(w, "bad workers", http.StatusBadRequest)
		return nil
	}
	return &Settings{
		// ruleid: go-integer-narrowing-after-parse
		Workers: int32(workers),
	}
}

func Allocate(s string) []byte {
	size, _ := strconv.Atoi(s)
	// ruleid: go-integer-narrowing-after-parse
	return make([]byte, uint32(size))
}

func Offset(s string) int64 {
	off, _ := strconv.ParseUint(s, 10, 64)
	// ruleid: go-integer-narrowing-after-parse
	n := int64(off)
	return n
}

func PortChecked(s string) (uint16, error) {
	p, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	if p < 1 || p > 65535 {
		return 0, errors.New("port out of range")
	}
	// ok: go-integer-narrowing-after-parse
	return uint16(p), nil
}

func WorkersSized(s string) (int32, error) {
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, err
	}
	// ok: go-integer-narrowing-after-parse
	return int32(v), nil
}

func Count(s string) (int64, error) {
	n, err := strconv.Atoi(s)
	// ok: go-integer-narrowing-after-parse
	return int64(n), err
}

func Clamp(s string) int32 {
	v, _ := strconv.ParseInt(s, 10, 64)
	if v > math.MaxInt32 {
		v = math.MaxInt32
	}
	// ok: go-integer-narrowing-after-parse
	return int32(v)
}
