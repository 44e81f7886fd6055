// Package relay holds handlers that copy the inbound headers upstream; // want package:`func Audio: [^;]*source:inhdr->sink if credentials\(param1\).*func Chat: [^;]*source:inhdr->sink if credentials\(param1\).*func Gateway\.ServeHTTP: [^;]*source:inhdr->sink if credentials\(param2\).*func Resend: [^;]*source:inreq->sink if credentials\(param1\).*func Speech: [^;]*source:inhdr->sink if credentials\(param1\)`
// package router registers them behind the middleware of package keys
// (which this package sees). Whether a copy forwards the client's
// token is decided where a handler is registered.
package relay

import (
	"log"
	"net/http"

	"example.com/copyjoin/fwd"
	"example.com/copyjoin/keys"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

// Chat is registered behind keys.OwnKey on every route.
func Chat(w http.ResponseWriter, r *http.Request) {
	log.Printf("chat for %s", keys.Tenant(r))
	out := upstream()
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}

// Audio is registered behind keys.OwnKey, and bare.
func Audio(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
	http.DefaultClient.Do(out)
}

// Resend sends the received request itself, behind keys.Logging only.
func Resend(w http.ResponseWriter, r *http.Request) {
	http.DefaultClient.Do(r.WithContext(r.Context()))
}

// Speech copies through a helper of another package; it runs behind
// keys.OwnKey.
func Speech(w http.ResponseWriter, r *http.Request) {
	fwd.Copy(r)
}

// Gateway is a handler type that package router registers behind
// keys.OwnKey, and bare.
type Gateway struct{ Tenant string }

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}
