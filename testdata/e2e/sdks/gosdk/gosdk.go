// Package gosdk exercises tokenforward against the real MCP go-sdk. A
// "// want tokenforward" comment marks each line that must be reported;
// the end-to-end test checks that exactly those are.
package gosdk

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func newUpstream(ctx context.Context) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/v1/me", nil)
	return req
}

func viaExtra(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", req.Extra.Header.Get("Authorization")) // want tokenforward
	_, err := http.DefaultClient.Do(out)
	return nil, nil, err
}

func viaGetExtra(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", req.GetExtra().Header.Get("Authorization")) // want tokenforward
	_, err := http.DefaultClient.Do(out)
	return nil, nil, err
}

func ownCredential(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
	_, err := http.DefaultClient.Do(out)
	return nil, nil, err
}

// verify validates the bearer token by calling the upstream with it.
func verify(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", "Bearer "+token) // want tokenforward
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return &auth.TokenInfo{}, nil
}

// Register wires the handlers to a server.
func Register(s *mcp.Server) http.Handler {
	mcp.AddTool(s, &mcp.Tool{Name: "extra"}, viaExtra)
	mcp.AddTool(s, &mcp.Tool{Name: "get_extra"}, viaGetExtra)
	mcp.AddTool(s, &mcp.Tool{Name: "own"}, ownCredential)
	mcp.AddTool(s, &mcp.Tool{Name: "gateway"}, gateway)
	h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	return auth.RequireBearerToken(verify, nil)(h)
}

// trustAll accepts any non-empty token.
func trustAll(ctx context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
	if token == "" {
		return nil, auth.ErrInvalidToken
	}
	return &auth.TokenInfo{UserID: "anyone"}, nil // want audience
}

// Open wires the verifier that accepts anything.
func Open(h http.Handler) http.Handler {
	return auth.RequireBearerToken(trustAll, nil)(h)
}

// decodedPayload reads the JWT's claims with base64 and JSON and checks
// them, but never the signature: anyone can mint such a token.
func decodedPayload(ctx context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, auth.ErrInvalidToken
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, auth.ErrInvalidToken
	}
	var claims struct {
		Sub string `json:"sub"`
		Exp int64  `json:"exp"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.Exp < time.Now().Unix() {
		return nil, auth.ErrInvalidToken
	}
	return &auth.TokenInfo{UserID: claims.Sub}, nil // want audience
}

// RegisterDecoded installs it.
func RegisterDecoded(h http.Handler) http.Handler {
	return auth.RequireBearerToken(decodedPayload, nil)(h)
}
