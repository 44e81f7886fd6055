// Package chisrv is a service on a chi router: plain net/http handlers,
// a context middleware, and the project's own header-reading helper.
package chisrv

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

const upstreamURL = "https://api.example.com"

// getHeader is the project's helper for reading request headers.
func getHeader(r *http.Request, name string) string {
	return r.Header.Get(name)
}

func relay(out *http.Request, w http.ResponseWriter) {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// projects forwards the header read directly from the request.
func projects(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/projects/"+chi.URLParam(r, "id"), nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want tokenforward
	relay(out, w)
}

// members reads the credential through the helper.
func members(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/members", nil)
	out.Header.Set("Authorization", getHeader(r, "Authorization")) // want tokenforward
	relay(out, w)
}

// events reads only the request id through the same helper.
func events(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/events", nil)
	out.Header.Set("X-Request-Id", getHeader(r, "X-Request-Id"))
	out.Header.Set("Authorization", "Bearer "+os.Getenv("EVENTS_TOKEN"))
	w.Header().Set("X-Request-Id", getHeader(r, "X-Request-Id"))
	relay(out, w)
}

type ctxKey int

const (
	tokenKey ctxKey = iota
	tenantKey
)

// withToken keeps the bearer and the tenant in the request context, and
// rewrites the inbound header to a canonical form for the next handler.
// Nothing verifies the token (audience reports the store).
func withToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimSpace(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer"))
		r.Header.Set("Authorization", "Bearer "+tok)
		ctx := context.WithValue(r.Context(), tokenKey, tok) // want audience
		ctx = context.WithValue(ctx, tenantKey, r.Header.Get("X-Tenant"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// builds uses the token from the context.
func builds(w http.ResponseWriter, r *http.Request) {
	tok, _ := r.Context().Value(tokenKey).(string)
	out, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/builds", nil)
	out.Header.Set("Authorization", "Bearer "+tok) // want tokenforward
	relay(out, w)
}

// quota uses the tenant from the context, under a different key.
func quota(w http.ResponseWriter, r *http.Request) {
	tenant, _ := r.Context().Value(tenantKey).(string)
	out, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/quota", nil)
	out.Header.Set("X-Tenant", tenant)
	out.SetBasicAuth("gateway", os.Getenv("QUOTA_PASSWORD"))
	relay(out, w)
}

// Router wires the routes.
func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Get("/events", events)
	r.Group(func(r chi.Router) {
		r.Use(withToken)
		r.Get("/projects/{id}", projects)
		r.Get("/members", members)
		r.Get("/builds", builds)
		r.Get("/quota", quota)
	})
	return r
}
