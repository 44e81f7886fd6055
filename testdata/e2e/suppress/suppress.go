// Package suppress has one allowed finding, one reported finding and one
// stale directive.
package suppress

import "net/http"

func upstream() *http.Request {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return req
}

func allowed(w http.ResponseWriter, r *http.Request) {
	//passthrough:allow tokenforward the upstream is our own introspection service
	upstream().Header.Set("Authorization", r.Header.Get("Authorization"))
}

func reported(w http.ResponseWriter, r *http.Request) {
	upstream().Header.Set("Authorization", r.Header.Get("Authorization")) // want tokenforward
}

func stale() {
	//passthrough:allow tokenforward nothing here any more
}

// gate lets any bearer through; the service mesh in front verified it.
func gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		//passthrough:allow audience the mesh's sidecar verified the token
		next.ServeHTTP(w, r)
	})
}
