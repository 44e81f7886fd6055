// Package httpflow is the HTTP knowledge the passthrough analyzers share:
// which requests a program received and which it sends, where their
// headers come from, the MCP SDK fields that expose inbound headers, which
// header names carry credentials (CredentialHeaders), and the request
// models of libraries compiled from the configuration and the built-in
// model files (Library: framework accessors, request types, handler
// registries, request-scoped stores). Each analyzer's rules build on it
// (see dataflow.Rules).
package httpflow

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"golang.org/x/tools/go/ssa"
)

// The kinds of request and header values.
var (
	InboundRequest  = dataflow.NewKind("inreq")  // a request the program received
	InboundHeader   = dataflow.NewKind("inhdr")  // the header of a received request
	OutboundRequest = dataflow.NewKind("outreq") // a request the program sends
	OutboundHeader  = dataflow.NewKind("outhdr") // the header of a request the program sends
	// FreshHeader is a header map the program made (make(http.Header)): it
	// becomes outbound when attached to an outbound request, and until
	// then only carries what is written into it.
	FreshHeader = dataflow.NewKind("newhdr")
)

// Import paths of the MCP SDK packages whose fields expose inbound headers.
const (
	GoSDKMCP  = "github.com/modelcontextprotocol/go-sdk/mcp"
	GoSDKAuth = "github.com/modelcontextprotocol/go-sdk/auth"
	MCPGoMCP  = "github.com/mark3labs/mcp-go/mcp"
)

// Assumable lists the request and header kinds a value of type t may hold.
func Assumable(t types.Type) []dataflow.Kind {
	switch {
	case IsNamed(t, "net/http", "Request"):
		return []dataflow.Kind{InboundRequest, OutboundRequest}
	case IsNamed(t, "net/http", "Header"), IsNamed(t, "net/textproto", "MIMEHeader"):
		return []dataflow.Kind{InboundHeader, OutboundHeader}
	}
	return nil
}

// Param recognizes the functions whose request parameter the HTTP stack
// fills: handlers and context hooks receive inbound requests; round
// trippers and reverse-proxy directors get outbound ones.
func Param(fn *ssa.Function, i int) (dataflow.Kind, string) {
	sig := fn.Signature
	recv := 0
	if sig.Recv() != nil {
		recv = 1
	}
	if i < recv || i >= len(fn.Params) {
		return 0, "" // receiver or free variable
	}
	ts := ParamTypes(fn)
	j := i - recv
	name := fn.Params[i].Name()
	isReq := func(t types.Type) bool { return IsNamed(t, "net/http", "Request") }
	switch {
	case len(ts) == 2 && IsNamed(ts[0], "net/http", "ResponseWriter") && isReq(ts[1]) && j == 1:
		return InboundRequest, "inbound request " + name + " of HTTP handler " + FuncName(fn)
	case len(ts) == 2 && IsNamed(ts[0], "context", "Context") && isReq(ts[1]) && j == 1 &&
		sig.Results().Len() == 1 && IsNamed(sig.Results().At(0).Type(), "context", "Context"):
		return InboundRequest, "inbound request " + name + " of HTTP context hook " + FuncName(fn)
	case len(ts) == 3 && IsNamed(ts[0], "context", "Context") && isReq(ts[2]) && j == 2 &&
		sig.Results().Len() == 2 && IsNamed(sig.Results().At(0).Type(), GoSDKAuth, "TokenInfo"):
		return InboundRequest, "inbound request " + name + " given to token verifier " + FuncName(fn)
	case recv == 1 && fn.Name() == "RoundTrip" && len(ts) == 1 && isReq(ts[0]):
		return OutboundRequest, "outbound request " + name + " of RoundTrip"
	case fn.Parent() != nil && len(ts) == 1 && isReq(ts[0]) && sig.Results().Len() == 0:
		// A function literal of the Director shape: the request it gets is
		// the one about to be sent.
		return OutboundRequest, "outbound request " + name + " of director " + FuncName(fn)
	case fn.Parent() != nil && len(ts) == 1 && isReq(ts[0]) && sig.Results().Len() == 2 &&
		IsNamed(sig.Results().At(0).Type(), "net/http", "Response"):
		// A function literal of the RoundTrip shape, the usual way to
		// write a transport (roundTripperFunc(func(req) ...)).
		return OutboundRequest, "outbound request " + name + " of round-trip func " + FuncName(fn)
	}
	return 0, ""
}

// ParamTypes returns the types of fn's parameters, receiver excluded.
func ParamTypes(fn *ssa.Function) []types.Type {
	recv := 0
	if fn.Signature.Recv() != nil {
		recv = 1
	}
	var ts []types.Type
	for _, p := range fn.Params[min(recv, len(fn.Params)):] {
		ts = append(ts, p.Type())
	}
	return ts
}

