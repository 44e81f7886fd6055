// Package gateway proxies file downloads and the public status API to the
// issue tracker.
package gateway

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
)

var (
	filesURL  = mustParse("https://files.issues.example.com")
	statusURL = mustParse("https://status.issues.example.com")
)

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// Files proxies downloads. The outgoing request is a copy of the incoming
// one, Authorization included: header passthrough.
func Files() http.Handler {
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(filesURL)
			pr.SetXForwarded()
		},
	}
}

// Status proxies the status API with the server's own credential: correct.
func Status() http.Handler {
	token := os.Getenv("STATUS_API_TOKEN")
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(statusURL)
			pr.Out.Header.Set("Authorization", "Bearer "+token)
		},
	}
}
