package gosdk

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// gateway forwards the tool call to another server with all the headers
// the client sent, as the go-sdk's examples/server/proxy does.
func gateway(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
	out, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://upstream.example.com/mcp", nil)
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range req.Extra.Header {
		out.Header[k] = vs // want headerforward
	}
	_, err = http.DefaultClient.Do(out)
	return nil, nil, err
}
