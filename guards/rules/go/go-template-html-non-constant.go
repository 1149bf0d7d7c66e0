package views

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/http"

	"github.com/microcosm-cc/bluemonday"
)

type Comment struct {
	Author string
	Body   string
}

var page = template.Must(template.ParseFiles("templates/page.html"))

func ShowBio(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{
		// ruleid: go-template-html-non-constant
		"Bio": template.HTML(r.FormValue("bio")),
	}
	page.Execute(w, data)
}

func RenderComment(c Comment) template.HTML {
	// ruleid: go-template-html-non-constant
	return template.HTML(fmt.Sprintf("<p><b>%s</b>: %s</p>", c.Author, c.Body))
}

func ProfileLink(w http.ResponseWriter, r *http.Request) {
	site := r.URL.Query().Get("website")
	data := struct{ Link template.URL }{
		// ruleid: go-template-html-non-constant
		Link: template.URL(site),
	}
	page.Execute(w, data)
}

func InlineConfig(cfg string) template.JS {
	// ruleid: go-template-html-non-constant
	return template.JS(cfg)
}

func SafeBio(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Bio": r.FormValue("bio")}
	// ok: go-template-html-non-constant
	page.Execute(w, data)
}

func Footer() template.HTML {
	// ok: go-template-html-non-constant
	return template.HTML("<footer>&copy; 2024 Example Inc.</footer>")
}

var policy = bluemonday.UGCPolicy()

func SanitizedComment(c Comment) template.HTML {
	// ok: go-template-html-non-constant
	return template.HTML(policy.Sanitize(c.Body))
}

func EscapedTitle(title string) template.HTML {
	// ok: go-template-html-non-constant
	return template.HTML("<h1>" + html.EscapeString(title) + "</h1>")
}

func Partial(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	// ok: go-template-html-non-constant
	return template.HTML(buf.String()), nil
}
