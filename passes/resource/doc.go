// Package resource defines an Analyzer that reports MCP clients whose
// OAuth tokens are not bound to the MCP server they call.
//
// # Analyzer resource
//
// resource: report MCP clients that do not bind their tokens to the server (RFC 8707)
//
// The MCP authorization specification puts half of the defence against
// token passthrough on the client: it sends the RFC 8707 resource
// parameter, the MCP server's URL, in its authorization and token
// requests, so that the token it gets is bound to that one server and
// fails audience validation everywhere else. A token asked for without it
// is accepted by every service of the authorization server, which is what
// a passthrough server (or a compromised one) replays.
//
// The analyzer reports an OAuth flow that sends no resource parameter
// when the token it gives (or a token source, an oauth2 transport or an
// HTTP client made from it, however many helpers, fields and packages it
// passes through) configures an MCP client transport:
//
//   - golang.org/x/oauth2 (v0.35.0 read): Config.Exchange and
//     Config.AuthCodeURL (each needs oauth2.SetAuthURLParam("resource",
//     url): an authorization URL of the same config — the same variable,
//     field or package variable — without it is reported even when the
//     exchange has it), the device flow (Config.DeviceAuth,
//     Config.DeviceAccessToken), Config.PasswordCredentialsToken (which
//     cannot send it);
//   - golang.org/x/oauth2/clientcredentials: Config.Token, TokenSource and
//     Client of a config whose EndpointParams has no "resource";
//   - the MCP go-sdk (v1.8.0 read): extauth.NewClientCredentialsHandler,
//     whose client-credentials flow sends no resource parameter, reported
//     where the program creates it. The go-sdk's
//     auth.AuthorizationCodeHandler sends it and is not reported.
//
// The option counts when it is in the call's option list, an option slice
// (built with a literal or append, on every path, or on every path that
// has a resource to send: if res != "" { append the option with res }), a
// helper of the package that returns it, a parameter every caller in the
// package gives it to, or a field or variable the package stores such
// options in; an option list the analysis cannot see is taken to have it.
// The walk follows helpers, callers and stores 6 deep; a call it could
// not decide within that is taken to bind, with a limit diagnostic there.
// A parameter with another name ("audience") does not count.
//
// MCP client transports: the go-sdk's StreamableClientTransport
// (HTTPClient, OAuthHandler) and SSEClientTransport (HTTPClient); mcp-go
// v1.2.1's transport options WithHTTPBasicClient, WithHTTPHeaders,
// WithHTTPHeaderFunc (streamable HTTP), WithHTTPClient, WithHeaders,
// WithHeaderFunc (SSE) and the client package's WithHeaders and
// WithHeaderFunc. An HTTP
// client whose RoundTripper sets the token (an oauth2.Transport, or a
// RoundTripper of the program holding the token) carries it. A token used
// only for another API is not a finding.
//
// The finding is reported at the flow call that lacks the parameter (the
// exchange, or the authorization URL when only it lacks it), with the path
// to the transport as related information, and, when the flow is in
// another package than the transport, at the hand-over to the transport.
// When the MCP server's URL given to the transport is a constant or a
// variable in scope at the flow call, a suggested fix adds
// oauth2.SetAuthURLParam("resource", <that URL>) to each call that lacks
// it.
//
// A token read from a file or a cache is not followed back to the flow
// that obtained it (the analysis does not follow data through files or
// credential helpers); one kept in a field or package variable is. Only
// packages that can obtain, carry or hand over a token are analyzed: they
// import an OAuth or MCP client library (or one the configuration names),
// call a function of another package that yields or consumes one, or
// build HTTP clients (a function returning a client, a RoundTripper or a
// token source, or a RoundTripper type).
//
// Configuration: oauth-flows (function, result, options: the argument
// with the oauth2.AuthCodeOption list, if any) and mcp-transports
// (function and argument, or field), in the schema of .passthrough.yml.
package resource
