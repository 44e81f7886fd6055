// Package headerforward defines an Analyzer that reports inbound header
// sets forwarded wholesale to upstream services.
//
// # Analyzer headerforward
//
// headerforward: report inbound headers forwarded wholesale upstream
//
// A proxy or MCP server that copies every header of the request it
// received into the request it sends forwards the client's Authorization
// header with them: token passthrough by the back door. The analyzer
// reports:
//
//   - out.Header = in.Header, out.Header = in.Header.Clone(), and
//     maps.Copy(out.Header, in.Header);
//   - a loop over an inbound header set that writes every name into an
//     outbound header (Set, Add or index assignment), directly or through a
//     helper, a struct field or a context value carrying the whole header
//     map (as the go-sdk's examples/server/proxy does with
//     req.Extra.Header);
//   - sending the received request itself upstream (r, r.Clone(ctx),
//     r.WithContext(ctx)) with http.Client.Do or a RoundTrip;
//   - httputil.NewSingleHostReverseProxy, and httputil.ReverseProxy literals
//     whose Director or Rewrite (a literal, a named function or a method
//     value, including a wrapper of the original Director) never deletes or
//     replaces the Authorization header;
//   - the same through the frameworks and clients the built-in library
//     models describe: an inbound header set handed to resty, a websocket
//     dial or a fasthttp request, echo's middleware.Proxy, fiber's proxy.
//
// Not reported: loops that skip Authorization (a comparison with ==,
// strings.EqualFold, http.CanonicalHeaderKey, a switch, an allowlist that
// omits it or a denylist that names it); copies after which the function
// deletes or replaces Authorization on the outbound request or on the
// copy it attaches; copies, resends and reverse proxies of an inbound
// request whose credential headers the server replaced with its own first
// (in the function, a helper called first, or a middleware in front of
// every registration of the handler; a copy of a request the function is
// given waits on it and is decided where the function is called or
// registered, or is reported provisionally, as tokenforward's reads
// are); copies into the
// response (w.Header()); copies that are only logged. Removal is judged per header name (Authorization and each
// configured credential header must each be removed) and checked anywhere
// in the function that copies (not path by path), which errs toward
// silence.
//
// Where the change is mechanical a suggested fix is offered: a
// Del("Authorization") after a wholesale copy, at the start of a Director
// or Rewrite literal, or before sending the received request, and a
// continue for Authorization at the start of a copy loop.
package headerforward
