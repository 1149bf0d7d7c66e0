package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func AfterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: go-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "session", MaxAge: -1})
	// ruleid: go-open-redirect
	http.Redirect(w, r, r.FormValue("return_to"), http.StatusSeeOther)
}

func GinContinue(c *gin.Context) {
	target := c.Query("redirect")
	// ruleid: go-open-redirect
	c.Redirect(http.StatusFound, target)
}

func EchoBack(c echo.Context) error {
	dest := c.QueryParam("to")
	// ruleid: go-open-redirect
	return c.Redirect(http.StatusTemporaryRedirect, dest)
}

func SafeAfterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// ok: go-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Tab(w http.ResponseWriter, r *http.Request) {
	tab := r.URL.Query().Get("tab")
	// ok: go-open-redirect
	http.Redirect(w, r, "/profile?tab="+url.QueryEscape(tab), http.StatusFound)
}

func Home(c *gin.Context) {
	// ok: go-open-redirect
	c.Redirect(http.StatusMovedPermanently, "/dashboard")
}

func ToDocs(w http.ResponseWriter, r *http.Request, docsURL string) {
	// ok: go-open-redirect
	http.Redirect(w, r, docsURL, http.StatusFound)
}
