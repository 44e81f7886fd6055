package resource

import (
	"fmt"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/pkgindex"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// unbound is the one kind the analyzer follows: a token asked for without
// the resource parameter, and what carries it (a token source, an oauth2
// transport, an HTTP client, the access token string, a header map).
var unbound = dataflow.NewKind("unbound")

const (
	oauth2Pkg            = "golang.org/x/oauth2"
	clientCredentialsPkg = "golang.org/x/oauth2/clientcredentials"
)

// rules tells the dataflow engine where unbound tokens come from and which
// MCP client transports they configure.
type rules struct {
	dataflow.NoRules
	flows      map[string]config.OAuthFlow    // configured and modelled, by function name
	callSinks  map[string]config.MCPTransport // by function name
	fieldSinks map[string]config.MCPTransport // by pkg/path.Type.Field
	pkgs       map[string]bool                // the packages of the functions above

	// Per pass.
	pkg     *ssapkg.SSA
	indexed bool                    // calls, stores and authz are built (on the first flow call)
	calls   pkgindex.Calls          // of the package's functions
	stores  pkgindex.Stores         // into fields and package variables
	authz   []authorization         // the package's authorization requests
	sources map[token.Pos]*flowCall // decided flow calls, by position

	cut      bool               // a walk of options reached maxDepth (set by the walks, read by bounded)
	problems []dataflow.Problem // the calls decided at a bound
}

// A flowCall is an OAuth flow call the rules decided about: the requests
// of it that send no resource parameter (the call itself, or the
// authorization URL of the same config), in source order.
type flowCall struct {
	what   string       // the flow, for messages: "Config.Exchange"
	lacks  []lackingReq // empty: the flow binds its tokens
	never  bool         // the flow cannot send the parameter at all
	params bool         // a client-credentials flow: the parameter goes in EndpointParams
	sdk    string       // the SDK whose own flow it is, when it is one
}

// A lackingReq is a request that sends no resource parameter.
type lackingReq struct {
	pos  token.Pos
	what string
}

// An authorization is a call that sends the user to the authorization
// endpoint (AuthCodeURL, DeviceAuth) on some config.
type authorization struct {
	key   any
	name  string
	call  ssa.CallInstruction
	bound bool
}

func newRules(cfg *config.Config) *rules {
	r := &rules{
		flows:      map[string]config.OAuthFlow{},
		callSinks:  map[string]config.MCPTransport{},
		fieldSinks: map[string]config.MCPTransport{},
		pkgs:       map[string]bool{},
	}
	for _, f := range cfg.OAuthFlows {
		r.flows[f.Function] = f
		r.pkgs[httpflow.PackageOf(f.Function)] = true
	}
	for _, t := range cfg.MCPTransports {
		if t.Field != "" {
			r.fieldSinks[t.Field] = t
			continue
		}
		r.callSinks[t.Function] = t
		r.pkgs[httpflow.PackageOf(t.Function)] = true
	}
	return r
}

// forPass returns a copy of the rules for one package.
func (r *rules) forPass(pkg *ssapkg.SSA) *rules {
	out := *r
	out.pkg = pkg
	out.sources = map[token.Pos]*flowCall{}
	return &out
}

// index builds what deciding a flow call needs, once, in a package that
// has one.
func (r *rules) index() {
	if r.indexed {
		return
	}
	r.indexed = true
	r.calls, r.stores = pkgindex.New(r.pkg)
	r.authz = authorizations(r.pkg, r)
}

func (r *rules) Derivable(k dataflow.Kind) bool { return k == unbound }

// Assumable: what may carry a token into a function: the token, its
// access token string, an HTTP client, a token source or RoundTripper (an
// interface), a header function, a header map. A struct of the program
// that holds one is a carrier by the store rule of Model, not by its type.
func (r *rules) Assumable(t types.Type) []dataflow.Kind {
	if httpflow.IsNamed(t, oauth2Pkg, "Token") || httpflow.IsNamed(t, "net/http", "Client") {
		return []dataflow.Kind{unbound}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface, *types.Signature:
		return []dataflow.Kind{unbound}
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{unbound}
		}
	case *types.Map:
		if k, ok := u.Key().Underlying().(*types.Basic); ok && k.Info()&types.IsString != 0 {
			return r.Assumable(u.Elem())
		}
	case *types.Slice:
		return r.Assumable(u.Elem())
	}
	return nil
}