// Field tells what loading field f yields: a received request's header is
// inbound, a sent one's outbound; ProxyRequest.In and .Out and the MCP SDK
// header fields are what they are whatever the base.
func Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	pkg := ""
	if f.Pkg() != nil {
		pkg = f.Pkg().Path()
	}
	isHeader := IsNamed(f.Type(), "net/http", "Header")
	switch {
	case base == 0 && pkg == GoSDKMCP && f.Name() == "Header" && isHeader:
		return InboundHeader, "inbound MCP request header Extra.Header"
	case base == 0 && pkg == MCPGoMCP && f.Name() == "Header" && isHeader:
		return InboundHeader, "inbound MCP request header request.Header"
	case base == 0 && pkg == "net/http/httputil" && f.Name() == "In":
		return InboundRequest, "inbound request ProxyRequest.In"
	case base == 0 && pkg == "net/http/httputil" && f.Name() == "Out":
		return OutboundRequest, "outbound request ProxyRequest.Out"
	case f.Name() == "Header" && isHeader:
		// net/http.Request.Header, and the Header field of a library's
		// request (graphql.Request.Header) when its direction is known.
		switch base {
		case InboundRequest:
			return InboundHeader, ""
		case OutboundRequest:
			return OutboundHeader, ""
		}
	}
	return 0, ""
}

// Value gives the kind of a new http.Header: fresh. (Treating it as
// outbound reported copies kept for logging or tests; what is written into
// it is followed instead, to the request it is attached to.)
func Value(v ssa.Value) (dataflow.Kind, string) {
	if _, ok := v.(*ssa.MakeMap); ok && IsNamed(v.Type(), "net/http", "Header") {
		return FreshHeader, "new http.Header"
	}
	return 0, ""
}

// Model describes the net/http calls that make or copy requests and
// headers; modelled is false for the calls it does not describe.
func Model(c *dataflow.Call) (flows []dataflow.Flow, modelled bool) {
	if c.Callee == nil || c.Callee.Pkg() == nil || c.Callee.Pkg().Path() != "net/http" {
		return nil, false
	}
	switch dataflow.FuncName(c.Callee) {
	case "NewRequest", "NewRequestWithContext":
		return []dataflow.Flow{dataflow.SourceFlow(OutboundRequest, dataflow.Result, 0, "new outbound request http."+c.Callee.Name(), 0)}, true
	case "Request.Clone", "Request.WithContext":
		return Keep(InboundRequest, OutboundRequest), true
	case "Header.Clone":
		return Keep(InboundHeader, OutboundHeader), true
	}
	return nil, false
}

// Keep returns flows that preserve the receiver's kind in the result.
func Keep(kinds ...dataflow.Kind) []dataflow.Flow {
	var out []dataflow.Flow
	for _, k := range kinds {
		out = append(out, dataflow.ParamFlow(0, k, dataflow.Result, 0, k, ""))
	}
	return out
}

// Rules is the HTTP knowledge the analyzers that follow requests share:
// they embed it for the request shapes of parameters, the header fields,
// fresh header maps, and the library models of requests (Lib, which may
// be nil). Lib is compiled once per run; Uses is per package (ForPass).
type Rules struct {
	dataflow.NoRules
	Lib  *Library
	uses map[*ssa.Package]map[*ssa.Function]bool // see onlyCalled
}

// ForPass returns a copy of r for the analysis of one package.
func (r Rules) ForPass() Rules {
	r.uses = map[*ssa.Package]map[*ssa.Function]bool{}
	return r
}

func (r Rules) Param(fn *ssa.Function, i int) (dataflow.Kind, string) {
	if r.Lib == nil {
		return Param(fn, i)
	}
	if k, what := Param(fn, i); k != 0 {
		if k == InboundRequest && r.onlyCalled(fn) {
			// An unexported function of the handler shape that its
			// package only calls, never registers: its request is
			// whatever its callers pass (a helper forward(w, out)).
			return 0, ""
		}
		return k, what
	}
	return r.Lib.param(fn, i)
}

// onlyCalled reports whether fn is an unexported package-level function
// that its package calls directly and never takes as a value (to register
// it as a handler), and that no other package can name. (One that is not
// used at all keeps its handler shape: it may be registered by code the
// analysis does not see, such as a build-tagged file.)
func (r Rules) onlyCalled(fn *ssa.Function) bool {
	if r.uses == nil || fn.Pkg == nil || fn.Parent() != nil || fn.Synthetic != "" || token.IsExported(fn.Name()) || fn.Signature.Recv() != nil {
		return false
	}
	m, ok := r.uses[fn.Pkg]
	if !ok {
		m = valueUses(fn.Pkg)
		r.uses[fn.Pkg] = m
	}
	asValue, used := m[fn]
	return used && !asValue
}

