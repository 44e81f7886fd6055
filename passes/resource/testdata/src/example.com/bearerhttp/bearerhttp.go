// Package bearerhttp makes HTTP clients that send a bearer token; it
// imports no OAuth or MCP library.
package bearerhttp

import "net/http"

type transport struct{ token string }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return http.DefaultTransport.RoundTrip(req)
}

// NewClient returns a client that sends token.
func NewClient(token string) *http.Client { return &http.Client{Transport: &transport{token: token}} }
