// Package replaced overwrites the inbound credential with the server's
// own before reading it (an API gateway picking its upstream key): the
// read then gets the server's key, not the client's token.
package replaced

import (
	"net/http"
	"os"
	"strings"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func ownKey(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func deleted(w http.ResponseWriter, r *http.Request) {
	r.Header.Del("X-Api-Key")
	out := upstream()
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key"))
	http.DefaultClient.Do(out)
}

// ctx keeps the request in a field, as frameworks do.
type ctx struct{ Request *http.Request }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.relay(&ctx{Request: r}) }

type server struct{ key string }

func (s *server) relay(c *ctx) {
	c.Request.Header.Set("Authorization", "Bearer "+s.key)
	out := upstream()
	out.Header.Set("Authorization", c.Request.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// reformatted re-formats the client's own token: nothing is replaced.
func reformatted(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+strings.TrimSpace(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer")))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// onSomePaths replaces the credential only in one mode.
func onSomePaths(w http.ResponseWriter, r *http.Request) {
	if os.Getenv("MODE") == "relay" {
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	}
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// readFirst reads the client's token before replacing it.
func readFirst(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header.Set("Authorization", tok) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// otherHeader replaces X-Api-Key; Authorization is still the client's.
func otherHeader(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("X-Api-Key", os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// otherRequest replaces the credential of a different request.
func otherRequest(w http.ResponseWriter, r *http.Request) {
	other := r.Clone(r.Context())
	other.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}
