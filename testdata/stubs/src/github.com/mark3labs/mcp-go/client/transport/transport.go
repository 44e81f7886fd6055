// Package transport is a stub of mcp-go's client transports for tests.
package transport

import (
	"context"
	"net/http"
)

type HTTPHeaderFunc func(context.Context) map[string]string

type StreamableHTTP struct{ client *http.Client }

type StreamableHTTPCOption func(*StreamableHTTP)

func WithHTTPBasicClient(client *http.Client) StreamableHTTPCOption {
	return func(s *StreamableHTTP) { s.client = client }
}

func WithHTTPHeaders(headers map[string]string) StreamableHTTPCOption { return nil }

func WithHTTPHeaderFunc(headerFunc HTTPHeaderFunc) StreamableHTTPCOption { return nil }

func NewStreamableHTTP(serverURL string, options ...StreamableHTTPCOption) (*StreamableHTTP, error) {
	return &StreamableHTTP{}, nil
}

type SSE struct{}

type ClientOption func(*SSE)

func WithHeaders(headers map[string]string) ClientOption { return nil }

func WithHeaderFunc(headerFunc HTTPHeaderFunc) ClientOption { return nil }

func WithHTTPClient(httpClient *http.Client) ClientOption { return nil }

func NewSSE(baseURL string, options ...ClientOption) (*SSE, error) { return &SSE{}, nil }
