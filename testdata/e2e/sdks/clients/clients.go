// Package clients is MCP client code against the real go-sdk v1.8.0,
// mcp-go v1.2.1 and golang.org/x/oauth2: tokens bound to the MCP server
// (RFC 8707 resource parameter) and tokens that are not.
package clients

import (
	"context"
	"net/http"
	"net/url"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/auth/extauth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const server = "https://mcp.example.com/mcp"

var impl = &mcp.Implementation{Name: "e2e", Version: "v0"}

var web = &oauth2.Config{
	ClientID: "web",
	Endpoint: oauth2.Endpoint{AuthURL: "https://as.example.com/authorize", TokenURL: "https://as.example.com/token"},
}

// unbound: the exchange sends no resource parameter; go-sdk transport.
func unbound(ctx context.Context, code string) (*mcp.ClientSession, error) {
	tok, err := web.Exchange(ctx, code) // want resource
	if err != nil {
		return nil, err
	}
	t := &mcp.StreamableClientTransport{Endpoint: server, HTTPClient: web.Client(ctx, tok)}
	return mcp.NewClient(impl, nil).Connect(ctx, t, nil)
}

// machine: client credentials without EndpointParams, through an
// oauth2.Transport, to mcp-go's SSE client.
func machine(ctx context.Context) (*client.Client, error) {
	cc := &clientcredentials.Config{ClientID: "svc", ClientSecret: "s", TokenURL: "https://as.example.com/token"}
	httpClient := &http.Client{Transport: &oauth2.Transport{Source: cc.TokenSource(ctx)}} // want resource
	return client.NewSSEMCPClient(server, transport.WithHTTPClient(httpClient))
}

// headers: the device flow's token in mcp-go's streamable HTTP headers.
func headers(ctx context.Context) (*client.Client, error) {
	da, err := web.DeviceAuth(ctx)
	if err != nil {
		return nil, err
	}
	tok, err := web.DeviceAccessToken(ctx, da) // want resource
	if err != nil {
		return nil, err
	}
	return client.NewStreamableHttpClient(server, transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + tok.AccessToken}))
}

// goSDKMachine: the go-sdk's client-credentials handler sends no resource
// parameter (v1.8.0).
func goSDKMachine(ctx context.Context) (*mcp.ClientSession, error) {
	h, err := extauth.NewClientCredentialsHandler(&extauth.ClientCredentialsHandlerConfig{ // want resource
		Credentials: &oauthex.ClientCredentials{ClientID: "svc"},
	})
	if err != nil {
		return nil, err
	}
	t := &mcp.StreamableClientTransport{Endpoint: server, OAuthHandler: h}
	return mcp.NewClient(impl, nil).Connect(ctx, t, nil)
}

// --- bound, or not for an MCP server: nothing to report ---

func boundLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, web.AuthCodeURL("state", oauth2.SetAuthURLParam("resource", server)), http.StatusFound)
}

func bound(ctx context.Context, code string) (*mcp.ClientSession, error) {
	tok, err := web.Exchange(ctx, code, oauth2.SetAuthURLParam("resource", server))
	if err != nil {
		return nil, err
	}
	t := &mcp.SSEClientTransport{Endpoint: server, HTTPClient: oauth2.NewClient(ctx, web.TokenSource(ctx, tok))}
	return mcp.NewClient(impl, nil).Connect(ctx, t, nil)
}

func boundMachine(ctx context.Context) (*client.Client, error) {
	cc := &clientcredentials.Config{ClientID: "svc", TokenURL: "https://as.example.com/token", EndpointParams: url.Values{"resource": {server}}}
	return client.NewStreamableHttpClient(server, transport.WithHTTPBasicClient(cc.Client(ctx)))
}

// goSDKAuthorizationCode: the go-sdk's handler sends resource itself.
func goSDKAuthorizationCode(ctx context.Context) (*mcp.ClientSession, error) {
	h, err := auth.NewAuthorizationCodeHandler(&auth.AuthorizationCodeHandlerConfig{
		RedirectURL: "http://localhost:3142/callback",
		AuthorizationCodeFetcher: func(ctx context.Context, args *auth.AuthorizationArgs) (*auth.AuthorizationResult, error) {
			return nil, nil
		},
	})
	if err != nil {
		return nil, err
	}
	t := &mcp.StreamableClientTransport{Endpoint: server, OAuthHandler: h}
	return mcp.NewClient(impl, nil).Connect(ctx, t, nil)
}

// restAPI: an unbound token for another API, not an MCP server.
func restAPI(ctx context.Context) (*http.Response, error) {
	cc := &clientcredentials.Config{ClientID: "svc", TokenURL: "https://as.example.com/token"}
	return cc.Client(ctx).Get("https://api.example.com/v1/items")
}
