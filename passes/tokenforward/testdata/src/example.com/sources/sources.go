// Package sources shows each way an inbound credential is read. Every
// function forwards it to the same kind of sink, so only the source varies.
package sources

import (
	"context"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	"github.com/mark3labs/mcp-go/server"
)

const authHeader = "Authorization"

func upstream(ctx context.Context) *http.Request {
	out, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	return out
}

func get(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\) \(sources.go:24\) is forwarded to Header.Set\("Authorization"\) on an outbound request`
}

func namedConstant(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	tok := r.Header.Get(authHeader)
	out.Header.Set(authHeader, tok) // want `inbound credential from Header.Get\("Authorization"\)`
}

func lowerCase(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("authorization", r.Header.Get("authorization")) // want `inbound credential`
}

func canonical(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("Authorization", r.Header.Get(http.CanonicalHeaderKey("authorization"))) // want `inbound credential`
}

func values(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	for _, v := range r.Header.Values("Authorization") {
		out.Header.Add("Authorization", v) // want `inbound credential from Header.Values`
	}
}

func index(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("Authorization", r.Header["Authorization"][0]) // want `inbound credential from Header\["Authorization"\]`
}

func proxyAuthorization(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("Proxy-Authorization", r.Header.Get("Proxy-Authorization")) // want `inbound credential from Header.Get\("Proxy-Authorization"\)`
}

func basicAuthPassword(w http.ResponseWriter, r *http.Request) {
	_, pass, _ := r.BasicAuth()
	out := upstream(r.Context())
	out.Header.Set("Authorization", "Basic "+pass) // want `inbound credential from Request.BasicAuth\(\) password`
}

func basicAuthUser(w http.ResponseWriter, r *http.Request) {
	user, _, _ := r.BasicAuth()
	out := upstream(r.Context())
	out.SetBasicAuth(user, "server-secret") // want `inbound credential from Request.BasicAuth\(\) user`
}

func textprotoHeader(w http.ResponseWriter, r *http.Request) {
	h := textproto.MIMEHeader(r.Header)
	out := upstream(r.Context())
	out.Header.Set("Authorization", h.Get("Authorization")) // want `inbound credential from Header.Get`
}

type handler struct{}

// ServeHTTP is a handler by its method shape.
func (handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream(r.Context())
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential`
}

// middleware wraps next; its HandlerFunc literal receives the request.
func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := upstream(r.Context())
		out.Header.Set("Authorization", strings.TrimSpace(r.Header.Get("Authorization"))) // want `inbound credential`
		next.ServeHTTP(w, r)
	})
}

// contextHook is an mcp-go HTTP context function: the request is inbound.
var contextHook = server.WithHTTPContextFunc(func(ctx context.Context, r *http.Request) context.Context {
	out := upstream(ctx)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential`
	return ctx
})

// rewrite uses httputil.ProxyRequest: In is the received request.
var proxy = &httputil.ReverseProxy{
	Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.Header.Set("Authorization", pr.In.Header.Get("Authorization")) // want `inbound credential from Header.Get`
	},
}

func apiKey(w http.ResponseWriter, r *http.Request) {
	// X-Api-Key is in the default list of credential headers (see the
	// apikey and nodefaults test packages).
	out := upstream(r.Context())
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key")) // want `inbound credential from Header.Get\("X-Api-Key"\)`
}
