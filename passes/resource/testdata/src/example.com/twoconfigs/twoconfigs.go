// Package twoconfigs has two OAuth configs: an exchange is judged with
// the authorization URLs of its own config only.
package twoconfigs

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
)

const serverURL = "https://mcp.example.com/mcp"

// apiCfg's authorization URL lacks the parameter, but its tokens are for
// a REST API.
var apiCfg = &oauth2.Config{ClientID: "api"}

func apiLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, apiCfg.AuthCodeURL("state"), http.StatusFound)
}

func apiCallback(ctx context.Context, code string) *http.Client {
	tok, _ := apiCfg.Exchange(ctx, code)
	return apiCfg.Client(ctx, tok)
}

// server holds the MCP client's config in a field; both of its requests
// send the parameter.
type server struct{ mcpCfg oauth2.Config }

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, s.mcpCfg.AuthCodeURL("state", oauth2.SetAuthURLParam("resource", serverURL)), http.StatusFound)
}

func (s *server) callback(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := s.mcpCfg.Exchange(ctx, code, oauth2.SetAuthURLParam("resource", serverURL))
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: s.mcpCfg.Client(ctx, tok)}
}

// other is a second value of the same type whose authorization URL
// lacks it: the field is one config for the analysis, so its exchange is
// reported there.
func (s *server) loginOther(w http.ResponseWriter, r *http.Request) {
	other := &server{}
	http.Redirect(w, r, other.mcpCfg.AuthCodeURL("state"), http.StatusFound) // want `Config.AuthCodeURL sends no RFC 8707 resource parameter, and the token from Config.Exchange`
}
