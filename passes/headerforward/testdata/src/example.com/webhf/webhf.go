// want package:`field:example.com/webcl.DialOptions.HTTPHeader holds inhdr`

// Package webhf uses package webcl, described by a model in the test's
// configuration (see TestModels).
package webhf

import (
	"net/http"
	"os"
	"strings"

	"example.com/webcl"
)

func all(w http.ResponseWriter, r *http.Request) {
	h := map[string]string{}
	for k := range r.Header {
		h[k] = r.Header.Get(k)
	}
	(&webcl.Request{}).SetHeaders(h) // want `forwarded wholesale`
}

func skipping(w http.ResponseWriter, r *http.Request) {
	h := map[string]string{}
	for k := range r.Header {
		if strings.EqualFold(k, "Authorization") {
			continue
		}
		h[k] = r.Header.Get(k)
	}
	(&webcl.Request{}).SetHeaders(h)
}

// named reads single headers by name: not a copy of the set.
func named(w http.ResponseWriter, r *http.Request) {
	(&webcl.Request{}).SetHeaders(map[string]string{"X-Request-Id": r.Header.Get("X-Request-Id")})
}

func loop(w http.ResponseWriter, r *http.Request) {
	req := &webcl.Request{}
	for k := range r.Header {
		req.SetHeader(k, r.Header.Get(k)) // want `forwarded wholesale`
	}
	for k := range r.Header {
		if k == "Authorization" {
			continue
		}
		req.SetHeader(k, r.Header.Get(k))
	}
}

func dial(w http.ResponseWriter, r *http.Request) {
	webcl.Dial("wss://up", &webcl.DialOptions{HTTPHeader: r.Header}) // want `forwarded wholesale`
	h := r.Header.Clone()
	h.Del("Authorization")
	webcl.Dial("wss://up", &webcl.DialOptions{HTTPHeader: h})
}

func copies(c *webcl.Ctx) {
	out := webcl.NewOut()
	c.Head.CopyTo(&out.Head)                                       // want `forwarded wholesale`
	c.Head.VisitAll(func(k, v []byte) { out.Head.SetBytes(k, v) }) // want `forwarded wholesale`
}

func copiesThenDeletes(c *webcl.Ctx) {
	out := webcl.NewOut()
	c.Head.CopyTo(&out.Head)
	out.Head.Del("Authorization")
}

type ownKey struct{ base http.RoundTripper }

func (t ownKey) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+os.Getenv("KEY"))
	return t.base.RoundTrip(req)
}

func stripAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Authorization")
		next.ServeHTTP(w, r)
	})
}

func proxies() {
	webcl.Chain(webcl.Proxy("https://a", webcl.ProxyConfig{})) // want `webcl.Proxy, which forwards the received request with all its headers`
	webcl.Chain(webcl.Proxy("https://b", webcl.ProxyConfig{Transport: ownKey{http.DefaultTransport}}))
	webcl.Chain(stripAuth, webcl.Proxy("https://c", webcl.ProxyConfig{}))
}

// send has a handler's shape but is a helper its package only calls with
// requests it made: its request is not a received one.
func send(w http.ResponseWriter, out *http.Request) {
	resp, err := http.DefaultClient.Do(out)
	if err == nil {
		resp.Body.Close()
	}
}

func usesSend(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://up", nil)
	send(w, out)
}

// relay is registered as a handler and sends the received request.
func relay(w http.ResponseWriter, r *http.Request) {
	http.DefaultClient.Do(r) // want `received request`
}

func init() { http.HandleFunc("/relay", relay) }
