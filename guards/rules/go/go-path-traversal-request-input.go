package files

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

const uploadDir = "./uploads"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: go-path-traversal-request-input
	data, err := os.ReadFile(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func Serve(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-path-traversal-request-input
	http.ServeFile(w, r, "static/"+r.FormValue("path"))
}

func DeleteAvatar(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	user := vars["user"]
	target := filepath.Join("avatars", user+".png")
	// ruleid: go-path-traversal-request-input
	if err := os.Remove(target); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func SaveNote(w http.ResponseWriter, r *http.Request) {
	title := r.PostFormValue("title")
	// ruleid: go-path-traversal-request-input
	f, err := os.Create("notes/" + title + ".txt")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	io.Copy(f, io.LimitReader(r.Body, 1<<20))
}

func GinDownload(c *gin.Context) {
	filename := c.Param("filename")
	// ruleid: go-path-traversal-request-input
	c.File(filepath.Join(uploadDir, filename))
}

func SafeDownload(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	// ok: go-path-traversal-request-input
	data, err := os.ReadFile(filepath.Join(uploadDir, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func SafeServe(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	base, _ := filepath.Abs(uploadDir)
	full, _ := filepath.Abs(filepath.Join(base, name))
	if !strings.HasPrefix(full, base+string(os.PathSeparator)) {
		http.Error(w, "invalid path", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-request-input
	http.ServeFile(w, r, full)
}

func SafeGin(c *gin.Context) {
	filename := c.Param("filename")
	if !filepath.IsLocal(filename) {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-request-input
	c.File(filepath.Join(uploadDir, filename))
}

func ReadConfig(path string) ([]byte, error) {
	// ok: go-path-traversal-request-input
	return os.ReadFile(filepath.Join("/etc/myapp", path))
}

func Index(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	// ok: go-path-traversal-request-input
	data, _ := os.ReadFile("templates/index.html")
	w.Header().Set("Content-Language", lang)
	w.Write(data)
}
