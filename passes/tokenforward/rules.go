package tokenforward

import (
	"go/types"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"golang.org/x/tools/go/ssa"
)

// The kinds of value tokenforward follows.
var (
	inboundRequest  = dataflow.NewKind("inreq")  // a request the program received
	inboundHeader   = dataflow.NewKind("inhdr")  // the header of a received request
	credential      = dataflow.NewKind("cred")   // a credential read from a received request
	outboundRequest = dataflow.NewKind("outreq") // a request the program sends
	outboundHeader  = dataflow.NewKind("outhdr") // the header of a request the program sends
)

// rules tells the dataflow engine where inbound credentials come from and
// where they leak.
type rules struct {
	headers map[string]bool  // credential header names, lower case
	sources map[string][]int // configured: function full name -> result indexes
	sinks   map[string][]int // configured: function full name -> argument indexes (receiver not counted)
}

func newRules(extraHeaders []string, sources, sinks map[string][]int) *rules {
	r := &rules{
		headers: map[string]bool{"authorization": true, "proxy-authorization": true},
		sources: sources,
		sinks:   sinks,
	}
	for _, h := range extraHeaders {
		r.headers[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return r
}

func (r *rules) isCredentialHeader(v ssa.Value) (string, bool) {
	name, ok := dataflow.ConstString(v)
	if !ok || !r.headers[strings.ToLower(name)] {
		return "", false
	}
	return name, true
}

func (r *rules) Derivable(k dataflow.Kind) bool { return k == credential }

func (r *rules) Assumable(t types.Type) []dataflow.Kind {
	switch {
	case isNamed(t, "net/http", "Request"):
		return []dataflow.Kind{inboundRequest, outboundRequest}
	case isNamed(t, "net/http", "Header"), isNamed(t, "net/textproto", "MIMEHeader"):
		return []dataflow.Kind{inboundHeader, outboundHeader}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return []dataflow.Kind{credential}
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{credential}
		}
	case *types.Slice:
		switch e := u.Elem().Underlying().(type) {
		case *types.Basic:
			if e.Kind() == types.Byte || e.Info()&types.IsString != 0 {
				return []dataflow.Kind{credential}
			}
		case *types.Interface: // []any, []T
			return []dataflow.Kind{credential}
		}
	}
	return nil
}

// Param recognizes the functions whose parameters the HTTP stack fills:
// handlers and context hooks receive inbound requests, round trippers and
// reverse-proxy directors get outbound ones, and an MCP go-sdk token
// verifier gets the inbound bearer token itself.
func (r *rules) Param(fn *ssa.Function, i int) (dataflow.Kind, string) {
	sig := fn.Signature
	params := fn.Params
	if len(params) == 0 || i >= len(params) {
		return 0, ""
	}
	recv := 0
	if sig.Recv() != nil {
		recv = 1
	}
	ts := make([]types.Type, 0, len(params)-recv)
	for _, p := range params[recv:] {
		ts = append(ts, p.Type())
	}
	j := i - recv
	if j < 0 || j >= len(ts) {
		return 0, "" // receiver or free variable
	}
	isReq := func(t types.Type) bool { return isNamed(t, "net/http", "Request") }
	switch {
	case len(ts) == 2 && isNamed(ts[0], "net/http", "ResponseWriter") && isReq(ts[1]) && j == 1:
		return inboundRequest, "inbound request " + params[i].Name() + " of HTTP handler " + funcName(fn)
	case len(ts) == 2 && isNamed(ts[0], "context", "Context") && isReq(ts[1]) && j == 1 &&
		sig.Results().Len() == 1 && isNamed(sig.Results().At(0).Type(), "context", "Context"):
		return inboundRequest, "inbound request " + params[i].Name() + " of HTTP context hook " + funcName(fn)
	case len(ts) == 3 && isNamed(ts[0], "context", "Context") && isReq(ts[2]) && isString(ts[1]) &&
		sig.Results().Len() == 2 && isNamed(sig.Results().At(0).Type(), goSDKAuth, "TokenInfo"):
		if j == 1 {
			return credential, "bearer token " + params[i].Name() + " given to token verifier " + funcName(fn)
		}
		if j == 2 {
			return inboundRequest, "inbound request " + params[i].Name() + " given to token verifier " + funcName(fn)
		}
	case recv == 1 && fn.Name() == "RoundTrip" && len(ts) == 1 && isReq(ts[0]) && j == 0:
		return outboundRequest, "outbound request " + params[i].Name() + " of RoundTrip"
	case fn.Parent() != nil && len(ts) == 1 && isReq(ts[0]) && sig.Results().Len() == 0:
		// A function literal of the Director shape: the request it gets is
		// the one about to be sent.
		return outboundRequest, "outbound request " + params[i].Name() + " of director " + funcName(fn)
	case fn.Parent() != nil && len(ts) == 1 && isReq(ts[0]) && sig.Results().Len() == 2 &&
		isNamed(sig.Results().At(0).Type(), "net/http", "Response"):
		// A function literal of the RoundTrip shape, the usual way to
		// write a transport (roundTripperFunc(func(req) ...)).
		return outboundRequest, "outbound request " + params[i].Name() + " of round-trip func " + funcName(fn)
	}
	return 0, ""
}

const (
	goSDKMCP  = "github.com/modelcontextprotocol/go-sdk/mcp"
	goSDKAuth = "github.com/modelcontextprotocol/go-sdk/auth"
	mcpGoMCP  = "github.com/mark3labs/mcp-go/mcp"
)

func (r *rules) Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	pkg := ""
	if f.Pkg() != nil {
		pkg = f.Pkg().Path()
	}
	switch {
	case base == 0 && pkg == goSDKMCP && f.Name() == "Header" && isNamed(f.Type(), "net/http", "Header"):
		return inboundHeader, "inbound MCP request header Extra.Header"
	case base == 0 && pkg == mcpGoMCP && f.Name() == "Header" && isNamed(f.Type(), "net/http", "Header"):
		return inboundHeader, "inbound MCP request header request.Header"
	case base == 0 && pkg == "net/http/httputil" && f.Name() == "In":
		return inboundRequest, "inbound request ProxyRequest.In"
	case base == 0 && pkg == "net/http/httputil" && f.Name() == "Out":
		return outboundRequest, "outbound request ProxyRequest.Out"
	case pkg == "net/http" && f.Name() == "Header" && isNamed(f.Type(), "net/http", "Header"):
		switch base {
		case inboundRequest:
			return inboundHeader, ""
		case outboundRequest:
			return outboundHeader, ""
		}
	}
	return 0, ""
}

// FieldSink lists the library fields that turn a string into the bearer
// credential of an upstream client, for when the library is not analyzed.
// (oauth2.Token.AccessToken is not one: a Token is also how a subject
// token is handed to a token exchange. The oauth2 functions that send a
// Token are modelled instead.)
func (r *rules) FieldSink(f *types.Var, k dataflow.Kind) (string, bool) {
	if k != credential || f.Pkg() == nil {
		return "", false
	}
	if f.Pkg().Path() == "k8s.io/client-go/rest" && f.Name() == "BearerToken" {
		return "rest.Config.BearerToken", true
	}
	return "", false
}

func (r *rules) Value(v ssa.Value) (dataflow.Kind, string) {
	if _, ok := v.(*ssa.MakeMap); ok && isNamed(v.Type(), "net/http", "Header") {
		return outboundHeader, "new http.Header"
	}
	return 0, ""
}

func isNamed(t types.Type, pkg, name string) bool {
	p, n := dataflow.NamedType(t)
	return p == pkg && n == name
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// funcName names a function for messages: "ServeHTTP", "func literal in
// Middleware".
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		for fn.Parent() != nil {
			fn = fn.Parent()
		}
		return "func literal in " + fn.Name()
	}
	return fn.Name()
}
