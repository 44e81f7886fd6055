// Package mcp is a stub of the MCP go-sdk mcp package for tests.
package mcp

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/auth"
)

type RequestExtra struct {
	TokenInfo *auth.TokenInfo
	Header    http.Header
}

type CallToolParams struct {
	Name      string
	Arguments any
}

type ServerRequest[P any] struct {
	Params P
	Extra  *RequestExtra
}

func (r *ServerRequest[P]) GetExtra() *RequestExtra { return r.Extra }

type CallToolRequest = ServerRequest[*CallToolParams]

type CallToolResult struct{ Content []any }

// StreamableClientTransport connects a client to a streamable HTTP server.
type StreamableClientTransport struct {
	Endpoint     string
	HTTPClient   *http.Client
	OAuthHandler auth.OAuthHandler
}

// SSEClientTransport connects a client to an SSE server.
type SSEClientTransport struct {
	Endpoint   string
	HTTPClient *http.Client
}

type Client struct{}

func NewClient(impl any, opts any) *Client { return &Client{} }

type ClientSession struct{}

func (c *Client) Connect(ctx context.Context, t any, opts any) (*ClientSession, error) {
	return &ClientSession{}, nil
}
