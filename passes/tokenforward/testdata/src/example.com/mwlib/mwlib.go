// Package mwlib is a gateway's middleware package: it replaces the
// client's credential with the server's key.
package mwlib

import (
	"net/http"
	"os"
)

// OwnKey puts the server's upstream key in place of the client's.
func OwnKey(next http.Handler) http.Handler { // want OwnKey:"wraps authorization"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		UseOwnKey(r)
		next.ServeHTTP(w, r)
	})
}

// UseOwnKey sets the server's key on the request.
func UseOwnKey(r *http.Request) { // want UseOwnKey:"replaces authorization of param0"
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
}

// Maybe replaces the key only when asked to: in the other mode it hands
// the handler back unchanged, so it replaces nothing for sure.
func Maybe(on bool) func(http.Handler) http.Handler {
	if !on {
		return func(next http.Handler) http.Handler { return next }
	}
	return OwnKey
}
