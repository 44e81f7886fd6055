// Package sdkproxy reproduces the MCP go-sdk's examples/server/proxy: a
// tool handler puts the inbound header map in the context, and a transport
// copies every header of it into the outgoing request.
package sdkproxy

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type ctxKey string

const headerContextKey ctxKey = "headers"

type HeaderForwardingTransport struct{}

func (h *HeaderForwardingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	newReq := req.Clone(req.Context())
	if headers, ok := req.Context().Value(headerContextKey).(http.Header); ok {
		for key, values := range headers {
			for _, value := range values {
				newReq.Header.Add(key, value) // want `inbound header set from inbound MCP request header Extra.Header .* forwarded wholesale`
			}
		}
	}
	return http.DefaultTransport.RoundTrip(newReq)
}

func gateway(ctx context.Context, req *mcp.CallToolRequest, args struct{}) (*mcp.CallToolResult, any, error) {
	incomingHeaders := req.Extra.Header
	propagateCtx := context.WithValue(ctx, headerContextKey, incomingHeaders)
	client := &http.Client{Transport: new(HeaderForwardingTransport)}
	r, _ := http.NewRequestWithContext(propagateCtx, "GET", "https://upstream.example.com/mcp", nil)
	client.Do(r)
	return nil, nil, nil
}
