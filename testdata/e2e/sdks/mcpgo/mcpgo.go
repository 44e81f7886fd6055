// Package mcpgo exercises tokenforward against the real mark3labs/mcp-go.
package mcpgo

import (
	"context"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type tokenKey struct{}

func callUpstream(ctx context.Context, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/v1/me", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", token) // want tokenforward
	_, err = http.DefaultClient.Do(req)
	return err
}

func tool(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return nil, callUpstream(ctx, request.Header.Get("Authorization"))
}

// fromContext reads what the HTTP context hook stored.
func fromContext(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	tok, _ := ctx.Value(tokenKey{}).(string)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/v1/repos", nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth("mcp", tok) // want tokenforward
	_, err = http.DefaultClient.Do(req)
	return nil, err
}

// New builds a streamable HTTP server whose context hook keeps the token,
// unverified (audience reports it).
func New() *server.StreamableHTTPServer {
	s := server.NewMCPServer("demo", "0.1.0")
	s.AddTool(mcp.NewTool("me"), tool)
	s.AddTool(mcp.NewTool("from_context"), fromContext)
	return server.NewStreamableHTTPServer(s, server.WithHTTPContextFunc(func(ctx context.Context, r *http.Request) context.Context {
		return context.WithValue(ctx, tokenKey{}, r.Header.Get("Authorization")) // want audience
	}))
}
