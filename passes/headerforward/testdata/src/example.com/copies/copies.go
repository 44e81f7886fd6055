// Package copies forwards inbound header sets wholesale.
package copies

import (
	"context"
	"maps"
	"net/http"
)

func newReq(ctx context.Context) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	return req
}

func assign(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header = r.Header // want `inbound header set from inbound request r of HTTP handler assign .* is forwarded wholesale, Authorization included, by the inbound header set assigned to an outbound request's Header`
	http.DefaultClient.Do(out)
}

func clone(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func mapsCopy(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	maps.Copy(out.Header, r.Header) // want `by maps.Copy of the inbound header set`
	http.DefaultClient.Do(out)
}

func loop(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v) // want `by a copy of every inbound header \(by Header.Add\)`
		}
	}
	http.DefaultClient.Do(out)
}

func loopIndex(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		out.Header[k] = vs // want `by a copy of every inbound header \(by index assignment\)`
	}
	http.DefaultClient.Do(out)
}

// copyHeader is the usual helper: the finding is at its copy statement.
func copyHeader(dst, src http.Header) {
	for k, vv := range src {
		for _, v := range vv {
			dst.Add(k, v) // want `forwarded wholesale`
		}
	}
}

func viaHelper(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	copyHeader(out.Header, r.Header)
	http.DefaultClient.Do(out)
}

// Forwarding the received request itself.
func forwardRequest(w http.ResponseWriter, r *http.Request) {
	r.URL.Host = "api.example.com"
	r.RequestURI = ""
	resp, err := http.DefaultClient.Do(r) // want `received request from inbound request r .* by the received request sent upstream by Client.Do`
	if err == nil {
		resp.Body.Close()
	}
}

func forwardClone(w http.ResponseWriter, r *http.Request) {
	out := r.Clone(context.Background())
	out.RequestURI = ""
	http.DefaultTransport.RoundTrip(out) // want `received request .* sent upstream by RoundTrip`
}

// A header map made here, filled with every inbound header, then attached:
// reported where it is attached.
func freshHeader(w http.ResponseWriter, r *http.Request) {
	h := make(http.Header)
	for k, vs := range r.Header {
		h[k] = vs
	}
	out := newReq(r.Context())
	out.Header = h // want `forwarded wholesale, Authorization included, by the inbound header set assigned to an outbound request's Header`
	http.DefaultClient.Do(out)
}
