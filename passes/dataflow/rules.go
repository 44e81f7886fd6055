package dataflow

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Rules is what an analyzer tells the engine: where tracked values come
// from, how library calls move them, and where they leak. The engine knows
// nothing else about the domain.
type Rules interface {
	// Derivable reports whether a value of kind k keeps its kind through
	// string-like transformations (concatenation, strings.TrimPrefix,
	// fmt.Sprintf, indexing...). Kinds that are objects (a request) do not.
	Derivable(k Kind) bool

	// Assumable lists the kinds a value of type t may hold when it comes
	// from outside the function (a parameter, a field, a context value);
	// the engine summarizes the function once per assumption.
	Assumable(t types.Type) []Kind

	// Param gives the kind of parameter i of fn when the function's shape
	// fixes it (the request of an HTTP handler is inbound), with a step text.
	Param(fn *ssa.Function, i int) (Kind, string)

	// Field tells what a load of field f yields from a base of kind base
	// (base 0 asks for a kind regardless of the base, e.g. a field that
	// always holds an inbound header).
	Field(f *types.Var, base Kind) (Kind, string)

	// FieldSink reports whether storing a value of kind k into field f
	// (the place pl; zero for a field of an anonymous struct) leaks it (a
	// field of a library type that becomes a credential upstream), and
	// describes the sink (its What and Tag; the engine sets its position).
	FieldSink(pl Place, f *types.Var, k Kind) (SinkInfo, bool)

	// Value gives the kind of a value made by a non-call instruction, such
	// as make(http.Header).
	Value(v ssa.Value) (Kind, string)

	// Model returns hand-written flows for a call. modelled reports
	// whether the rule describes the call at all: when it is false the
	// engine uses the callee's summary; when it is true, flows (possibly
	// none) are all that happens. Map reads and writes, field stores and
	// comparisons are presented as calls with Op set and no callee:
	// Lookup(m, k), MapUpdate(m, k, v), Store(x, v) for x.f = v, and
	// Compare(x, y). A MapUpdate the rule does not model puts what v
	// carries into the map; one it models carries what its Contents flows
	// say (StoreFlows, for the kinds it keeps).
	Model(c *Call) (flows []Flow, modelled bool)

	// Accepts reports whether a constant name, given at call c, is of a
	// class the rule guards flows with (Flow.Guard): a credential header
	// name (whose value at c is the client's). A note, when the rule
	// gives one, is added to the description of the call in paths. then,
	// when set, is a value guard (OnValue, on an argument of c) the flow
	// is still subject to at c: the request the name is read from.
	Accepts(class Tag, name string, c *Call) (ok bool, then *Guard, note string)

	// Holds decides a guard on a value (Guard.OnValue) at call c, where
	// arg is the argument the guard is on; at a function used as a value
	// (c.FuncValue set: a handler registered), arg is nil. It returns
	// whether the flow applies, the value of c.Fn the answer depends on
	// instead (a parameter: the guard then moves to c.Fn's callers), and
	// a note for the source's description (where the flow does not hold
	// at a registration, what replaced the header there: a middleware's
	// name, for Places.Uses).
	Holds(g *Guard, c *Call, arg ssa.Value) (ok bool, by ssa.Value, note string)

	// Provisional reports whether a flow of fn that waits on value guard
	// g (on a request fn is given) is to be reported in fn's package
	// before its registrations are known: fn is a handler that no code
	// in sight registers or calls, and its package sees nothing that
	// would decide it. The engine then reports it there, marked
	// (Finding.Provisional), and the packages that register fn record
	// whether they replace the header (Places.Uses), so that a driver
	// seeing every package can drop it (Settle).
	Provisional(fn *ssa.Function, g *Guard) bool
}

// NoRules implements every method of Rules as "nothing known". A rule
// embeds it and writes only the methods that say something:
//
//	type rules struct{ dataflow.NoRules }
//
//	func (rules) Model(c *dataflow.Call) ([]dataflow.Flow, bool) {
//		if c.IsFunc("example.com/vault", "Secret") {
//			return []dataflow.Flow{dataflow.SourceFlow(secret, dataflow.Result, 0, "vault.Secret()", 0)}, true
//		}
//		return nil, false
//	}
type NoRules struct{}

func (NoRules) Derivable(Kind) bool                                      { return false }
func (NoRules) Assumable(types.Type) []Kind                              { return nil }
func (NoRules) Param(*ssa.Function, int) (Kind, string)                  { return 0, "" }
func (NoRules) Field(*types.Var, Kind) (Kind, string)                    { return 0, "" }
func (NoRules) FieldSink(Place, *types.Var, Kind) (SinkInfo, bool)       { return SinkInfo{}, false }
func (NoRules) Value(ssa.Value) (Kind, string)                           { return 0, "" }
func (NoRules) Model(*Call) ([]Flow, bool)                               { return nil, false }
func (NoRules) Accepts(Tag, string, *Call) (bool, *Guard, string)        { return false, nil, "" }
func (NoRules) Holds(*Guard, *Call, ssa.Value) (bool, ssa.Value, string) { return true, nil, "" }
func (NoRules) Provisional(*ssa.Function, *Guard) bool                   { return false }

// Events receives what the engine observes while it analyzes a package,
// for a rule that needs more than its findings (Config.Events).
type Events interface {
	// SourceSeen is called where a model's source flow is applied: a call
	// in the package being analyzed gave a value its kind. It may be
	// called more than once for the same call.
	SourceSeen(SourceEvent)
	// Found is called once for every pair of a reported position and a
	// source, after the analysis, in order (Outcome.Findings keeps one
	// finding per position).
	Found(Finding)
}

