// Package reach follows the token through the constructs real MCP servers
// are written with: interfaces, url.Userinfo, context keys built from a
// constant list, channels and goroutines, and a token in an upstream URL.
package reach

import (
	"context"
	"net/http"
	"net/url"
)

// An upstream client behind an interface, with two implementations.
type Upstream interface {
	Call(ctx context.Context, token string) error
}

type apiClient struct{}

func (apiClient) Call(ctx context.Context, token string) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", "Bearer "+token) // want `inbound credential from Header.Get\("Authorization"\) \(reach.go:32\)`
	_, err := http.DefaultClient.Do(req)
	return err
}

type auditLog struct{}

func (auditLog) Call(ctx context.Context, token string) error { return nil }

func callThroughInterface(u Upstream) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_ = u.Call(r.Context(), r.Header.Get("Authorization"))
	}
}

// url.Userinfo kept in a configuration, then sent as basic auth.
type upstreamConfig struct{ user *url.Userinfo }

var cfg upstreamConfig

func keepBasicAuth(w http.ResponseWriter, r *http.Request) {
	user, pass, _ := r.BasicAuth()
	cfg.user = url.UserPassword(user, pass)
}

func useBasicAuth() {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	pass, _ := cfg.user.Password()
	req.SetBasicAuth(cfg.user.Username(), pass) // want `inbound credential from Request.BasicAuth\(\)`
}

// Context keys made from a constant list of header names.
type contextKey string

const (
	tokenHeader = "Authorization"
	modeHeader  = "X-Mode"
)

func captureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		for _, h := range []string{tokenHeader, modeHeader} {
			ctx = context.WithValue(ctx, contextKey(h), r.Header.Get(h))
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func useCapturedToken(ctx context.Context) {
	tok, _ := ctx.Value(contextKey(tokenHeader)).(string)
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", tok) // want `inbound credential from Header.Get\("Authorization"\)`
}

// A token handed to a worker goroutine over a channel.
func worker(tokens chan string) {
	for tok := range tokens {
		req, _ := http.NewRequest("GET", "https://api.example.com", nil)
		req.Header.Set("Authorization", tok) // want `inbound credential from Header.Get\("Authorization"\)`
		_, _ = http.DefaultClient.Do(req)
	}
}

func enqueue(w http.ResponseWriter, r *http.Request) {
	tokens := make(chan string, 1)
	go worker(tokens)
	tokens <- r.Header.Get("Authorization")
}

// The token in the query string of an upstream URL.
func tokenInURL(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	req, _ := http.NewRequest("GET", "https://api.example.com/v1?access_token="+tok, nil) // want `forwarded to the URL of an outbound request`
	_, _ = http.DefaultClient.Do(req)
}

// A method value of Header.Set, called later.
func methodValueSet(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	set := req.Header.Set
	set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	_, _ = http.DefaultClient.Do(req)
}

// A token provider kept in a transport's field (a func() string).
type providerTransport struct{ tokenFn func() string }

func (t *providerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", "Bearer "+t.tokenFn()) // want `inbound credential from Header.Get\("Authorization"\) \(reach.go:\d+\) is forwarded`
	return http.DefaultTransport.RoundTrip(req)
}

func withProvider(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	c := &http.Client{Transport: &providerTransport{tokenFn: func() string { return tok }}}
	_, _ = c.Get("https://api.example.com")
}

// A header set kept as a map, filled by a helper.
func copyAuth(dst map[string]string, r *http.Request) {
	dst["Authorization"] = r.Header.Get("Authorization")
}

func sendWithMap(w http.ResponseWriter, r *http.Request) {
	hs := map[string]string{}
	copyAuth(hs, r)
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", hs["Authorization"]) // want `inbound credential from Header.Get\("Authorization"\)`
	_, _ = http.DefaultClient.Do(req)
}

// A decorator that hands its callback the inbound token.
func decorate(r *http.Request, apply func(token string)) {
	apply(r.Header.Get("Authorization"))
}

func withDecorator(w http.ResponseWriter, r *http.Request) {
	decorate(r, func(token string) {
		req, _ := http.NewRequest("GET", "https://api.example.com", nil)
		req.Header.Set("Authorization", token) // want `inbound credential from Header.Get\("Authorization"\)`
		_, _ = http.DefaultClient.Do(req)
	})
}

// A header set kept in a struct field as a map, filled in one function and
// copied out by name in another.
type relayRequest struct{ Headers map[string]string }

func (rr *relayRequest) capture(r *http.Request) {
	rr.Headers["Authorization"] = r.Header.Get("Authorization")
	rr.Headers["X-Request-Id"] = r.Header.Get("X-Request-Id")
}

func (rr *relayRequest) send() {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	for k, v := range rr.Headers {
		req.Header.Set(k, v) // want `inbound credential from Header.Get\("Authorization"\) \(reach.go:\d+\) is forwarded to Header.Set\(<name from a variable>\)`
	}
	_, _ = http.DefaultClient.Do(req)
}

func relay(w http.ResponseWriter, r *http.Request) {
	rr := &relayRequest{Headers: map[string]string{}}
	rr.capture(r)
	rr.send()
}
