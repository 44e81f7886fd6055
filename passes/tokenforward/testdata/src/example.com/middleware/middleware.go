// Package middleware is an API gateway: a middleware authenticates the
// client, then replaces its credential with the server's own key for the
// upstream before the relay handlers run. What those handlers read is
// the server's key, unless the replacement is missing on some route, runs
// after the handler, runs on some paths only, or re-formats the client's
// own token.
package middleware

import (
	"net/http"
	"os"
	"strings"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func forward(r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// ownKey replaces the client's credential with the server's key.
func ownKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		next.ServeHTTP(w, r)
	})
}

// logging hands the request on unchanged.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
}

// afterNext replaces the credential once the handler has run.
func afterNext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	})
}

// sometimes replaces it in one mode only.
func sometimes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if os.Getenv("MODE") == "relay" {
			r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		}
		next.ServeHTTP(w, r)
	})
}

// reformat "replaces" it with the client's own token, re-formatted.
func reformat(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		next.ServeHTTP(w, r)
	})
}

// useOwnKey is a helper a handler calls first.
func useOwnKey(r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
}

func relay(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayChained(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayChainedInside(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayAlsoBare(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\) \(middleware ownKey replaces it on other registrations of relayAlsoBare\)`
	http.DefaultClient.Do(out)
}

func relayAfter(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

func relaySometimes(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

func relayReformatted(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// relayOtherHeader is behind ownKey, which replaces Authorization only.
func relayOtherHeader(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key")) // want `inbound credential from Header.Get\("X-Api-Key"\)`
	http.DefaultClient.Do(out)
}

func relayAfterHelper(w http.ResponseWriter, r *http.Request) {
	useOwnKey(r)
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayBeforeHelper(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	useOwnKey(r)
	out := upstream()
	out.Header.Set("Authorization", tok) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// relayViaHelper hands its request to a helper that reads it: the
// helper's flow is judged where it is called, by this handler, which is
// not behind ownKey.
func relayViaHelper(w http.ResponseWriter, r *http.Request) {
	forward(r)
}

// unregistered is never registered in this package: nothing replaced.
func unregistered(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

var _ = unregistered

// relayType is a handler type registered behind ownKey.
type relayType struct{}

func (relayType) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// bareType is a handler type registered without it.
type bareType struct{ key string }

func (b *bareType) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

func routes(mux *http.ServeMux) {
	mux.Handle("/type", ownKey(relayType{}))
	mux.Handle("/bare-type", &bareType{})
	mux.Handle("/relay", ownKey(http.HandlerFunc(relay)))
	mux.Handle("/chained", logging(ownKey(http.HandlerFunc(relayChained))))
	mux.Handle("/chained-inside", ownKey(logging(http.HandlerFunc(relayChainedInside))))
	mux.Handle("/also", ownKey(http.HandlerFunc(relayAlsoBare)))
	mux.HandleFunc("/bare", relayAlsoBare)
	mux.Handle("/after", afterNext(http.HandlerFunc(relayAfter)))
	mux.Handle("/sometimes", sometimes(http.HandlerFunc(relaySometimes)))
	mux.Handle("/reformatted", reformat(http.HandlerFunc(relayReformatted)))
	mux.Handle("/other", ownKey(http.HandlerFunc(relayOtherHeader)))
	mux.HandleFunc("/helper", relayAfterHelper)
	mux.HandleFunc("/helper-late", relayBeforeHelper)
	mux.HandleFunc("/via-helper", relayViaHelper)
	mux.Handle("/inline", ownKey(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := upstream()
		out.Header.Set("Authorization", r.Header.Get("Authorization"))
		http.DefaultClient.Do(out)
	})))
}
