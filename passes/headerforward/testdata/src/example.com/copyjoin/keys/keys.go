// Package keys is a gateway's middleware: it puts the server's own key
// for the upstream in the Authorization header before the next handler
// runs. The handlers use its Tenant helper.
package keys

import (
	"net/http"
	"os"
)

// OwnKey replaces the client's credential with the server's key.
func OwnKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		next.ServeHTTP(w, r)
	})
}

// Logging hands the request on unchanged.
func Logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

// Tenant names the client's tenant, for the handlers' logs.
func Tenant(r *http.Request) string { return r.URL.Query().Get("tenant") }
