// Package cgocopies uses cgo. The analyzers see the file cgo wrote in the
// build cache, mapped back onto this one by //line directives: findings
// are reported here, but fixes are not offered, since their offsets are
// offsets in cgo's copy.
package cgocopies

// static int two(void) { return 2; }
import "C"

import (
	"net/http"
	"net/http/httputil"
	"net/url"
)

func Two() int { return int(C.two()) }

func assign(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequestWithContext(r.Context(), "GET", "https://api.example.com", nil)
	out.Header = r.Header // want `by the inbound header set assigned to an outbound request's Header`
	http.DefaultClient.Do(out)
}

var target, _ = url.Parse("https://api.example.com")

func director() http.Handler {
	return &httputil.ReverseProxy{ // want `an httputil.ReverseProxy whose Director or Rewrite keeps the client's Authorization header`
		Director: func(req *http.Request) {
			req.URL.Scheme = target.Scheme
			req.URL.Host = target.Host
		},
	}
}