func (r Rules) Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	if k, what := Field(f, base); k != 0 || r.Lib == nil {
		return k, what
	}
	return r.Lib.field(f, base)
}

// Assumable lists the request and header kinds a value of type t may
// hold, for net/http's types and the modelled ones.
func (r Rules) Assumable(t types.Type) []dataflow.Kind {
	if ks := Assumable(t); ks != nil || r.Lib == nil {
		return ks
	}
	return r.Lib.assumable(t)
}

func (Rules) Value(v ssa.Value) (dataflow.Kind, string) { return Value(v) }

// IsNamed reports whether t is (a pointer to) the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	p, n := dataflow.NamedType(t)
	return p == pkg && n == name
}

// FuncName names a function for messages: "ServeHTTP", "func literal in
// Middleware".
func FuncName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		for fn.Parent() != nil {
			fn = fn.Parent()
		}
		return "func literal in " + fn.Name()
	}
	return fn.Name()
}

// CredentialHeaders decides which header names carry credentials:
// Authorization and Proxy-Authorization always; by default also the
// API-key and token headers real servers forward; and the names a user
// configures. Names are matched case-insensitively.
type CredentialHeaders struct {
	configured map[string]bool // lower case
	defaults   bool
}

// AlwaysCredentialHeaders are the header names that carry credentials
// whatever the configuration.
var AlwaysCredentialHeaders = []string{"Authorization", "Proxy-Authorization"}

// DefaultCredentialHeaders are the exact names of the default list; names
// ending in one of DefaultCredentialSuffixes are in it too.
var (
	DefaultCredentialHeaders  = []string{"X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token", "Private-Token"}
	DefaultCredentialSuffixes = []string{"-Token", "-Api-Key", "-Apikey"}
)

// NewCredentialHeaders returns the credential headers of a configuration:
// the configured names, and the default list unless defaults is false.
func NewCredentialHeaders(configured []string, defaults bool) *CredentialHeaders {
	h := &CredentialHeaders{configured: map[string]bool{}, defaults: defaults}
	for _, n := range configured {
		h.configured[strings.ToLower(strings.TrimSpace(n))] = true
	}
	return h
}

// Is reports whether name is a credential header.
func (h *CredentialHeaders) Is(name string) bool {
	lower := strings.ToLower(name)
	for _, n := range AlwaysCredentialHeaders {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	if h.configured[lower] {
		return true
	}
	if !h.defaults || strings.Contains(lower, "csrf") || strings.Contains(lower, "xsrf") {
		return false
	}
	for _, n := range DefaultCredentialHeaders {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	for _, suffix := range DefaultCredentialSuffixes {
		if strings.HasSuffix(lower, strings.ToLower(suffix)) {
			return true
		}
	}
	return false
}

// MustRemove lists, lower case, the headers a wholesale copy must remove
// before it is not a finding: Authorization and every configured name.
// Removing one of them never counts for another. The default list is not
// required: it names headers by pattern, and a copy that strips
// Authorization (and what the user named) is headerforward's bar.
func (h *CredentialHeaders) MustRemove() []string {
	out := []string{"authorization"}
	for n := range h.configured {
		if n != "authorization" && n != "proxy-authorization" {
			out = append(out, n)
		}
	}
	slices.Sort(out[1:])
	return out
}

// valueUses tells, for the functions of a package, whether each is used
// other than as the callee of a static call (stored, passed, converted,
// bound: true), or only called (false); a function not in the map is
// not used at all.
func valueUses(pkg *ssa.Package) map[*ssa.Function]bool {
	m := map[*ssa.Function]bool{}
	var rands []*ssa.Value
	visit := func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				rands = instr.Operands(rands[:0])
				for i, r := range rands {
					f, ok := (*r).(*ssa.Function)
					if !ok {
						continue
					}
					if c, ok := instr.(ssa.CallInstruction); ok && i == 0 && !c.Common().IsInvoke() && c.Common().Value == f {
						if _, seen := m[f]; !seen {
							m[f] = false // the callee of a static call
						}
						continue
					}
					m[f] = true
				}
			}
		}
	}
	for _, mem := range pkg.Members {
		switch mem := mem.(type) {
		case *ssa.Function:
			visitAll(mem, visit)
		case *ssa.Type:
			mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(mem.Type()))
			for i := 0; i < mset.Len(); i++ {
				if f := pkg.Prog.MethodValue(mset.At(i)); f != nil && f.Pkg == pkg {
					visitAll(f, visit)
				}
			}
		}
	}
	return m
}

// visitAll visits fn and the function literals inside it.
func visitAll(fn *ssa.Function, visit func(*ssa.Function)) {
	visit(fn)
	for _, anon := range fn.AnonFuncs {
		visitAll(anon, visit)
	}
}
