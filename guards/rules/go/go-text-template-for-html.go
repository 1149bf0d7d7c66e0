package main

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"os"
	"text/template"

	"github.com/gin-gonic/gin"
)

// ruleid: go-text-template-for-html
var greeting = template.Must(template.New("greet").Parse(`<html><body><h1>Hello, {{.Name}}!</h1></body></html>`))

// ruleid: go-text-template-for-html
var pages = template.Must(template.ParseGlob("templates/*.html"))

// ok: go-text-template-for-html
var unitFile = template.Must(template.New("unit").Parse("[Service]\nExecStart={{.Bin}}\n"))

type Visitor struct {
	Name string
}

type Server struct {
	tmpl *template.Template
}

// ruleid: go-text-template-for-html
func hello(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	greeting.Execute(w, Visitor{Name: r.URL.Query().Get("name")})
}

// ruleid: go-text-template-for-html
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	s.tmpl.ExecuteTemplate(w, "results.html", map[string]string{"Query": r.FormValue("q")})
}

// ruleid: go-text-template-for-html
func ginProfile(c *gin.Context) {
	pages.ExecuteTemplate(c.Writer, "profile.html", gin.H{"User": c.Param("user")})
}

// ok: go-text-template-for-html
func health(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "ok")
}

// ok: go-text-template-for-html
func writeUnit(bin string) error {
	var buf bytes.Buffer
	if err := unitFile.Execute(&buf, map[string]string{"Bin": bin}); err != nil {
		return err
	}
	return os.WriteFile("app.service", buf.Bytes(), 0o644)
}

func main() {
	http.HandleFunc("/hello", hello)
	http.HandleFunc("/health", health)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
