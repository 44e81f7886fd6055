// Package authctx keeps the inbound token in the request context, the way // want package:`func Token: [^;]*key\(key:example.com/crosspkg/authctx.ctxKey\(0\)\):cred->result0`
// many MCP servers pass it from middleware to tool handlers.
package authctx

import (
	"context"
	"net/http"
)

type ctxKey int

const tokenKey ctxKey = 0

// Middleware stores the inbound Authorization header in the context.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), tokenKey, r.Header.Get("Authorization"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Token returns what Middleware stored: an accessor of a context key.
func Token(ctx context.Context) string {
	s, _ := ctx.Value(tokenKey).(string)
	return s
}
