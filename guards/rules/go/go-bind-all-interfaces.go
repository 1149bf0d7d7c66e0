package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

func healthHandler(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}

func startPlain() {
	http.HandleFunc("/health", healthHandler)
	// ruleid: go-bind-all-interfaces
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func startServer(port int) error {
	srv := &http.Server{
		// ruleid: go-bind-all-interfaces
		Addr:    fmt.Sprintf(":%d", port),
		Handler: http.DefaultServeMux,
	}
	return srv.ListenAndServe()
}

func startListener(port string) (net.Listener, error) {
	// ruleid: go-bind-all-interfaces
	return net.Listen("tcp", "0.0.0.0:"+port)
}

func startGin() {
	r := gin.Default()
	r.GET("/ping", func(c *gin.Context) { c.String(http.StatusOK, "pong") })
	// ruleid: go-bind-all-interfaces
	r.Run(":3000")
}

func startLocal() {
	// ok: go-bind-all-interfaces
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}

func startConfigured() error {
	addr := os.Getenv("LISTEN_ADDR")
	if addr == "" {
		addr = "localhost:8080"
	}
	// ok: go-bind-all-interfaces
	srv := &http.Server{Addr: addr, Handler: http.DefaultServeMux}
	return srv.ListenAndServe()
}

func startLoopback() (net.Listener, error) {
	// ok: go-bind-all-interfaces
	return net.Listen("tcp", "127.0.0.1:0")
}

func startGinLocal() {
	r := gin.New()
	// ok: go-bind-all-interfaces
	r.Run("127.0.0.1:3000")
}

func dialOut() (net.Conn, error) {
	// ok: go-bind-all-interfaces
	return net.Dial("tcp", ":6379")
}
