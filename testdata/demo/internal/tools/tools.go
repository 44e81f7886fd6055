// Package tools implements the server's MCP tools.
package tools

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"

	"example.com/demo/internal/auth"
	"example.com/demo/internal/exchange"
	"example.com/demo/internal/upstream"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Register adds the tools to the server.
func Register(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{Name: "list_issues", Description: "List open issues"}, listIssues)
	mcp.AddTool(s, &mcp.Tool{Name: "get_profile", Description: "Show the user's profile"}, getProfile)
	mcp.AddTool(s, &mcp.Tool{Name: "search", Description: "Search public issues"}, search)
	mcp.AddTool(s, &mcp.Tool{Name: "create_issue", Description: "Create an issue"}, createIssue)
	mcp.AddTool(s, &mcp.Tool{Name: "render", Description: "Render an issue as HTML"}, render)
}

type listArgs struct {
	Project string `json:"project"`
}

type issues struct {
	Items []map[string]any `json:"items"`
}

func text(v any) *mcp.CallToolResult {
	b, _ := json.Marshal(v)
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(b)}}}
}

// listIssues forwards the client's token, taken from the context, to the
// upstream client: token passthrough.
func listIssues(ctx context.Context, req *mcp.CallToolRequest, args listArgs) (*mcp.CallToolResult, any, error) {
	client := upstream.New(auth.TokenFromContext(ctx))
	var out issues
	if err := client.Get(ctx, "/projects/"+args.Project+"/issues", &out); err != nil {
		return nil, nil, err
	}
	return text(out), nil, nil
}

// getProfile copies the inbound Authorization header that the SDK exposes
// to tool handlers onto its own request: token passthrough.
func getProfile(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
	out, err := http.NewRequestWithContext(ctx, http.MethodGet, upstream.BaseURL+"/me", nil)
	if err != nil {
		return nil, nil, err
	}
	out.Header.Set("Authorization", req.Extra.Header.Get("Authorization"))
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	var profile map[string]any
	err = json.NewDecoder(resp.Body).Decode(&profile)
	return text(profile), nil, err
}

type searchArgs struct {
	Query string `json:"query"`
}

// search uses the server's own credential: correct.
func search(ctx context.Context, req *mcp.CallToolRequest, args searchArgs) (*mcp.CallToolResult, any, error) {
	client := upstream.New(os.Getenv("ISSUES_SERVICE_TOKEN"))
	var out issues
	err := client.Get(ctx, "/search?q="+args.Query, &out)
	return text(out), nil, err
}

type createArgs struct {
	Project string `json:"project"`
	Title   string `json:"title"`
}

// createIssue exchanges the client's token for an upstream one: correct.
func createIssue(ctx context.Context, req *mcp.CallToolRequest, args createArgs) (*mcp.CallToolResult, any, error) {
	tok, err := exchange.Token(ctx, auth.TokenFromContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	client := upstream.New(tok)
	var out map[string]any
	err = client.Get(ctx, "/projects/"+args.Project+"/issues/new?title="+args.Title, &out)
	return text(out), nil, err
}

// ProxyAttachment streams an attachment from the tracker. Its transport
// carries the caller's token in a field: token passthrough.
func ProxyAttachment(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	client := &http.Client{Transport: &bearerTransport{token: token, base: http.DefaultTransport}}
	resp, err := client.Get(upstream.BaseURL + "/attachments/" + strings.TrimPrefix(r.URL.Path, "/proxy/"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

type bearerTransport struct {
	token string
	base  http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(req)
}

type renderArgs struct {
	ID string `json:"id"`
}

// render asks the tracker's renderer for HTML, passing the client's
// headers along "for content negotiation": every header, Authorization
// included, is copied.
func render(ctx context.Context, req *mcp.CallToolRequest, args renderArgs) (*mcp.CallToolResult, any, error) {
	out, err := http.NewRequestWithContext(ctx, http.MethodGet, upstream.BaseURL+"/render/"+args.ID, nil)
	if err != nil {
		return nil, nil, err
	}
	for name, values := range req.Extra.Header {
		for _, v := range values {
			out.Header.Add(name, v)
		}
	}
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(body)}}}, nil, err
}
