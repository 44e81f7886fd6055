// Package blind is a handler package that sees no middleware that
// replaces Authorization. Its handler is judged here, without the routes
// (a handler that no analyzed package registers must still be reported),
// so a route behind keys.OwnKey does not clear it: a known limit, which
// errs toward reporting.
package blind

import "net/http"

// Relay forwards what the request's Authorization holds.
func Relay(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}
