// want package:`field:example.com/reach/info.TokenInfo.Token met cred`

// Package app wires the middleware and the client: the only package where
// the holding and the leak meet. The flow is reported here, once.
package app

import (
	"net/http"

	"example.com/reach/holder" // want `inbound credential from Header.Get\("Authorization"\) \(holder.go:\d+\) is forwarded to Header.Set\("Authorization"\)`
	"example.com/reach/leaker"
)

func Routes() http.Handler {
	return holder.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = leaker.Client(r.Context()).Get("https://api.example.com")
	}))
}
