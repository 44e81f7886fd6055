package httpflow

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"golang.org/x/tools/go/ssa"
)

// Library is the part of the configuration and the built-in models that
// every analyzer following requests shares: functions that return a
// received or a sent request or header set (a framework's c.Request()),
// and request-scoped stores (gin's c.Set and c.Get). It is compiled once
// per run from the configuration.
type Library struct {
	requests map[string][]dataflow.Flow // function full name -> flows
	sets     map[string]storeCall       // the store's Set function
	gets     map[string]storeCall       // each of its Get functions
	types    map[string]config.RequestType
	pkgs     map[string]bool // the packages the functions above belong to
}

type storeCall struct {
	key   int // argument index, receiver counted
	value int // argument index of Set, receiver counted
}

// NewLibrary compiles the request models of cfg.
func NewLibrary(cfg *config.Config) *Library {
	l := &Library{requests: map[string][]dataflow.Flow{}, sets: map[string]storeCall{}, gets: map[string]storeCall{}, types: map[string]config.RequestType{}}
	add := func(rs []config.Request, request, header dataflow.Kind, dir string) {
		for _, r := range rs {
			k, what := request, dir+" request "
			if r.Is == "headers" {
				k, what = header, dir+" header set "
			}
			l.requests[r.Function] = append(l.requests[r.Function], dataflow.SourceFlow(k, dataflow.Result, r.Result, what+ShortFunc(r.Function)+"()", 0))
		}
	}
	add(cfg.Inbound, InboundRequest, InboundHeader, "inbound")
	add(cfg.Outbound, OutboundRequest, OutboundHeader, "outbound")
	for _, a := range cfg.Accessors {
		// The result is received or sent as the receiver is.
		for _, dir := range [][2]dataflow.Kind{{InboundRequest, InboundHeader}, {OutboundRequest, OutboundHeader}} {
			to := dir[0]
			if a.Is == "headers" {
				to = dir[1]
			}
			l.requests[a.Function] = append(l.requests[a.Function], dataflow.ParamFlow(0, dir[0], dataflow.Result, a.Result, to, ""))
		}
	}
	for _, h := range cfg.Handlers {
		k, what := InboundRequest, "inbound request"
		if h.Is == "headers" {
			k, what = InboundHeader, "inbound header set"
		}
		fl := dataflow.SourceFlow(k, dataflow.CallOf, h.Argument+Receivers(h.Function), what+" given to the handler registered with "+ShortFunc(h.Function), 0)
		fl.ToArg = h.Param
		l.requests[h.Function] = append(l.requests[h.Function], fl)
	}
	for _, t := range cfg.RequestTypes {
		l.types[t.Type] = t
	}
	for _, st := range cfg.Stores {
		recv := Receivers(st.Set)
		l.sets[st.Set] = storeCall{key: st.Key + recv, value: st.Value + recv}
		for _, g := range st.Get {
			l.gets[g] = storeCall{key: st.Key + Receivers(g)}
		}
	}
	l.pkgs = map[string]bool{}
	for name := range l.requests {
		l.pkgs[PackageOf(name)] = true
	}
	for name := range l.sets {
		l.pkgs[PackageOf(name)] = true
	}
	for name := range l.gets {
		l.pkgs[PackageOf(name)] = true
	}
	return l
}

// Receivers is 1 for a method named as the schema names it
// ("(*pkg.T).M"), 0 for a function: argument indexes in the schema do not
// count the receiver, the engine's do.
func Receivers(full string) int {
	if strings.HasPrefix(full, "(") {
		return 1
	}
	return 0
}

// ShortFunc shortens a function's (or a type's, or a field's) full name
// for messages, by its package's last path element before a major
// version suffix: "(*github.com/gin-gonic/gin.Context).GetHeader" is
// gin.Context.GetHeader, "(*github.com/gofiber/fiber/v2.Ctx).Get" is
// fiber.Ctx.Get.
func ShortFunc(full string) string {
	s := strings.NewReplacer("(", "", ")", "", "*", "").Replace(full)
	parts := strings.Split(s, "/")
	last := parts[len(parts)-1]
	if elem, rest, ok := strings.Cut(last, "."); ok && len(parts) > 1 && isMajorVersion(elem) {
		last = parts[len(parts)-2] + "." + rest
	}
	return last
}

