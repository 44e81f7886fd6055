// Package client is a stub of mcp-go's client package for tests.
package client

import "github.com/mark3labs/mcp-go/client/transport"

type Client struct{}

func NewStreamableHttpClient(baseURL string, options ...transport.StreamableHTTPCOption) (*Client, error) {
	return &Client{}, nil
}

func NewSSEMCPClient(baseURL string, options ...transport.ClientOption) (*Client, error) {
	return &Client{}, nil
}

func WithHeaders(headers map[string]string) transport.ClientOption { return transport.WithHeaders(headers) }

func WithHeaderFunc(headerFunc transport.HTTPHeaderFunc) transport.ClientOption {
	return transport.WithHeaderFunc(headerFunc)
}
