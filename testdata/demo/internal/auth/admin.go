package auth

import (
	"crypto/subtle"
	"net/http"
	"os"
)

// AdminOnly lets through only the requests that carry the operators' key,
// compared in constant time with the configured one.
func AdminOnly(next http.Handler) http.Handler {
	key := []byte(os.Getenv("ADMIN_KEY"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("X-Admin-Key"))
		if len(key) == 0 || subtle.ConstantTimeCompare(got, key) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
