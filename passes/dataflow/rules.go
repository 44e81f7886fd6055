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

	// FieldSink reports whether storing a value of kind k into f leaks it
	// (a field of a library type that becomes a credential upstream).
	FieldSink(f *types.Var, k Kind) (string, bool)

	// Value gives the kind of a value made by a non-call instruction, such
	// as make(http.Header).
	Value(v ssa.Value) (Kind, string)

	// Model returns hand-written flows for a call, or nil to let the engine
	// use the callee's summary. Map reads and writes and field stores are
	// presented as calls with Op set and no callee: Lookup(m, k),
	// MapUpdate(m, k, v) and Store(x, v) for x.f = v.
	Model(c *Call) []Flow
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
	Field *types.Var // the field written, for OpStore
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

// fieldID names field index of a struct type (through one pointer) as
// "field:pkg/path.Type.Name", with the field's object; the ID is "" for a
// field of an anonymous struct.
func fieldID(structType types.Type, index int) (string, *types.Var) {
	t := structType
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || index >= st.NumFields() {
		return "", nil
	}
	f := st.Field(index)
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", f
	}
	n = n.Origin()
	return "field:" + n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + f.Name(), f
}

// FuncFact is implemented by an analyzer's function fact type, which embeds
// Summary:
//
//	type funcFact struct{ dataflow.Summary }
//	func (*funcFact) AFact() {}
type FuncFact interface {
	analysis.Fact
	summary() *Summary
}

// PackageFact is implemented by an analyzer's package fact type, which
// embeds Places.
type PackageFact interface {
	analysis.Fact
	places() *Places
}

// The fact wrappers of analyzers satisfy these through embedding.
var (
	_ interface{ summary() *Summary } = (*Summary)(nil)
	_ interface{ places() *Places }   = (*Places)(nil)
)
