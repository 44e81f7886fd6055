// Package fwd relays a request for handlers of other packages. It sees // want package:`func Forward: [^;]*param0:inreq->sink:cred if authorization\(param0\)`
// neither the handlers nor the middleware: its reads are its callers'.
package fwd

import "net/http"

// Forward sends the request's credential upstream: the client's token or
// the server's key, as the route its caller runs on decides.
func Forward(r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}
