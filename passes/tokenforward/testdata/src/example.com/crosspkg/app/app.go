// want package:`field:example.com/crosspkg/upstream.Client.Token holds cred`

// Package app uses the upstream client and the context accessor from other
// packages; everything it knows about them comes from facts.
package app

import (
	"net/http"

	"example.com/crosspkg/authctx"
	"example.com/crosspkg/upstream"
)

func viaConstructor(w http.ResponseWriter, r *http.Request) {
	c := upstream.New(upstream.BearerToken(r)) // want `inbound credential from Header.Get\("Authorization"\) .* is forwarded to Header.Set\("Authorization"\) on an outbound request`
	c.Get("/user")
}

func viaFieldStore(w http.ResponseWriter, r *http.Request) {
	c := &upstream.Client{BaseURL: "https://api.example.com", Token: upstream.BearerToken(r)} // want `inbound credential`
	c.Get("/user")
}

func viaParamHelper(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	upstream.Authorize(out, upstream.Normalize(upstream.BearerToken(r))) // want `inbound credential`
}

// The inbound request itself is not an outbound request: no finding.
func authorizeInbound(w http.ResponseWriter, r *http.Request) {
	upstream.Authorize(r, "server-token")
	upstream.Authorize(r, upstream.BearerToken(r))
}

// toolHandler reads the token that authctx.Middleware stored.
func toolHandler(w http.ResponseWriter, r *http.Request) {
	c := upstream.New(authctx.Token(r.Context())) // want `inbound credential from Header.Get\("Authorization"\)`
	c.Get("/repos")
}

// The server's own credential on the same sink: no finding.
func ownToken(w http.ResponseWriter, r *http.Request) {
	c := upstream.New(serverToken())
	c.Get("/repos")
}

func serverToken() string { return "from-config" }

// A callback that does nothing with the token: no finding.
func viaFuncValue(w http.ResponseWriter, r *http.Request) {
	upstream.DoWith(upstream.BearerToken(r), func(tok string) {})
}

// A callback that sends it upstream, applied where DoWith calls it.
func viaSendingCallback(w http.ResponseWriter, r *http.Request) {
	upstream.DoWith(upstream.BearerToken(r), func(tok string) {
		req, _ := http.NewRequest("GET", "https://api.example.com", nil)
		req.Header.Set("Authorization", tok) // want `inbound credential`
	})
}
