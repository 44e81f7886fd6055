// Package mcp is a stub of the MCP go-sdk mcp package for tests.
package mcp

import (
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