// Field: the fields of an unbound oauth2.Token are unbound (its access
// token above all).
func (r *rules) Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	if base != unbound {
		return 0, ""
	}
	if s, ok := f.Type().Underlying().(*types.Basic); ok && s.Info()&types.IsString != 0 && f.Pkg() != nil && f.Pkg().Path() == oauth2Pkg {
		return unbound, ""
	}
	return 0, ""
}

func (r *rules) FieldSink(pl dataflow.Place, f *types.Var, k dataflow.Kind) (dataflow.SinkInfo, bool) {
	if k != unbound || pl.Port != dataflow.Field {
		return dataflow.SinkInfo{}, false
	}
	if t, ok := r.fieldSinks[pl.Pkg+"."+pl.Name]; ok {
		return dataflow.SinkInfo{What: transportName(httpflow.ShortFunc(pl.Pkg+"."+pl.Name), t.Library)}, true
	}
	return dataflow.SinkInfo{}, false
}

// transportName describes an MCP client transport's setting for messages:
// the SDK's short name and the function or field ("mcp-go
// transport.WithHTTPHeaders").
func transportName(name, library string) string {
	if library == "" {
		return name + " (an MCP client transport, configured)"
	}
	return path.Base(library) + " " + name
}

type flow = dataflow.Flow

func carry(from int, what string) flow {
	return dataflow.ParamFlow(from, unbound, dataflow.Result, 0, unbound, what)
}

// Model describes x/oauth2 (not analyzed: its flows are the sources, its
// token sources and clients carry what they are made from), the
// configured and modelled flows, and the MCP transports.
func (r *rules) Model(c *dataflow.Call) ([]flow, bool) {
	if c.Op == dataflow.OpStore {
		// A struct holding a token (an oauth2.Transport, an http.Client,
		// a RoundTripper of the program) carries it: the transport is
		// given the struct, not the field.
		return []flow{dataflow.ParamFlow(1, unbound, dataflow.Contents, 0, unbound, "")}, true
	}
	if c.Op != dataflow.OpCall || c.Callee == nil || c.Callee.Pkg() == nil {
		return nil, false
	}
	path := c.Callee.Pkg().Path()
	if r.pkgs[path] {
		full := httpflow.FullName(c.Callee)
		if t, ok := r.callSinks[full]; ok {
			arg := t.Argument + httpflow.Receivers(full)
			return []flow{dataflow.SinkFlow(arg, unbound, dataflow.SinkInfo{What: transportName(httpflow.ShortFunc(full), t.Library)}, nil)}, true
		}
		if f, ok := r.flows[full]; ok {
			opts := -1
			if f.Options != nil {
				opts = *f.Options + httpflow.Receivers(full)
			}
			return r.flowSource(c, httpflow.ShortFunc(full), f.Result, opts, "", f.Library)
		}
	}
	name := dataflow.FuncName(c.Callee)
	switch path {
	case oauth2Pkg:
		return r.oauth2Model(c, name)
	case clientCredentialsPkg:
		switch name {
		case "Config.Token", "Config.TokenSource", "Config.Client":
			return r.clientCredentials(c, name)
		}
		return nil, true
	}
	return nil, false
}

func (r *rules) oauth2Model(c *dataflow.Call, name string) ([]flow, bool) {
	switch name {
	case "Config.Exchange":
		return r.flowSource(c, name, 0, 3, "Config.AuthCodeURL", "")
	case "Config.DeviceAccessToken":
		return r.flowSource(c, name, 0, 3, "Config.DeviceAuth", "")
	case "Config.PasswordCredentialsToken":
		return r.flowSource(c, name, 0, -1, "", "")
	case "Config.TokenSource", "Config.Client":
		return []flow{carry(2, "oauth2."+name)}, true
	case "NewClient":
		return []flow{carry(1, "oauth2.NewClient")}, true
	case "StaticTokenSource":
		return []flow{carry(0, "")}, true
	case "ReuseTokenSource", "ReuseTokenSourceWithExpiry":
		return []flow{carry(0, ""), carry(1, "")}, true
	case "TokenSource.Token":
		return []flow{carry(0, "")}, true
	}
	return nil, true
}

