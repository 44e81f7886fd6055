package bearers

import (
	"net/http"

	"example.com/bearerlib"
)

// fromLibrary: the header is parsed in another package, the token stored
// in a context by a third function.
func fromLibrary(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, tok, err := bearerlib.ParseAuthorizationHeader(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx := bearerlib.WithTokenInfo(r.Context(), &bearerlib.TokenInfo{Token: tok, Kind: kind}) // want `stores the bearer token from ParseAuthorizationHeader \(which returns Header.Get\("Authorization"\)\) in the request context`
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// authenticated: the library looks the token up and returns a user.
func authenticated(next http.Handler, users map[string]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := bearerlib.Authenticate(r, users); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
