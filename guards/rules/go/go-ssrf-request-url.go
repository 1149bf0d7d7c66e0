package proxy

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"
)

var httpClient = &http.Client{Timeout: 10 * time.Second}

func Preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go-ssrf-request-url
	resp, err := http.Get(target)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}

func Webhook(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	callback := r.FormValue("callback")
	// ruleid: go-ssrf-request-url
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, callback, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	httpClient.Do(req)
}

func Status(c *gin.Context) {
	host := c.Query("host")
	endpoint := fmt.Sprintf("http://%s/status", host)
	// ruleid: go-ssrf-request-url
	resp, err := httpClient.Get(endpoint)
	if err != nil {
		c.String(http.StatusBadGateway, err.Error())
		return
	}
	defer resp.Body.Close()
	c.DataFromReader(http.StatusOK, resp.ContentLength, "application/json", resp.Body, nil)
}

func Fetch(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-ssrf-request-url
	resp, err := http.Get("http://" + r.URL.Query().Get("host") + "/health")
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

func UserProfile(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	// ok: go-ssrf-request-url
	resp, err := http.Get("https://api.example.com/users/" + url.PathEscape(id))
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

var allowedHosts = map[string]bool{"images.example.com": true}

func SafePreview(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("url")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
		http.Error(w, "url not allowed", http.StatusBadRequest)
		return
	}
	// ok: go-ssrf-request-url
	resp, err := http.Get(raw)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
}

func Search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	endpoint := fmt.Sprintf("https://search.example.com/v1?q=%s", url.QueryEscape(q))
	// ok: go-ssrf-request-url
	req, _ := http.NewRequest(http.MethodGet, endpoint, nil)
	httpClient.Do(req)
}

func PollUpstream(upstream string) error {
	// ok: go-ssrf-request-url
	resp, err := http.Get(upstream)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
