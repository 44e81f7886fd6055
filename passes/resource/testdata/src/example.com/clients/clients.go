// Package clients holds MCP clients that obtain OAuth tokens: some bind
// them to the MCP server with the RFC 8707 resource parameter, some do
// not.
package clients

import (
	"context"
	"net/http"
	"net/url"
	"os"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/modelcontextprotocol/go-sdk/auth/extauth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const serverURL = "https://mcp.example.com/mcp"

var conf = &oauth2.Config{ClientID: "client"}

// --- positives ---

// noResource exchanges a code without the parameter and gives the
// client to a go-sdk transport.
func noResource(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := conf.Exchange(ctx, code) // want `Config.Exchange sends no RFC 8707 resource parameter, and the token from Config.Exchange is used by go-sdk mcp.StreamableClientTransport.HTTPClient`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// otherParam sends "audience", which is not the RFC 8707 parameter.
func otherParam(ctx context.Context, code string) *mcp.SSEClientTransport {
	tok, _ := conf.Exchange(ctx, code, oauth2.SetAuthURLParam("audience", serverURL)) // want `Config.Exchange sends no RFC 8707 resource parameter`
	return &mcp.SSEClientTransport{Endpoint: serverURL, HTTPClient: oauth2.NewClient(ctx, oauth2.StaticTokenSource(tok))}
}

var authCfg = &oauth2.Config{ClientID: "web"}

// login sends the user to authorize without the parameter; callback's
// exchange has it, but the grant the code stands for is not bound.
func login(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, authCfg.AuthCodeURL("state"), http.StatusFound) // want `Config.AuthCodeURL sends no RFC 8707 resource parameter, and the token from Config.Exchange is used by mcp-go transport.WithHTTPHeaders`
}

func callback(w http.ResponseWriter, r *http.Request) {
	tok, err := authCfg.Exchange(r.Context(), r.URL.Query().Get("code"), oauth2.SetAuthURLParam("resource", serverURL))
	if err != nil {
		return
	}
	headers := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	client.NewStreamableHttpClient(serverURL, transport.WithHTTPHeaders(headers))
}

// password cannot send the parameter at all.
func password(ctx context.Context) {
	tok, _ := conf.PasswordCredentialsToken(ctx, "user", os.Getenv("PASSWORD")) // want `Config.PasswordCredentialsToken cannot send the RFC 8707 resource parameter`
	transport.NewSSE(serverURL, transport.WithHeaderFunc(func(context.Context) map[string]string {
		return map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	}))
}

// device runs the device flow without it.
func device(ctx context.Context) {
	da, _ := conf.DeviceAuth(ctx)
	tok, _ := conf.DeviceAccessToken(ctx, da) // want `Config.DeviceAccessToken and Config.DeviceAuth send no RFC 8707 resource parameter`
	client.NewSSEMCPClient(serverURL, transport.WithHTTPClient(conf.Client(ctx, tok)))
}

// machine uses client credentials without EndpointParams.
func machine(ctx context.Context) {
	cc := &clientcredentials.Config{ClientID: "svc", TokenURL: "https://as.example.com/token"}
	transport.NewStreamableHTTP(serverURL, transport.WithHTTPBasicClient(cc.Client(ctx))) // want `clientcredentials.Config.Client requests a token without the RFC 8707 resource parameter`
}

// machineAudience puts another parameter in EndpointParams.
func machineAudience(ctx context.Context) *mcp.StreamableClientTransport {
	cc := clientcredentials.Config{ClientID: "svc", EndpointParams: url.Values{"audience": {serverURL}}}
	ts := cc.TokenSource(ctx) // want `clientcredentials.Config.TokenSource requests a token without`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: &http.Client{Transport: &oauth2.Transport{Source: ts}}}
}

// bearerTransport is a RoundTripper of the program that sets the token.
type bearerTransport struct {
	token string
	base  http.RoundTripper
}

func (b *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.base.RoundTrip(req)
}

func clientWith(token string) *http.Client {
	return &http.Client{Transport: &bearerTransport{token: token, base: http.DefaultTransport}}
}

// viaRoundTripper reaches the transport through a helper and a
// RoundTripper of its own.
func viaRoundTripper(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := conf.Exchange(ctx, code, oauth2.AccessTypeOffline()) // want `Config.Exchange sends no RFC 8707 resource parameter`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: clientWith(tok.AccessToken)}
}

// session keeps the token in a field; another method builds the
// transport from it.
type session struct{ tok *oauth2.Token }

func (s *session) login(ctx context.Context, code string) {
	s.tok, _ = conf.Exchange(ctx, code) // want `Config.Exchange sends no RFC 8707 resource parameter`
}

func (s *session) connect(ctx context.Context) *mcp.StreamableClientTransport {
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, s.tok)}
}

