package server

import (
	"crypto/tls"
	"net/http"
)

func LegacyServer(handler http.Handler) *http.Server {
	cfg := &tls.Config{
		// ruleid: go-tls-weak-version-or-cipher
		MinVersion: tls.VersionTLS10,
		CipherSuites: []uint16{
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			// ruleid: go-tls-weak-version-or-cipher
			tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
			// ruleid: go-tls-weak-version-or-cipher
			tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
		},
	}
	return &http.Server{Addr: "127.0.0.1:8443", Handler: handler, TLSConfig: cfg}
}

func Downgrade(cfg *tls.Config) {
	// ruleid: go-tls-weak-version-or-cipher
	cfg.MinVersion = tls.VersionTLS11
	// ruleid: go-tls-weak-version-or-cipher
	cfg.MaxVersion = tls.VersionTLS10
}

func AllSuites() []uint16 {
	var ids []uint16
	// ruleid: go-tls-weak-version-or-cipher
	for _, s := range tls.InsecureCipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
}

func ModernServer(handler http.Handler) *http.Server {
	cfg := &tls.Config{
		// ok: go-tls-weak-version-or-cipher
		MinVersion: tls.VersionTLS12,
		CipherSuites: []uint16{
			// ok: go-tls-weak-version-or-cipher
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		},
	}
	// ok: go-tls-weak-version-or-cipher
	cfg.MinVersion = tls.VersionTLS13
	return &http.Server{Addr: "127.0.0.1:8443", Handler: handler, TLSConfig: cfg}
}

func SecureSuites() []uint16 {
	var ids []uint16
	// ok: go-tls-weak-version-or-cipher
	for _, s := range tls.CipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
}
