// Package ginsrv is an API gateway written with gin that calls upstream
// services with net/http and resty. A trailing want comment marks
// each line that must be reported; the unmarked look-alikes must not be.
package ginsrv

import (
	"crypto/subtle"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-resty/resty/v2"
)

const upstreamURL = "https://api.example.com"

var rc = resty.New()

func newUpstream(c *gin.Context, path string) *http.Request {
	req, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodGet, upstreamURL+path, nil)
	return req
}

func relay(c *gin.Context, out *http.Request) {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	c.DataFromReader(resp.StatusCode, resp.ContentLength, resp.Header.Get("Content-Type"), resp.Body, nil)
}

// profile forwards the client's Authorization header as read by gin.
func profile(c *gin.Context) {
	out := newUpstream(c, "/v1/me")
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	relay(c, out)
}

// repos reads the header through the underlying *http.Request.
func repos(c *gin.Context) {
	token := strings.TrimPrefix(c.Request.Header.Get("Authorization"), "Bearer ")
	out := newUpstream(c, "/v1/repos")
	out.Header.Set("Authorization", "Bearer "+token) // want tokenforward
	relay(c, out)
}

// bearer is the middleware that pulls the token out once for every
// handler, unverified (audience reports the store).
func bearer(c *gin.Context) {
	raw := c.GetHeader("Authorization")
	if raw == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Set("token", strings.TrimPrefix(raw, "Bearer ")) // want audience
	c.Set("user", c.Query("as"))
	c.Next()
}

// normalize rewrites the inbound request's own header before the next
// handler runs; nothing leaves the process here.
func normalize(c *gin.Context) {
	if raw := c.GetHeader("Authorization"); raw != "" {
		c.Request.Header.Set("Authorization", "Bearer "+strings.TrimSpace(strings.TrimPrefix(raw, "Bearer")))
	}
	c.Next()
}

// issues reads the token the middleware stored with c.Set.
func issues(c *gin.Context) {
	out := newUpstream(c, "/v1/issues")
	out.Header.Set("Authorization", "Bearer "+c.GetString("token")) // want tokenforward
	relay(c, out)
}

// labels reads it back with c.Get and a type assertion, and uses resty.
func labels(c *gin.Context) {
	v, _ := c.Get("token")
	tok, _ := v.(string)
	resp, err := rc.R().SetContext(c.Request.Context()).SetAuthToken(tok).Get(upstreamURL + "/v1/labels") // want tokenforward
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Data(resp.StatusCode(), resp.Header().Get("Content-Type"), resp.Body())
}

// audit forwards the user name the middleware stored, not the token.
func audit(c *gin.Context) {
	out := newUpstream(c, "/v1/audit")
	out.Header.Set("X-On-Behalf-Of", c.GetString("user"))
	out.Header.Set("Authorization", "Bearer "+os.Getenv("AUDIT_TOKEN"))
	relay(c, out)
}

// trace forwards the request id and answers with it.
func trace(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	out := newUpstream(c, "/v1/trace")
	out.Header.Set("X-Request-Id", id)
	c.Header("X-Request-Id", id)
	relay(c, out)
}

// admin compares the inbound token with the configured one and calls the
// upstream with the gateway's own key.
func admin(c *gin.Context) {
	got := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	want := os.Getenv("ADMIN_TOKEN")
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		c.AbortWithStatus(http.StatusForbidden)
		return
	}
	c.Header("Authorization", "Bearer "+got)
	out := newUpstream(c, "/v1/admin")
	out.Header.Set("Authorization", "Bearer "+want)
	relay(c, out)
}

// search hands every inbound header to resty at once.
func search(c *gin.Context) {
	resp, err := rc.R().SetHeaderMultiValues(c.Request.Header).Get(upstreamURL + "/v1/search") // want headerforward
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Data(resp.StatusCode(), "application/json", resp.Body())
}

// render flattens the inbound headers into a map for resty.
func render(c *gin.Context) {
	h := make(map[string]string, len(c.Request.Header))
	for k := range c.Request.Header {
		h[k] = c.Request.Header.Get(k)
	}
	resp, err := rc.R().SetHeaders(h).Get(upstreamURL + "/v1/render") // want headerforward
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Data(resp.StatusCode(), "text/html", resp.Body())
}

// export copies the inbound headers one by one.
func export(c *gin.Context) {
	req := rc.R()
	for k := range c.Request.Header {
		req.SetHeader(k, c.Request.Header.Get(k)) // want headerforward
	}
	resp, err := req.Get(upstreamURL + "/v1/export")
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Data(resp.StatusCode(), "text/csv", resp.Body())
}

// preview copies the inbound headers but leaves the credential out.
func preview(c *gin.Context) {
	req := rc.R()
	for k := range c.Request.Header {
		if strings.EqualFold(k, "Authorization") {
			continue
		}
		req.SetHeader(k, c.Request.Header.Get(k))
	}
	resp, err := req.SetAuthToken(os.Getenv("UPSTREAM_TOKEN")).Get(upstreamURL + "/v1/preview")
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	c.Data(resp.StatusCode(), "text/html", resp.Body())
}

// Router wires the handlers and two reverse proxies.
func Router(files, media, avatars *url.URL) *gin.Engine {
	r := gin.New()
	r.GET("/trace", trace)
	r.GET("/admin", admin)
	api := r.Group("/api", normalize, bearer)
	api.GET("/me", profile)
	api.GET("/repos", repos)
	api.GET("/issues", issues)
	api.GET("/labels", labels)
	api.GET("/audit", audit)
	api.GET("/search", search)
	api.GET("/render", render)
	api.GET("/export", export)
	api.GET("/preview", preview)

	r.Any("/files/*path", func(c *gin.Context) {
		p := httputil.NewSingleHostReverseProxy(files) // want headerforward
		p.ServeHTTP(c.Writer, c.Request)
	})
	r.Any("/media/*path", func(c *gin.Context) {
		p := &httputil.ReverseProxy{Director: func(out *http.Request) {
			out.URL.Scheme = media.Scheme
			out.URL.Host = media.Host
			out.Host = media.Host
			out.Header.Del("Authorization")
			out.Header.Set("Authorization", "Bearer "+os.Getenv("MEDIA_TOKEN"))
		}}
		p.ServeHTTP(c.Writer, c.Request)
	})
	r.Any("/avatars/*path", func(c *gin.Context) {
		p := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) { // want headerforward
			pr.SetURL(avatars)
			pr.SetXForwarded()
			pr.Out.Header.Del("Cookie")
		}}
		p.ServeHTTP(c.Writer, c.Request)
	})
	return r
}
