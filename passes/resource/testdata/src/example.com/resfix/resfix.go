// Package resfix: the fix adds the resource parameter with the URL the
// transport is given, where that URL can be named at the flow call.
package resfix

import (
	"context"
	"net/http"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	o2 "golang.org/x/oauth2"
)

const mcpURL = "https://mcp.example.com/mcp"

var (
	cfg   = &o2.Config{ClientID: "c"}
	other = &o2.Config{ClientID: "other"}
	third = &o2.Config{ClientID: "third"}
)

// constant: both requests get the package constant.
func login(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, cfg.AuthCodeURL("state", o2.AccessTypeOffline()), http.StatusFound)
}

func callback(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := cfg.Exchange(ctx, code, // want `Config.Exchange and Config.AuthCodeURL send no RFC 8707 resource parameter`
		o2.AccessTypeOffline(),
	)
	return &mcp.StreamableClientTransport{Endpoint: mcpURL, HTTPClient: cfg.Client(ctx, tok)}
}

// local: a variable in scope at the exchange, given to mcp-go.
func local(ctx context.Context, code, server string) {
	tok, _ := other.Exchange(ctx, code) // want `Config.Exchange sends no RFC 8707 resource parameter`
	client.NewStreamableHttpClient(server, transport.WithHTTPBasicClient(other.Client(ctx, tok)))
}

// notInScope: the URL is a local of another function; no fix.
func exchange(ctx context.Context, code string) *o2.Token {
	tok, _ := third.Exchange(ctx, code) // want `Config.Exchange sends no RFC 8707 resource parameter`
	return tok
}

func notInScope(ctx context.Context, code string) *mcp.StreamableClientTransport {
	endpoint := "https://other.example.com/mcp"
	return &mcp.StreamableClientTransport{Endpoint: endpoint, HTTPClient: third.Client(ctx, exchange(ctx, code))}
}
