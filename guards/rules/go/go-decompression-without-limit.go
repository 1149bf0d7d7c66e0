package ingest

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"io/ioutil"
	"net/http"
	"os"
)

const maxSize = 64 << 20

func Upload(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer zr.Close()
	// ruleid: go-decompression-without-limit
	data, err := io.ReadAll(zr)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Write(data[:0])
}

func Extract(src io.Reader, dst string) error {
	gz, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	// ruleid: go-decompression-without-limit
	if _, err := io.Copy(out, gz); err != nil {
		return err
	}
	return nil
}

func Inflate(payload []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	// ruleid: go-decompression-without-limit
	return ioutil.ReadAll(zr)
}

func RawInflate(payload []byte) ([]byte, error) {
	fr := flate.NewReader(bytes.NewReader(payload))
	defer fr.Close()
	var buf bytes.Buffer
	// ruleid: go-decompression-without-limit
	_, err := io.Copy(&buf, fr)
	return buf.Bytes(), err
}

func UploadLimited(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(http.MaxBytesReader(w, r.Body, maxSize))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// ok: go-decompression-without-limit
	data, err := io.ReadAll(io.LimitReader(zr, maxSize+1))
	if err != nil || len(data) > maxSize {
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func ExtractLimited(src io.Reader, out io.Writer) error {
	gz, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	// ok: go-decompression-without-limit
	n, err := io.CopyN(out, gz, maxSize+1)
	if n > maxSize {
		return io.ErrShortBuffer
	}
	return err
}

func Compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	// ok: go-decompression-without-limit
	if _, err := io.Copy(zw, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	err := zw.Close()
	return buf.Bytes(), err
}

func ReadPlain(r io.Reader) ([]byte, error) {
	// ok: go-decompression-without-limit
	return io.ReadAll(io.LimitReader(r, maxSize))
}
