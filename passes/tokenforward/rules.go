package tokenforward

import (
	"go/types"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/replaced"
	"golang.org/x/tools/go/ssa"
)

// The kinds of value tokenforward follows: the request and header kinds
// of package httpflow, and the credential itself.
var (
	inboundRequest  = httpflow.InboundRequest
	inboundHeader   = httpflow.InboundHeader
	outboundRequest = httpflow.OutboundRequest
	outboundHeader  = httpflow.OutboundHeader
	credential      = dataflow.NewKind("cred") // a credential read from a received request
)

// rules tells the dataflow engine where inbound credentials come from and
// where they leak.
type rules struct {
	httpflow.Rules
	headers    *httpflow.CredentialHeaders
	sources    map[string][]config.Source // configured and modelled, by function full name
	sinks      map[string][]config.Sink
	fieldSinks map[string]string // pkg/path.Type.Field -> the library whose model names it ("" for the configuration)
	pkgPath    string            // the package being analyzed (set per pass)
	replaced   *replaced.Result  // the package's replaced credential headers (set per pass)
	pkgs       map[string]bool   // the packages of the functions in sources and sinks
}

// newRules compiles a configuration, the built-in models included.
func newRules(cfg *config.Config) *rules {
	r := &rules{
		Rules:      httpflow.Rules{Lib: httpflow.NewLibrary(cfg)},
		headers:    httpflow.NewCredentialHeaders(cfg.Headers, cfg.UseDefaultHeaders()),
		sources:    map[string][]config.Source{},
		sinks:      map[string][]config.Sink{},
		fieldSinks: map[string]string{},
	}
	for _, s := range cfg.Sources {
		r.sources[s.Function] = append(r.sources[s.Function], s)
	}
	for _, s := range cfg.Sinks {
		r.sinks[s.Function] = append(r.sinks[s.Function], s)
	}
	for _, f := range cfg.FieldSinks {
		r.fieldSinks[f.Field] = f.Library
	}
	r.pkgs = map[string]bool{}
	for name := range r.sources {
		r.pkgs[httpflow.PackageOf(name)] = true
	}
	for name := range r.sinks {
		r.pkgs[httpflow.PackageOf(name)] = true
	}
	return r
}

// isCredentialHeader reports whether v names a credential header: a
// constant (however spelled), or a variable that ranges over a constant
// list that holds one.
func (r *rules) isCredentialHeader(v ssa.Value) (string, bool) {
	for _, name := range dataflow.ConstStrings(v) {
		if r.headers.Is(name) {
			return name, true
		}
	}
	return "", false
}

// The classes of names flows are guarded with: a credential header a
// wrapper writes (setHeader(req, name, v)), and one it reads
// (GetHeader(name)), whose value is the client's only where the server
// did not replace it.
const (
	tagHeaderName dataflow.Tag = 1
	tagReadName   dataflow.Tag = 2
	// tagReplacedRead is the value guard of a read of a credential header
	// on a request the function is given (Holds): the client's value
	// unless its callers, or the middleware it is registered behind,
	// replaced it.
	tagReplacedRead dataflow.Tag = 3
)

func (r *rules) Accepts(class dataflow.Tag, name string, c *dataflow.Call) (bool, *dataflow.Guard, string) {
	switch class {
	case tagHeaderName:
		return r.headers.Is(name), nil, ""
	case tagReadName:
		if !r.headers.Is(name) {
			return false, nil, ""
		}
		// c.GetHeader("Authorization") after the middleware set the
		// server's own key reads the server's credential; on a request
		// the function is given, its callers decide.
		replaced, by, elsewhere := r.readReplaced(c, name, -1)
		if replaced {
			return false, nil, ""
		}
		return true, r.replacedGuard(by, name), elsewhere
	}
	return false, nil, ""
}

// replacedGuard is the value guard of a read of header name from
// argument by of a call (none when by is negative).
func (r *rules) replacedGuard(by int, name string) *dataflow.Guard {
	if by < 0 {
		return nil
	}
	return &dataflow.Guard{Arg: by, Class: tagReplacedRead, OnValue: true, Name: strings.ToLower(name)}
}

