// Package linedirective is generated code in the style of goyacc or ragel:
// //line directives map its statements to lines of a grammar file, far
// beyond the end of this file. Diagnostics are reported at the grammar's
// lines; suggested fixes edit this file, at its own offsets.
package linedirective

import (
	"context"
	"maps"
	"net/http"
	"net/http/httputil"
	"net/url"
)

func newReq(ctx context.Context) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	return req
}

//line other.y:1000
func loop(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v) // want `by a copy of every inbound header \(by Header.Add\)`
		}
	}
	http.DefaultClient.Do(out)
}

//line other.y:2000
func assign(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header = r.Header // want `by the inbound header set assigned to an outbound request's Header`
	http.DefaultClient.Do(out)
}

//line other.y:3000
func mapsCopy(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	maps.Copy(out.Header, r.Header) // want `by maps.Copy of the inbound header set`
	http.DefaultClient.Do(out)
}

//line other.y:4000
func forwardClone(w http.ResponseWriter, r *http.Request) {
	out := r.Clone(context.Background())
	out.RequestURI = ""
	http.DefaultTransport.RoundTrip(out) // want `received request .* sent upstream by RoundTrip`
}

var target, _ = url.Parse("https://api.example.com")

//line other.y:5000
func director() http.Handler {
	return &httputil.ReverseProxy{ // want `an httputil.ReverseProxy whose Director or Rewrite keeps the client's Authorization header`
		Director: func(req *http.Request) {
			req.URL.Scheme = target.Scheme
			req.URL.Host = target.Host
		},
	}
}
