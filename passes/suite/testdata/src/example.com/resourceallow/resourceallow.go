// Package resourceallow checks //passthrough:allow for the resource
// analyzer.
package resourceallow

import (
	"context"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
)

var legacy, modern = &oauth2.Config{ClientID: "legacy"}, &oauth2.Config{ClientID: "modern"}

func allowed(ctx context.Context, code string) *mcp.StreamableClientTransport {
	//passthrough:allow resource the legacy authorization server rejects the resource parameter
	tok, _ := legacy.Exchange(ctx, code)
	return &mcp.StreamableClientTransport{Endpoint: "https://legacy.example.com/mcp", HTTPClient: legacy.Client(ctx, tok)}
}

func reported(ctx context.Context, code string) *mcp.StreamableClientTransport {
	//passthrough:allow tokenforward names another analyzer
	tok, _ := modern.Exchange(ctx, code) // want `resource: Config.Exchange sends no RFC 8707 resource parameter`
	return &mcp.StreamableClientTransport{Endpoint: "https://mcp.example.com/mcp", HTTPClient: modern.Client(ctx, tok)}
}
