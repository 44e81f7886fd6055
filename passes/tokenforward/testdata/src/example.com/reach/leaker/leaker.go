// want package:`field:example.com/reach/info.TokenInfo.Token leaks cred`

// Package leaker builds the upstream client from the token info in the
// context; it never imports the middleware.
package leaker

import (
	"context"
	"net/http"

	"example.com/reach/info"
)

type transport struct{ token string }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return http.DefaultTransport.RoundTrip(req)
}

func Client(ctx context.Context) *http.Client {
	return &http.Client{Transport: &transport{token: info.From(ctx).Token}}
}
