// Package carriers follows a credential through the ways Go code moves a // want package:`func roundTripperFunc\.RoundTrip: [^;]*source:outreq->callof0.arg0`
// value inside one package: variables and phis, string operations, helper
// functions, struct fields, closures, method values, generics and maps.
package carriers

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

func newUpstream() *http.Request {
	req, _ := http.NewRequest("GET", "https://api.example.com/v1", nil)
	return req
}

func phi(w http.ResponseWriter, r *http.Request) {
	tok := "anonymous"
	if r.URL.Query().Get("forward") != "" {
		tok = r.Header.Get("Authorization")
	}
	out := newUpstream()
	out.Header.Set("Authorization", tok) // want `inbound credential`
}

func stringOps(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	fields := strings.Fields(auth)
	tok := fields[1]
	out := newUpstream()
	out.Header.Set("Authorization", fmt.Sprintf("Bearer %s", tok)) // want `inbound credential`
}

func split(w http.ResponseWriter, r *http.Request) {
	parts := strings.SplitN(r.Header.Get("Authorization"), " ", 2)
	out := newUpstream()
	out.Header.Set("Authorization", "Bearer "+parts[1]) // want `inbound credential`
}

func cutPrefix(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return
	}
	out := newUpstream()
	out.Header.Set("Authorization", "Bearer "+strings.ToLower(tok)) // want `inbound credential`
}

func builder(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("Bearer ")
	b.WriteString(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
	out := newUpstream()
	out.Header.Set("Authorization", b.String()) // want `inbound credential`
}

func bytesConversion(w http.ResponseWriter, r *http.Request) {
	raw := []byte(r.Header.Get("Authorization"))
	raw = bytes.TrimSpace(raw)
	out := newUpstream()
	out.Header.Set("Authorization", string(raw)) // want `inbound credential`
}

func basicRebuilt(w http.ResponseWriter, r *http.Request) {
	user, pass, _ := r.BasicAuth()
	enc := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	out := newUpstream()
	out.Header.Set("Authorization", "Basic "+enc) // want `inbound credential from Request.BasicAuth`
}

// Helpers in the same package: the report is at the sink inside the helper,
// with the call in the path.

func bearerFrom(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func setAuth(req *http.Request, token string) {
	req.Header.Set("Authorization", "Bearer "+token) // want `inbound credential from Header.Get\("Authorization"\) \(carriers.go:77\)`
}

func viaHelpers(w http.ResponseWriter, r *http.Request) {
	out := newUpstream()
	setAuth(out, bearerFrom(r))
}

// A helper that is also called with the server's own token and with the
// inbound request itself: only the inbound-token call matters, and it is
// reported once, at the helper's sink.
func alsoCalledSafely(w http.ResponseWriter, r *http.Request) {
	out := newUpstream()
	setAuth(out, "server-token")
	setAuth(r, bearerFrom(r)) // the inbound request: not a sink
}

// Struct fields.

type upstreamClient struct {
	base  string
	token string
}

func (c *upstreamClient) do(path string) {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token) // want `inbound credential`
	http.DefaultClient.Do(req)
}

func viaField(w http.ResponseWriter, r *http.Request) {
	c := &upstreamClient{base: "https://api.example.com", token: bearerFrom(r)}
	c.do("/user")
}

// A custom RoundTripper that holds the token in a field.

type bearerTransport struct {
	token string
	next  http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token) // want `inbound credential`
	return t.next.RoundTrip(req)
}

func viaTransport(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &bearerTransport{token: bearerFrom(r), next: http.DefaultTransport}}
	client.Get("https://api.example.com")
}

// Closures and method values.

func closure(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	send := func(req *http.Request) {
		req.Header.Set("Authorization", tok) // want `inbound credential`
	}
	send(newUpstream())
}

type forwarder struct{ tok string }

func (f forwarder) apply(req *http.Request) {
	req.Header.Set("Authorization", f.tok) // want `inbound credential`
}

func methodValue(w http.ResponseWriter, r *http.Request) {
	apply := forwarder{tok: r.Header.Get("Authorization")}.apply
	apply(newUpstream())
}

// Generic functions.

func first[T any](xs []T) T { return xs[0] }

func withHeader[S ~string](req *http.Request, v S) {
	req.Header.Set("Authorization", string(v)) // want `inbound credential`
}

func generics(w http.ResponseWriter, r *http.Request) {
	tok := first(r.Header.Values("Authorization"))
	withHeader(newUpstream(), tok)
}

// Maps with constant keys.

func viaMap(w http.ResponseWriter, r *http.Request) {
	creds := map[string]string{"upstream": r.Header.Get("Authorization")}
	out := newUpstream()
	out.Header.Set("Authorization", creds["upstream"]) // want `inbound credential`
}

// A header map built by hand and attached to the request: reported where
// it is attached.

func headerLiteral(w http.ResponseWriter, r *http.Request) {
	h := http.Header{}
	h.Set("Authorization", r.Header.Get("Authorization"))
	out := newUpstream()
	out.Header = h // want `inbound credential .* forwarded to a header carrying it attached to an outbound request`
}

// A transport written as a function literal, as client libraries do: the
// token is captured by the literal.

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func withToken(token string) http.RoundTripper {
	return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", "Bearer "+token) // want `inbound credential`
		return http.DefaultTransport.RoundTrip(req)
	})
}

func viaTransportFunc(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: withToken(bearerFrom(r))}
	c.Get("https://api.example.com")
}
