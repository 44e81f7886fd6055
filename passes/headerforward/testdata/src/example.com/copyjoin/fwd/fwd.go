// Package fwd copies a request's headers upstream for handlers of other // want package:`func Copy: [^;]*param0:inreq->sink:inhdr if credentials\(param0\)`
// packages; it sees neither them nor the middleware.
package fwd

import "net/http"

// Copy sends every header of the request it is given upstream.
func Copy(r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}