// flowSource decides an OAuth flow call: its token (result) is unbound
// when the call's options (argument opts; -1 when it has none) lack the
// resource parameter, or an authorization request of the same config
// (named authorize) does.
func (r *rules) flowSource(c *dataflow.Call, name string, result, opts int, authorize, sdk string) ([]flow, bool) {
	fc := r.decided(c, func() *flowCall {
		fc := &flowCall{what: name, sdk: sdk, never: opts < 0}
		if fc.never || opts < len(c.Args) && !r.bounded(c.Pos, name, func() bool { return r.optionsBind(c.Args[opts], 0, map[ssa.Value]bool{}) }) {
			fc.lacks = append(fc.lacks, lackingReq{pos: c.Pos, what: name})
		}
		if authorize != "" && len(c.Args) > 0 {
			key := configKey(c.Args[0])
			for _, a := range r.authz {
				if a.name == authorize && !a.bound && a.key == key {
					fc.lacks = append(fc.lacks, lackingReq{pos: a.call.Pos(), what: a.name})
				}
			}
		}
		return fc
	})
	return fc.flows(result, fc.describe())
}

// decided returns what was decided about the flow call c, deciding it
// the first time (the engine applies a model once per analysis of the
// function that makes the call).
func (r *rules) decided(c *dataflow.Call, decide func() *flowCall) *flowCall {
	fc, ok := r.sources[c.Pos]
	if !ok {
		r.index()
		fc = decide()
		r.sources[c.Pos] = fc
	}
	return fc
}

// bounded runs a walk that decides whether the request at pos binds its
// token; when the walk stopped at maxDepth somewhere (and so took what it
// could not see to bind), the run says so with a limit problem at pos.
func (r *rules) bounded(pos token.Pos, what string, binds func() bool) bool {
	r.cut = false
	ok := binds()
	if r.cut {
		r.problems = append(r.problems, dataflow.Problem{Pos: pos, Limit: true,
			Message: fmt.Sprintf("whether %s sends the resource parameter was followed %d helpers, callers or stores deep without an answer; it is taken to send it", what, maxDepth)})
	}
	return ok
}

// flows makes the flow call's result an unbound token when some request
// lacks the parameter; a call that binds it produces nothing to follow.
func (fc *flowCall) flows(result int, what string) ([]flow, bool) {
	if len(fc.lacks) == 0 {
		return nil, true
	}
	return []flow{dataflow.SourceFlow(unbound, dataflow.Result, result, what, 0)}, true
}

// describe says, for the source step, which requests lack the parameter.
func (fc *flowCall) describe() string {
	if fc.never {
		if fc.sdk != "" {
			return fmt.Sprintf("%s (%s: its OAuth flow sends no resource parameter)", fc.what, fc.sdk)
		}
		return fc.what + " (sends no resource parameter)"
	}
	return fmt.Sprintf("token from %s, requested without a resource parameter in %s", fc.what, strings.Join(fc.lackingNames(), " and "))
}

// lackingNames names the requests that lack the parameter, each once.
func (fc *flowCall) lackingNames() []string {
	var names []string
	for _, l := range fc.lacks {
		if !slices.Contains(names, l.what) {
			names = append(names, l.what)
		}
	}
	return names
}

// clientCredentials decides a client-credentials flow by the
// EndpointParams of its config.
func (r *rules) clientCredentials(c *dataflow.Call, name string) ([]flow, bool) {
	fc := r.decided(c, func() *flowCall {
		fc := &flowCall{what: "clientcredentials." + name, params: true}
		if !r.bounded(c.Pos, fc.what, func() bool { return r.endpointParamsBind(c.Args[0]) }) {
			fc.lacks = []lackingReq{{pos: c.Pos, what: fc.what}}
		}
		return fc
	})
	return fc.flows(0, fc.what+" (its config's EndpointParams has no \"resource\")")
}
