// Package customflow has its own OAuth client and MCP transport, named
// in the configuration.
package customflow

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

type Authenticator struct{}

// Login runs the program's own flow; opts may carry resource.
func (a *Authenticator) Login(ctx context.Context, opts ...oauth2.AuthCodeOption) (string, error) {
	return "", nil
}

// Device runs a flow that cannot send it.
func Device(ctx context.Context) (*http.Client, error) { return http.DefaultClient, nil }

type Transport struct{ Client *http.Client }

func Dial(url, token string) {}

func run(ctx context.Context, a *Authenticator) {
	tok, _ := a.Login(ctx) // want `Authenticator.Login sends no RFC 8707 resource parameter, and the token from customflow.Authenticator.Login is used by customflow.Dial \(an MCP client transport, configured\)`
	Dial("https://mcp.example.com", tok)
	bound, _ := a.Login(ctx, oauth2.SetAuthURLParam("resource", "https://mcp.example.com"))
	Dial("https://mcp.example.com", bound)
	c, _ := Device(ctx) // want `customflow.Device cannot send the RFC 8707 resource parameter`
	_ = &Transport{Client: c}
}