// isMajorVersion reports whether a path element is a major version
// suffix (v2, v10).
func isMajorVersion(elem string) bool {
	if len(elem) < 2 || elem[0] != 'v' {
		return false
	}
	for _, r := range elem[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Model gives the flows of a modelled request accessor, and of a store's
// Set or Get for the kinds given (what the analyzer keeps in stores).
func (l *Library) Model(c *dataflow.Call, kinds ...dataflow.Kind) ([]dataflow.Flow, bool) {
	if c.Callee == nil || c.Callee.Pkg() == nil || !l.pkgs[c.Callee.Pkg().Path()] {
		return nil, false
	}
	full := FullName(c.Callee)
	if flows, ok := l.requests[full]; ok {
		return flows, true
	}
	if st, ok := l.sets[full]; ok {
		var out []dataflow.Flow
		for _, pl := range storeKeys(c, st) {
			for _, k := range kinds {
				out = append(out, dataflow.Flow{From: dataflow.Param, FromIndex: st.value, FromKind: k, To: dataflow.Key, ToPlace: pl, ToKind: k})
			}
		}
		if g, ok := l.gets[full]; ok { // one method sets and gets (fiber's c.Locals)
			out = append(out, getFlows(c, g, kinds)...)
		}
		return out, true
	}
	if g, ok := l.gets[full]; ok {
		return getFlows(c, g, kinds), true
	}
	return nil, false
}

func getFlows(c *dataflow.Call, g storeCall, kinds []dataflow.Kind) []dataflow.Flow {
	var out []dataflow.Flow
	for _, pl := range storeKeys(c, g) {
		for _, k := range kinds {
			out = append(out, dataflow.Flow{From: dataflow.Key, FromPlace: pl, FromKind: k, To: dataflow.Result, ToKind: k})
		}
	}
	return out
}

// storeKeys names the places of a store call's constant keys: one per
// key the argument may be, shared by every package that uses the store.
func storeKeys(c *dataflow.Call, st storeCall) []dataflow.Place {
	if st.key >= len(c.Args) {
		return nil
	}
	var out []dataflow.Place
	for _, key := range dataflow.ConstStrings(c.Args[st.key]) {
		out = append(out, dataflow.Place{Port: dataflow.Key, Pkg: c.Callee.Pkg().Path(), Name: fmt.Sprintf("%s(%q)", storeName(c.Callee), key), Exported: true})
	}
	return out
}

// storeName names a store by the type of its Set method's receiver.
func storeName(f *types.Func) string {
	if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
		if _, n := dataflow.NamedType(sig.Recv().Type()); n != "" {
			return n
		}
	}
	return f.Name()
}

// FullName is types.Func.FullName without type parameter lists, as the
// schema names a method of a generic type: (*connectrpc.com/connect.Request).Header.
func FullName(f *types.Func) string { return config.FunctionName(f) }

// requestType returns the modelled request type t is (through a pointer).
func (l *Library) requestType(t types.Type) (config.RequestType, bool) {
	pkg, name := dataflow.NamedType(t)
	if name == "" || len(l.types) == 0 {
		return config.RequestType{}, false
	}
	rt, ok := l.types[pkg+"."+name]
	return rt, ok
}

// kinds returns the request or header kinds of a modelled type.
func kindsOf(rt config.RequestType) (in, out dataflow.Kind) {
	if rt.Is == "headers" {
		return InboundHeader, OutboundHeader
	}
	return InboundRequest, OutboundRequest
}

// assumable gives the kinds a value of a modelled request type may hold.
func (l *Library) assumable(t types.Type) []dataflow.Kind {
	rt, ok := l.requestType(t)
	if !ok {
		return nil
	}
	in, out := kindsOf(rt)
	if rt.Inbound {
		return []dataflow.Kind{in}
	}
	return []dataflow.Kind{in, out}
}

// param gives the kind of a parameter of a type whose values are always
// received requests (fasthttp.RequestCtx).
func (l *Library) param(fn *ssa.Function, i int) (dataflow.Kind, string) {
	if i >= len(fn.Params) {
		return 0, ""
	}
	rt, ok := l.requestType(fn.Params[i].Type())
	if !ok || !rt.Inbound {
		return 0, ""
	}
	in, _ := kindsOf(rt)
	return in, "inbound request " + fn.Params[i].Name() + " of " + FuncName(fn)
}

// field keeps the direction of a request through a field that holds a
// modelled request or header type (fasthttp's ctx.Request.Header).
func (l *Library) field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	rt, ok := l.requestType(f.Type())
	if !ok {
		if !IsNamed(f.Type(), "net/http", "Request") {
			return 0, ""
		}
		// An *http.Request inside a library's request (retryablehttp
		// embeds the one it sends) goes where its holder goes.
		rt = config.RequestType{Is: "request"}
	}
	in, out := kindsOf(rt)
	switch base {
	case InboundRequest:
		return in, ""
	case OutboundRequest:
		return out, ""
	}
	return 0, ""
}