// someModes sends the parameter only in one mode.
func someModes(ctx context.Context, code string, bind bool) *mcp.StreamableClientTransport {
	opts := []oauth2.AuthCodeOption{oauth2.AccessTypeOffline()}
	if bind {
		opts = append(opts, oauth2.SetAuthURLParam("resource", serverURL))
	}
	tok, _ := conf.Exchange(ctx, code, opts...) // want `Config.Exchange sends no RFC 8707 resource parameter`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// goSDKClientCredentials uses the go-sdk's handler, whose flow sends no
// resource parameter.
func goSDKClientCredentials() *mcp.StreamableClientTransport {
	h, _ := extauth.NewClientCredentialsHandler(&extauth.ClientCredentialsHandlerConfig{}) // want `extauth.NewClientCredentialsHandler \(github.com/modelcontextprotocol/go-sdk\) sends no RFC 8707 resource parameter`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, OAuthHandler: h}
}

// --- negatives ---

// bound sends the parameter in the authorization URL and the exchange.
var boundCfg = &oauth2.Config{ClientID: "bound"}

func boundLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, boundCfg.AuthCodeURL("state", oauth2.SetAuthURLParam("resource", serverURL)), http.StatusFound)
}

func boundCallback(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := boundCfg.Exchange(ctx, code, resourceOption())
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: boundCfg.Client(ctx, tok)}
}

func resourceOption() oauth2.AuthCodeOption {
	return oauth2.SetAuthURLParam("resource", serverURL)
}

// boundSlice builds the options in a slice, with append.
func boundSlice(ctx context.Context, code string) *mcp.StreamableClientTransport {
	opts := []oauth2.AuthCodeOption{oauth2.AccessTypeOffline()}
	opts = append(opts, oauth2.SetAuthURLParam("resource", serverURL))
	tok, _ := conf.Exchange(ctx, code, opts...)
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// exchangeWith is given the options by every caller.
func exchangeWith(ctx context.Context, code string, opts ...oauth2.AuthCodeOption) *oauth2.Token {
	tok, _ := conf.Exchange(ctx, code, opts...)
	return tok
}

func boundThroughHelper(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok := exchangeWith(ctx, code, oauth2.SetAuthURLParam("resource", serverURL))
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// machineBound sets resource in EndpointParams, in the literal or with Set.
func machineBound(ctx context.Context) {
	cc := &clientcredentials.Config{ClientID: "svc", EndpointParams: url.Values{"resource": {serverURL}}}
	transport.NewStreamableHTTP(serverURL, transport.WithHTTPBasicClient(cc.Client(ctx)))
	params := url.Values{}
	params.Set("resource", serverURL)
	cc2 := &clientcredentials.Config{ClientID: "svc", EndpointParams: params}
	transport.NewStreamableHTTP(serverURL, transport.WithHTTPBasicClient(cc2.Client(ctx)))
	indexed := url.Values{}
	indexed["resource"] = []string{serverURL}
	cc3 := &clientcredentials.Config{ClientID: "svc"}
	cc3.EndpointParams = indexed
	transport.NewStreamableHTTP(serverURL, transport.WithHTTPBasicClient(cc3.Client(ctx)))
}

// otherAPI uses an unbound token for a REST API, not an MCP server.
func otherAPI(ctx context.Context, code string) {
	tok, _ := conf.Exchange(ctx, code)
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com/user", nil)
	conf.Client(ctx, tok).Do(req)
}

// staticToken is not traced to a flow: nothing to say how it was asked for.
func staticToken(ctx context.Context) *mcp.StreamableClientTransport {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: os.Getenv("MCP_TOKEN")})
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: oauth2.NewClient(ctx, ts)}
}

// injected gets its options from outside the package: not judged.
func Injected(ctx context.Context, code string, opts []oauth2.AuthCodeOption) *mcp.StreamableClientTransport {
	tok, _ := conf.Exchange(ctx, code, opts...)
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// configuredResource sends the parameter whenever there is a resource to
// send: the lacking path is the one where the resource is empty (as
// toolhive's OAuth flow does).
type flow struct {
	cfg      oauth2.Config
	resource string
}

func (f *flow) exchange(ctx context.Context, code string) *mcp.StreamableClientTransport {
	opts := []oauth2.AuthCodeOption{}
	if f.resource != "" {
		opts = append(opts, oauth2.SetAuthURLParam("resource", f.resource))
	}
	tok, _ := f.cfg.Exchange(ctx, code, opts...)
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: f.cfg.Client(ctx, tok)}
}

// onlyWhenAsked sends it under another condition: reported.
func onlyWhenAsked(ctx context.Context, code, resource string, bind bool) *mcp.StreamableClientTransport {
	var opts []oauth2.AuthCodeOption
	if bind {
		opts = append(opts, oauth2.SetAuthURLParam("resource", resource))
	}
	tok, _ := conf.Exchange(ctx, code, opts...) // want `Config.Exchange sends no RFC 8707 resource parameter`
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}

// getterGuard: the resource comes from a getter, called in the condition
// and again in the option (docker's MCP gateway does this).
type provider struct{ res string }

func (p *provider) resourceURL() string { return p.res }

func getterGuard(ctx context.Context, code string, p *provider) *mcp.StreamableClientTransport {
	opts := []oauth2.AuthCodeOption{oauth2.VerifierOption("v")}
	if p.resourceURL() != "" {
		opts = append(opts, oauth2.SetAuthURLParam("resource", p.resourceURL()))
	}
	tok, _ := conf.Exchange(ctx, code, opts...)
	return &mcp.StreamableClientTransport{Endpoint: serverURL, HTTPClient: conf.Client(ctx, tok)}
}