// readReplaced applies the replaced analysis to the arguments of a call
// that reads header name, but the one at index skip (the name): replaced
// when the read gets the server's value; otherwise, when the answer lies
// with the function's callers, by is the index of the argument a value
// guard goes on; elsewhere, when set, says that some registrations of
// the handler replace the header (for the message).
func (r *rules) readReplaced(c *dataflow.Call, name string, skip int) (replaced bool, by int, elsewhere string) {
	by = -1
	if r.replaced == nil || c.Instr == nil {
		return false, by, ""
	}
	for i, a := range c.Args {
		if i == skip || a == nil {
			continue
		}
		ok, param, other := r.replaced.Read(c.Fn, c.Instr, a, name)
		if ok {
			return true, -1, ""
		}
		if param != nil && by < 0 {
			by = i
		}
		if elsewhere == "" {
			elsewhere = other
		}
	}
	return false, by, elsewhere
}

// Holds decides a read's value guard at a call of the function that
// reads (arg is the request passed), or where that function is
// registered as a handler (c.FuncValue): the read is the client's
// credential unless the request was replaced before the call, or every
// middleware of this registration replaces it.
func (r *rules) Holds(g *dataflow.Guard, c *dataflow.Call, arg ssa.Value) (bool, ssa.Value, string) {
	if g.Class != tagReplacedRead || r.replaced == nil {
		return true, nil, ""
	}
	return r.replaced.Decide(c, arg, []string{g.Name})
}

// Provisional: a read in a handler whose registrations are out of sight
// is reported in its package (replaced.Provisional).
func (r *rules) Provisional(fn *ssa.Function, g *dataflow.Guard) bool {
	return g.Class == tagReplacedRead && r.replaced != nil && r.replaced.Provisional(fn, []string{g.Name})
}

// headerGuard makes a header flow conditional on argument i naming a
// credential header (of the class of a read or a write), when the name
// is not a constant here.
func headerGuard(c *dataflow.Call, i int, class dataflow.Tag) *dataflow.Guard {
	if i >= len(c.Args) || len(dataflow.ConstStrings(c.Args[i])) > 0 {
		return nil
	}
	return &dataflow.Guard{Arg: i, Class: class}
}

func (r *rules) Derivable(k dataflow.Kind) bool { return k == credential }

func (r *rules) Assumable(t types.Type) []dataflow.Kind {
	if ks := r.Rules.Assumable(t); ks != nil {
		return ks
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return []dataflow.Kind{credential}
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{credential}
		}
	case *types.Chan: // a channel of tokens carries what is sent on it
		return r.Assumable(u.Elem())
	case *types.Map: // a header set kept as map[string]string or map[string][]string
		if k, ok := u.Key().Underlying().(*types.Basic); ok && k.Info()&types.IsString != 0 {
			return r.Assumable(u.Elem())
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

// Param adds to httpflow's request shapes the token an MCP go-sdk token
// verifier receives: the inbound bearer token itself.
func (r *rules) Param(fn *ssa.Function, i int) (dataflow.Kind, string) {
	sig := fn.Signature
	ts := httpflow.ParamTypes(fn)
	if sig.Recv() == nil && i == 1 && len(ts) == 3 && httpflow.IsNamed(ts[0], "context", "Context") && isString(ts[1]) &&
		httpflow.IsNamed(ts[2], "net/http", "Request") && sig.Results().Len() == 2 &&
		httpflow.IsNamed(sig.Results().At(0).Type(), httpflow.GoSDKAuth, "TokenInfo") {
		return credential, "bearer token " + fn.Params[i].Name() + " given to token verifier " + httpflow.FuncName(fn)
	}
	return r.Rules.Param(fn, i)
}

// FieldSink reports the library fields that turn a string into the
// bearer credential of an upstream client (configuration and models'
// field-sinks), for when the library is not analyzed or the engine cannot
// see the field reach a header. (oauth2.Token.AccessToken is not one: a
// Token is also how a subject token is handed to a token exchange. The
// oauth2 functions that send a Token are modelled instead.)
func (r *rules) FieldSink(pl dataflow.Place, f *types.Var, k dataflow.Kind) (dataflow.SinkInfo, bool) {
	if k != credential || pl.Port != dataflow.Field {
		return dataflow.SinkInfo{}, false
	}
	// A library's own copies of its field (go-tfe's NewClient copying
	// cfg.Token) are not stores by its callers.
	if lib, ok := r.fieldSinks[pl.Pkg+"."+pl.Name]; ok && !httpflow.InLibrary(r.pkgPath, lib) {
		return dataflow.SinkInfo{What: pl.String() + " (a client's credential)"}, true
	}
	return dataflow.SinkInfo{}, false
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
