package api

import (
	"net/http"
	"time"

	ginCors "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/rs/cors"
)

func WithCORS(mux *http.ServeMux) http.Handler {
	// ruleid: go-cors-wildcard-with-credentials
	return cors.New(cors.Options{
		AllowedOrigins:   []string{"*"},
		AllowedMethods:   []string{"GET", "POST", "PUT", "DELETE"},
		AllowCredentials: true,
	}).Handler(mux)
}

func GinRouter() *gin.Engine {
	r := gin.Default()
	// ruleid: go-cors-wildcard-with-credentials
	r.Use(ginCors.New(ginCors.Config{
		AllowCredentials: true,
		AllowOriginFunc:  func(origin string) bool { return true },
		MaxAge:           12 * time.Hour,
	}))
	return r
}

func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// ruleid: go-cors-wildcard-with-credentials
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
		next.ServeHTTP(w, r)
	})
}

func GinHeaders(c *gin.Context) {
	c.Header("Access-Control-Allow-Credentials", "true")
	// ruleid: go-cors-wildcard-with-credentials
	c.Header("Access-Control-Allow-Origin", "*")
	c.Next()
}

func SafeCORS(mux *http.ServeMux) http.Handler {
	// ok: go-cors-wildcard-with-credentials
	return cors.New(cors.Options{
		AllowedOrigins:   []string{"https://app.example.com", "https://admin.example.com"},
		AllowCredentials: true,
	}).Handler(mux)
}

func PublicCORS(mux *http.ServeMux) http.Handler {
	// ok: go-cors-wildcard-with-credentials
	return cors.New(cors.Options{
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{"GET"},
	}).Handler(mux)
}

var trusted = map[string]bool{"https://app.example.com": true}

func SafeMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); trusted[origin] {
			// ok: go-cors-wildcard-with-credentials
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		next.ServeHTTP(w, r)
	})
}

func PublicHeaders(w http.ResponseWriter) {
	// ok: go-cors-wildcard-with-credentials
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Methods", "GET")
}
