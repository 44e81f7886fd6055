// Package replacedmw is a gateway whose middleware replaces the client's
// Authorization with the server's key before the handlers copy the
// inbound headers upstream: they send the server's credential. Copies on
// a route without it, or behind a middleware that replaces it only after
// the handler ran, still forward the client's token.
package replacedmw

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func ownKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		next.ServeHTTP(w, r)
	})
}

func afterNext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	})
}

func useOwnKey(r *http.Request) {
	r.Header.Del("Authorization")
}

func cloned(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}

func looped(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
	http.DefaultClient.Do(out)
}

func resent(w http.ResponseWriter, r *http.Request) {
	http.DefaultClient.Do(r.WithContext(r.Context()))
}

func alsoBare(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func late(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func helperFirst(w http.ResponseWriter, r *http.Request) {
	useOwnKey(r)
	out := upstream()
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}

func helperLast(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	useOwnKey(r)
	http.DefaultClient.Do(out)
}

func routes(mux *http.ServeMux, target *url.URL) {
	mux.Handle("/cloned", ownKey(http.HandlerFunc(cloned)))
	mux.Handle("/looped", ownKey(http.HandlerFunc(looped)))
	mux.Handle("/resent", ownKey(http.HandlerFunc(resent)))
	mux.Handle("/also", ownKey(http.HandlerFunc(alsoBare)))
	mux.HandleFunc("/bare", alsoBare)
	mux.Handle("/late", afterNext(http.HandlerFunc(late)))
	mux.HandleFunc("/helper", helperFirst)
	mux.HandleFunc("/helper-last", helperLast)

	behind := httputil.NewSingleHostReverseProxy(target)
	mux.Handle("/proxy", ownKey(behind))
	bare := httputil.NewSingleHostReverseProxy(target) // want `NewSingleHostReverseProxy`
	mux.Handle("/bare-proxy", bare)
}
