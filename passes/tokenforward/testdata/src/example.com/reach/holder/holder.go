// want package:`field:example.com/reach/info.TokenInfo.Token holds cred`

// Package holder is a middleware that keeps the inbound token in the
// request context.
package holder

import (
	"net/http"

	"example.com/reach/info"
)

func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ti := &info.TokenInfo{Token: r.Header.Get("Authorization")}
		next.ServeHTTP(w, r.WithContext(info.With(r.Context(), ti)))
	})
}
