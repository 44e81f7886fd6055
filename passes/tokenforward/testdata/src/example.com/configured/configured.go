// Package configured is analyzed with a configured source and sink:
// -tokenforward.sources=example.com/configured.sessionToken:0 and
// -tokenforward.sinks=(*example.com/configured.Client).SetCredential:0.
package configured

import "context"

// sessionToken returns the caller's token from a session store the
// analyzer cannot see into.
func sessionToken(ctx context.Context) string { return lookup(ctx) }

var lookup func(context.Context) string

// Client talks to the upstream through a channel the analyzer cannot follow.
type Client struct{ creds chan string }

func (c *Client) SetCredential(tok string) { c.creds <- tok }

func forward(ctx context.Context, c *Client) {
	c.SetCredential("Bearer " + sessionToken(ctx)) // want `inbound credential from configured.sessionToken\(\) .* forwarded to configured.Client.SetCredential`
}

func own(ctx context.Context, c *Client) {
	c.SetCredential("Bearer static")
}
