// Package search connects the server, as an MCP client, to an upstream
// code-search MCP server, with OAuth tokens from that server's
// authorization server. The machine connection binds its token to the
// search server (RFC 8707); the one made for a user does not.
package search

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/url"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// serverURL is the search MCP server: the resource its tokens must be
// bound to.
const serverURL = "https://search.example.com/mcp"

var impl = &mcp.Implementation{Name: "issues", Version: "v0.1.0"}

// machine asks for the server's own token with resource=serverURL.
var machine = &clientcredentials.Config{
	ClientID:       os.Getenv("SEARCH_CLIENT_ID"),
	ClientSecret:   os.Getenv("SEARCH_CLIENT_SECRET"),
	TokenURL:       "https://auth.example.com/oauth/token",
	EndpointParams: url.Values{"resource": {serverURL}},
}

// Connect opens the server's own session with the search server.
func Connect(ctx context.Context) (*mcp.ClientSession, error) {
	transport := &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: machine.Client(ctx)}
	return mcp.NewClient(impl, nil).Connect(ctx, transport, nil)
}

// user is the authorization-code flow a user signs in to the search
// server with.
var user = &oauth2.Config{
	ClientID:    os.Getenv("SEARCH_CLIENT_ID"),
	RedirectURL: "https://issues.example.com/search/callback",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://auth.example.com/oauth/authorize",
		TokenURL: "https://auth.example.com/oauth/token",
	},
}

var verifiers = map[string]string{} // by state; a real server keeps them per session

// Login sends the user to the authorization server.
func Login(w http.ResponseWriter, r *http.Request) {
	state, verifier := rand.Text(), oauth2.GenerateVerifier()
	verifiers[state] = verifier
	http.Redirect(w, r, user.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// ConnectAsUser redeems the code and opens a session for the user; the
// token was asked for without the resource parameter, so every service
// of the authorization server would accept it.
func ConnectAsUser(ctx context.Context, state, code string) (*mcp.ClientSession, error) {
	tok, err := user.Exchange(ctx, code, oauth2.VerifierOption(verifiers[state]))
	if err != nil {
		return nil, err
	}
	transport := &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: user.Client(ctx, tok)}
	return mcp.NewClient(impl, nil).Connect(ctx, transport, nil)
}

// Callback is the redirect target of Login.
func Callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	session, err := ConnectAsUser(r.Context(), q.Get("state"), q.Get("code"))
	if err != nil {
		http.Error(w, "sign-in failed", http.StatusBadGateway)
		return
	}
	defer session.Close()
	w.WriteHeader(http.StatusNoContent)
}
