// Package fixnames is analyzed with X-Tenant-Secret configured: the
// suggested fixes remove it along with Authorization.
package fixnames

import (
	"net/http"
	"net/http/httputil"
	"net/url"
)

func assign(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func loop(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	for k, vs := range r.Header {
		out.Header[k] = vs // want `forwarded wholesale`
	}
	http.DefaultClient.Do(out)
}

var target, _ = url.Parse("https://api.example.com")

var proxy = &httputil.ReverseProxy{ // want `keeps the client's Authorization`
	Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
	},
}
