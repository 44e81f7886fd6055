// Package mcpsdk reads inbound headers the way MCP SDK tool handlers see
// them. (The same cases run against the real SDK modules in the end-to-end
// test under testdata/e2e.)
package mcpsdk

import (
	"context"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	sdkauth "github.com/modelcontextprotocol/go-sdk/auth"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func callAPI(ctx context.Context, auth string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", auth) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(req)
}

func goSDKTool(ctx context.Context, req *sdk.CallToolRequest, args struct{}) (*sdk.CallToolResult, any, error) {
	callAPI(ctx, req.Extra.Header.Get("Authorization"))
	return nil, nil, nil
}

func goSDKGetExtra(ctx context.Context, req *sdk.CallToolRequest, args struct{}) (*sdk.CallToolResult, any, error) {
	out, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", req.GetExtra().Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	return nil, nil, nil
}

func mcpGoTool(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	out, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", request.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	return nil, nil
}

// A go-sdk token verifier that checks the token by calling the upstream
// API with it: validation by passthrough.
func verifier(ctx context.Context, token string, r *http.Request) (*sdkauth.TokenInfo, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.github.com/user", nil)
	req.Header.Set("Authorization", "Bearer "+token) // want `inbound credential from bearer token token given to token verifier verifier`
	http.DefaultClient.Do(req)
	return &sdkauth.TokenInfo{}, nil
}

var _ = sdkauth.RequireBearerToken(verifier, nil)

// Tool arguments are not credentials, even when named like one.
func argsTool(ctx context.Context, req *sdk.CallToolRequest, args struct{ Token string }) (*sdk.CallToolResult, any, error) {
	callOwn(ctx, args.Token)
	return nil, nil, nil
}

func callOwn(ctx context.Context, tok string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	req.Header.Set("X-Upstream", tok)
	http.DefaultClient.Do(req)
}
