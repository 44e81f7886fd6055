// Package proxies builds reverse proxies.
package proxies

import (
	"net/http"
	"net/http/httputil"
	"net/url"
)

var target, _ = url.Parse("https://api.example.com")

func singleHost() http.Handler {
	return httputil.NewSingleHostReverseProxy(target) // want `httputil.NewSingleHostReverseProxy, whose Director keeps the client's Authorization header`
}

func director() http.Handler {
	return &httputil.ReverseProxy{ // want `an httputil.ReverseProxy whose Director or Rewrite keeps the client's Authorization header`
		Director: func(req *http.Request) {
			req.URL.Scheme = target.Scheme
			req.URL.Host = target.Host
		},
	}
}

func rewrite() http.Handler {
	return &httputil.ReverseProxy{ // want `an httputil.ReverseProxy whose Director or Rewrite keeps`
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
		},
	}
}

type gateway struct{ upstream *url.URL }

func (g *gateway) direct(req *http.Request) {
	req.URL.Scheme, req.URL.Host = g.upstream.Scheme, g.upstream.Host
}

// A method value as Director: no fix offered (not a literal).
func methodDirector(g *gateway) http.Handler {
	return &httputil.ReverseProxy{Director: g.direct} // want `keeps the client's Authorization header`
}

// Safe: the wrapper of the original Director deletes Authorization.
func wrapped() http.Handler {
	p := httputil.NewSingleHostReverseProxy(target)
	orig := p.Director
	p.Director = func(req *http.Request) {
		orig(req)
		req.Header.Del("Authorization")
	}
	return p
}

// Safe: Rewrite sets the server's own credential.
func ownCredential(token string) http.Handler {
	return &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.Header.Set("Authorization", "Bearer "+token)
	}}
}

// Safe: a named Director that strips credentials through a helper.
func stripCredentials(h http.Header) {
	h.Del("Authorization")
	h.Del("Proxy-Authorization")
}

func (g *gateway) strict(req *http.Request) {
	g.direct(req)
	stripCredentials(req.Header)
}

func helperDirector(g *gateway) http.Handler {
	return &httputil.ReverseProxy{Director: g.strict}
}

// Safe: an allowlist replaces the outgoing header.
func allowlist() http.Handler {
	return &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		h := http.Header{}
		for _, k := range []string{"Accept", "Content-Type"} {
			if v := pr.In.Header.Get(k); v != "" {
				h.Set(k, v)
			}
		}
		pr.Out.Header = h
	}}
}

// Not judged here: the Director is set elsewhere.
func configuredElsewhere() *httputil.ReverseProxy {
	return &httputil.ReverseProxy{Transport: http.DefaultTransport}
}
