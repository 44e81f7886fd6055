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
