// Package gcl is linted by golangci-lint with the passthrough plugin.
package gcl

import (
	"net/http"
	"net/http/httputil"
	"net/url"
)

func upstream() *http.Request {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return req
}

func forwarded(w http.ResponseWriter, r *http.Request) {
	upstream().Header.Set("Authorization", r.Header.Get("Authorization")) // want passthrough
}

// X-Api-Key is a credential header by the plugin's settings.
func apiKey(w http.ResponseWriter, r *http.Request) {
	upstream().Header.Set("X-Api-Key", r.Header.Get("X-Api-Key")) // want passthrough
}

func nolinted(w http.ResponseWriter, r *http.Request) {
	upstream().Header.Set("Authorization", r.Header.Get("Authorization")) //nolint:passthrough // our own introspection service
}

func allowed(w http.ResponseWriter, r *http.Request) {
	//passthrough:allow tokenforward our own introspection service
	upstream().Header.Set("Authorization", r.Header.Get("Authorization"))
}

var target, _ = url.Parse("https://api.example.com")

func proxy() http.Handler {
	return &httputil.ReverseProxy{ // want passthrough
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
		},
	}
}

// signIn is the program's own OAuth flow and dialMCP its MCP client
// transport, both named in the plugin's settings (resource).
func signIn() (string, error) { return "token", nil }

func dialMCP(url, token string) {}

func connectMCP() {
	tok, _ := signIn() // want passthrough
	dialMCP("https://mcp.example.com/mcp", tok)
}
