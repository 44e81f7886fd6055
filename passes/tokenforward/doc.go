// Package tokenforward defines an Analyzer that reports inbound credentials
// forwarded to upstream services.
//
// # Analyzer tokenforward
//
// tokenforward: report an inbound credential that reaches an outbound credential
//
// An MCP server (or any API proxy) must not pass the bearer token its client
// sent on to an upstream API: the MCP authorization specification forbids
// this "token passthrough". The upstream would trust a token the server
// never vetted (a confused deputy), stolen tokens could be laundered
// through the server, and audit logs would blame the wrong principal. The
// server must be its own OAuth client upstream, with a token issued for that
// purpose (RFC 8693 token exchange, client credentials).
//
// The analyzer follows a credential read from a received request:
//
//   - r.Header.Get("Authorization"), Values, r.Header["Authorization"],
//     r.BasicAuth(), for Authorization, Proxy-Authorization, the default
//     list of API-key and token headers (X-Api-Key, Private-Token, names
//     ending in -Token or -Api-Key; default-headers: false turns it off)
//     and configured header names, however the name is spelled; and a
//     function that reads the header its caller names (c.GetHeader(key)),
//     where it is called with a credential name;
//   - in HTTP handlers, middleware, mcp-go HTTP context hooks,
//     httputil.ProxyRequest.In, go-sdk RequestExtra.Header and mcp-go
//     request Header fields, and the token given to a go-sdk verifier;
//   - in the web frameworks and RPC stacks the built-in library models
//     describe (gin, echo, fiber, fasthttp, Connect, gRPC incoming
//     metadata), including their request-scoped stores by key;
//
// through string operations, variables, function parameters and results,
// parameters written through, struct fields, closures, method values,
// function values, calls through interfaces, generic functions, channels,
// url.Userinfo and context values (by key identity, including keys built
// from a constant list), in this package and across packages (also
// packages that meet only in a third one), to:
//
//   - Header.Set/Add or index assignment of a credential header on a
//     request the program sends (http.NewRequest, a clone, a RoundTrip
//     argument, ProxyRequest.Out, a Director literal's request), or on a
//     header map the function made, reported where it is attached to such a
//     request (out.Header = h);
//   - Request.SetBasicAuth on such a request, or the URL it is made with
//     (http.NewRequest*: user info or a query parameter);
//   - an oauth2.Token built from it and given to StaticTokenSource,
//     ReuseTokenSource, Config.Client, Config.TokenSource or
//     Token.SetAuthHeader (not one handed to a token exchange);
//     client-go rest.Config.BearerToken,
//     go-github Client.WithAuthToken;
//   - the clients of the models: resty, go-retryablehttp, fasthttp,
//     Connect, gorilla and coder websockets, GraphQL clients, go-tfe;
//   - gRPC outgoing metadata with an "authorization" entry, and per-RPC
//     credentials returning one;
//   - any function parameter or struct field that reaches one of these in
//     analyzed code, dependencies included (discovered, exported as facts).
//
// The diagnostic is reported at the sink when it is in the package being
// analyzed, and otherwise at the call or store that hands the credential
// to it; the path from source to sink is attached as related information.
//
// Not reported: a credential header the server replaced with its own
// value before the read (in the function, in a helper called first, or in
// a middleware in front of every registration of the handler: a gateway
// that puts its upstream key in place of the client's); response headers, the inbound request's own header in
// middleware, the body of a token-exchange or introspection request,
// logging, hashing or comparing the token, and credentials from
// configuration, the environment or a token-exchange response. Validation
// does not make forwarding safe: a validated token that is then forwarded
// is still reported.
//
// A read on a request the function is given, which its package cannot
// decide (in a helper, or in an exported handler its package does not
// register), waits on that request and is decided where the function is
// called or registered: a registration without the replacement is
// reported there, once per handler and package. In an exported handler
// whose package sees no replacing middleware, the read is also reported
// at once, provisionally: the passthrough command, which sees every
// package, drops it when every registration replaces the header; go vet
// and golangci-lint, one package at a time, keep it.
//
// Wholesale copies of the inbound header set are the headerforward
// analyzer's findings; tokenforward stays silent about them.
package tokenforward
