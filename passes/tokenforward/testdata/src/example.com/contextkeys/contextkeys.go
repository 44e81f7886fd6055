// Package contextkeys checks that context values are matched by key
// identity: the same key constant, the same key type, or the same variable;
// never a different key type that happens to have the same value.
package contextkeys

import (
	"context"
	"net/http"
)

type tokenKey int
type otherKey int // same underlying type and value as tokenKey(0): a different key

type bearerKey struct{}

var varKey = new(int)

func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("Authorization")
		ctx := context.WithValue(r.Context(), tokenKey(0), tok)
		ctx = context.WithValue(ctx, bearerKey{}, tok)
		ctx = context.WithValue(ctx, varKey, tok)
		ctx = context.WithValue(ctx, otherKey(1), "request-id")
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func call(ctx context.Context, tok string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", tok) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(req)
}

func sameConstKey(ctx context.Context) {
	tok, _ := ctx.Value(tokenKey(0)).(string)
	call(ctx, tok)
}

func sameStructKey(ctx context.Context) {
	tok := ctx.Value(bearerKey{}).(string)
	call(ctx, tok)
}

func sameVarKey(ctx context.Context) {
	tok := ctx.Value(varKey).(string)
	call(ctx, tok)
}

// otherKey(0) has the same underlying value as tokenKey(0) but a different
// type: at run time it reads nothing that middleware stored.
func differentKeyType(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	tok, _ := ctx.Value(otherKey(0)).(string)
	req.Header.Set("Authorization", tok)
	http.DefaultClient.Do(req)
}

// otherKey(1) holds a request ID, not a credential.
func otherValue(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	id, _ := ctx.Value(otherKey(1)).(string)
	req.Header.Set("Authorization", id)
	http.DefaultClient.Do(req)
}
