// Package auth checks the bearer token of incoming MCP requests and keeps
// it in the request context.
package auth

import (
	"context"
	"net/http"
	"strings"
)

type contextKey struct{}

// Middleware rejects requests without a bearer token and stores the token,
// unverified, in the context for the tools (behind Verify only on /mcp).
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="/.well-known/oauth-protected-resource"`)
			http.Error(w, "missing bearer token", http.StatusUnauthorized)
			return
		}
		ctx := context.WithValue(r.Context(), contextKey{}, token)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// TokenFromContext returns the bearer token the client presented.
func TokenFromContext(ctx context.Context) string {
	token, _ := ctx.Value(contextKey{}).(string)
	return token
}