// A SourceEvent is a source flow applied at a call.
type SourceEvent struct {
	Pos  token.Pos
	At   Position
	Tag  Tag
	What string
}

// Op names the operation a Call stands for.
type Op uint8

const (
	OpCall      Op = iota
	OpLookup       // m[k]: Args = m, k
	OpMapUpdate    // m[k] = v: Args = m, k, v
	OpStore        // x.f = v: Args = x, v; Field = f
	OpCompare      // x == y, x != y: Args = x, y
)

// A Call is what a rule's Model sees of a call site.
type Call struct {
	Op     Op
	Callee *types.Func // the static callee or interface method; nil for map ops and dynamic calls
	Common *ssa.CallCommon
	Fn     *ssa.Function // the function containing the call
	// Args are the arguments in parameter order (receiver first). A model
	// may append values of its own and refer to them by index in its flows
	// (for example one element of a variadic argument list).
	Args  []ssa.Value
	Pos   token.Pos
	Field *types.Var      // the field written, for OpStore
	Value ssa.Value       // the call's result, when it has one
	Instr ssa.Instruction // the instruction (a call, store or map update) in Fn, when there is one
	// FuncValue is set, with no Args, where a function is used as a value
	// (registered as a handler) rather than called: its summary's
	// value-guarded flows are decided there (Rules.Holds).
	FuncValue *ssa.Function

	// given replaces the labels of some arguments: a callback applied
	// where the function it is passed to calls it has no argument values,
	// only what they carry.
	given map[int]labels
}

// IsFunc reports whether the callee is the package-level function or method
// pkg.name ("net/http", "Header.Get" for methods, "NewRequest" for functions).
func (c *Call) IsFunc(pkg, name string) bool {
	if c.Callee == nil || c.Callee.Pkg() == nil || c.Callee.Pkg().Path() != pkg {
		return false
	}
	return FuncName(c.Callee) == name
}

// FuncName returns "Name" for a function and "Type.Name" for a method.
func FuncName(f *types.Func) string {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return f.Name()
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name() + "." + f.Name()
	case *types.Interface:
		return f.Name()
	}
	return f.Name()
}

// ConstString returns the constant string a value evaluates to, seeing
// through conversions and the canonicalization helpers people wrap header
// names in.
func ConstString(v ssa.Value) (string, bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return constant.StringVal(v.Value), true
		}
	case *ssa.ChangeType:
		return ConstString(v.X)
	case *ssa.Convert:
		return ConstString(v.X)
	case *ssa.MakeInterface:
		return ConstString(v.X)
	case *ssa.Call:
		if f, ok := v.Call.Value.(*ssa.Function); ok && len(v.Call.Args) == 1 {
			switch f.String() {
			case "net/http.CanonicalHeaderKey", "net/textproto.CanonicalMIMEHeaderKey",
				"strings.ToLower", "strings.ToUpper", "strings.TrimSpace":
				return ConstString(v.Call.Args[0])
			}
		}
	}
	return "", false
}

// Elements returns the values stored into an array literal, or the array
// behind a slice built in place (a variadic argument list), indexed by
// their position; a
// position nothing constant was stored at is nil.
func Elements(v ssa.Value) []ssa.Value {
	if s, ok := v.(*ssa.Slice); ok {
		v = s.X
	}
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		idx, ok := ia.Index.(*ssa.Const)
		if !ok || idx.Value == nil {
			continue
		}
		i64, ok := constant.Int64Val(idx.Value)
		if !ok || i64 < 0 || i64 > 1<<16 {
			continue
		}
		i := int(i64)
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
				for len(out) <= i {
					out = append(out, nil)
				}
				out[i] = st.Val
			}
		}
	}
	return out
}

// NamedType returns the package path and name of t's named type (through one
// pointer), or "" if t is not named.
func NamedType(t types.Type) (pkg, name string) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Path(), n.Obj().Name()
	}
	return "", ""
}

// fieldPlace names field index of a struct type (through one pointer),
// with the field's object; ok is false for a field of an anonymous struct,
// which no other package can name.
func fieldPlace(structType types.Type, index int) (pl Place, field *types.Var, ok bool) {
	t := structType
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, isStruct := t.Underlying().(*types.Struct)
	if !isStruct || index >= st.NumFields() {
		return Place{}, nil, false
	}
	f := st.Field(index)
	n, named := types.Unalias(t).(*types.Named)
	if !named || n.Obj().Pkg() == nil {
		return Place{}, f, false
	}
	n = n.Origin()
	return Place{Port: Field, Pkg: n.Obj().Pkg().Path(), Name: n.Obj().Name() + "." + f.Name(),
		Exported: n.Obj().Exported() && f.Exported()}, f, true
}

// PackageFact is implemented by an analyzer's package fact type, which
// embeds Places.
type PackageFact interface {
	analysis.Fact
	places() *Places
}

// The fact wrappers of analyzers satisfy these through embedding.
var (
	_ interface{ places() *Places } = (*Places)(nil)
)

// StoreFlows are the flows of m[k] = v that put what v carries, of each
// kind, into the map: what the engine does for an update the rule does
// not model, for a model that adds to it.
func StoreFlows(kinds ...Kind) []Flow {
	out := make([]Flow, len(kinds))
	for i, k := range kinds {
		out[i] = ParamFlow(2, k, Contents, 0, k, "")
	}
	return out
}
