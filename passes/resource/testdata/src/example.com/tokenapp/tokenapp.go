// want package:"field:example.com/bearerhttp.transport.token holds unbound"
// Package tokenapp connects an MCP client with a client another package
// obtained.
package tokenapp

import (
	"context"

	"example.com/bearerhttp"
	"example.com/tokenlib"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func connect(ctx context.Context, code string) *mcp.StreamableClientTransport {
	return &mcp.StreamableClientTransport{Endpoint: "https://mcp.example.com", HTTPClient: tokenlib.Login(ctx, code)} // want `token from Config.Exchange, requested without a resource parameter in Config.Exchange \(tokenlib.go:16\) is used by go-sdk mcp.StreamableClientTransport.HTTPClient`
}

func connectBound(ctx context.Context, code string) *mcp.StreamableClientTransport {
	return &mcp.StreamableClientTransport{Endpoint: "https://mcp.example.com", HTTPClient: tokenlib.BoundLogin(ctx, code, "https://mcp.example.com")}
}

// viaHelperPackage wraps the token in a client made by a package that
// imports neither OAuth nor MCP.
func viaHelperPackage(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok := tokenlib.Token(ctx, code)
	return &mcp.StreamableClientTransport{HTTPClient: bearerhttp.NewClient(tok.AccessToken)} // want `token from Config.Exchange, requested without a resource parameter in Config.Exchange \(tokenlib.go:28\)`
}
