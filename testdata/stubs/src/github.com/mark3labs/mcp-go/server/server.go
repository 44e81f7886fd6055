// Package server is a stub of mark3labs/mcp-go's server package for tests.
package server

import (
	"context"
	"net/http"
)

type HTTPContextFunc func(ctx context.Context, r *http.Request) context.Context

type StreamableHTTPOption interface{}

func WithHTTPContextFunc(fn HTTPContextFunc) StreamableHTTPOption { return nil }
