// Package mcp is a stub of mark3labs/mcp-go's mcp package for tests.
package mcp

import "net/http"

type CallToolRequest struct {
	Header http.Header
	Params struct {
		Name      string
		Arguments any
	}
}

type CallToolResult struct{}
