package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"time"
)

type Options struct {
	Insecure bool
	CAFile   string
}

func NewInsecureClient() *http.Client {
	tr := &http.Transport{
		// ruleid: go-tls-insecure-skip-verify
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

func DialInternal(addr string) (*tls.Conn, error) {
	cfg := &tls.Config{
		ServerName: "internal.local",
		// ruleid: go-tls-insecure-skip-verify
		InsecureSkipVerify: true,
	}
	return tls.Dial("tcp", addr, cfg)
}

func PatchDefault() {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// ruleid: go-tls-insecure-skip-verify
	tr.TLSClientConfig.InsecureSkipVerify = true
	http.DefaultTransport = tr
}

func Loose() *tls.Config {
	c := &tls.Config{}
	// ruleid: go-tls-insecure-skip-verify
	c.InsecureSkipVerify = true
	return c
}

func NewClient(opts Options) (*http.Client, error) {
	pem, err := os.ReadFile(opts.CAFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{
		RootCAs:    pool,
		MinVersion: tls.VersionTLS12,
		// ok: go-tls-insecure-skip-verify
		InsecureSkipVerify: false,
	}
	// ok: go-tls-insecure-skip-verify
	cfg.InsecureSkipVerify = opts.Insecure
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}, nil
}

func Strict() *tls.Config {
	// ok: go-tls-insecure-skip-verify
	return &tls.Config{MinVersion: tls.VersionTLS13, InsecureSkipVerify: os.Getenv("TLS_INSECURE") == "1"}
}