// PackageOf returns the package path of a function as the schema names it:
// "(*example.com/web.Ctx).Get" and "example.com/web.Get" are in
// example.com/web.
func PackageOf(full string) string {
	s := strings.TrimLeft(full, "(*")
	if i := strings.Index(s, ")"); i >= 0 {
		s = s[:i] // (pkg.Type).Method: the type's package
	}
	if i := strings.LastIndex(s, "."); i >= 0 && i > strings.LastIndex(s, "/") {
		return s[:i]
	}
	return s
}

// ReadsCredential reports whether v is computed from a read of a
// credential header (a call named Get, Values, GetHeader or Peek, or an
// index, with a name isCredential accepts; Request.BasicAuth), through
// string operations, conversions and calls: a value that re-formats the
// client's token. It looks back a bounded distance and errs toward yes
// only through what it sees.
func ReadsCredential(v ssa.Value, isCredential func(string) bool) bool {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value, depth int) bool
	walk = func(v ssa.Value, depth int) bool {
		if v == nil || depth > 16 || seen[v] {
			return false
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Call:
			common := x.Common()
			name := ""
			if common.IsInvoke() {
				name = common.Method.Name()
			} else if f := common.StaticCallee(); f != nil {
				name = f.Name()
			}
			if name != "" {
				switch name {
				case "Get", "Values", "GetHeader", "Peek", "BasicAuth":
					for _, a := range common.Args {
						for _, s := range dataflow.ConstStrings(a) {
							if isCredential(s) {
								return true
							}
						}
					}
					if name == "BasicAuth" {
						return true
					}
				}
			}
			for _, a := range common.Args {
				if walk(a, depth+1) {
					return true
				}
			}
		case *ssa.Lookup:
			for _, s := range dataflow.ConstStrings(x.Index) {
				if isCredential(s) {
					return true
				}
			}
			return walk(x.X, depth+1)
		case *ssa.BinOp, *ssa.Phi, *ssa.Extract, *ssa.Convert, *ssa.ChangeType,
			*ssa.MakeInterface, *ssa.Slice, *ssa.UnOp, *ssa.IndexAddr:
			// Operations that carry their operands' content.
			for _, op := range x.(ssa.Instruction).Operands(nil) {
				if walk(*op, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return walk(v, 0)
}

// FieldOf returns the field a field address is of, and the struct type
// it belongs to (nil when it cannot tell).
func FieldOf(fa *ssa.FieldAddr) (*types.Var, types.Type) {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil, nil
	}
	s, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= s.NumFields() {
		return nil, nil
	}
	return s.Field(fa.Field), p.Elem()
}

// SameFieldLoads returns the other loads of the field v was loaded from,
// from the same base (a request held in a field is loaded anew at each
// use).
func SameFieldLoads(v ssa.Value) []ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, l := range fieldLoads(fa.X, fa.Field) {
		if l != v {
			out = append(out, l)
		}
	}
	return out
}

// fieldLoads returns the loads of field index of the struct base points to.
func fieldLoads(base ssa.Value, field int) []ssa.Value {
	var out []ssa.Value
	for _, ref := range refs(base) {
		if fa, ok := ref.(*ssa.FieldAddr); ok && fa.Field == field {
			for _, ref2 := range refs(fa) {
				if l, ok := ref2.(*ssa.UnOp); ok && l.Op == token.MUL {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

func refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// Within reports whether fn belongs to the module of a library model
// (a library's models describe it to its callers, not to itself).
func Within(fn *ssa.Function, library string) bool {
	return fn != nil && fn.Pkg != nil && InLibrary(fn.Pkg.Pkg.Path(), library)
}

// InLibrary reports whether the package path belongs to the module of a
// library model ("" is no library).
func InLibrary(path, library string) bool {
	return library != "" && (path == library || strings.HasPrefix(path, library+"/"))
}
