package resource

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/pkgindex"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// maxDepth bounds the helpers, callers and stores followed to find an
// option. What is not decided within it counts as binding (the analysis
// errs toward silence about options it cannot see), and the run says so
// with a limit problem at the call (rules.bounded).
const maxDepth = 6

// optionsBind reports whether an option list (the variadic argument of a
// flow call) carries the resource parameter on every path: a literal
// list holding it, an append of it, a helper's result, a parameter every
// caller gives it, a field or variable every store fills with it.
func (r *rules) optionsBind(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if depth > maxDepth {
		r.cut = true
		return true
	}
	if seen[v] {
		return true
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Const:
		return false // no options
	case *ssa.Slice:
		if _, ok := v.X.(*ssa.Alloc); ok {
			return slices.ContainsFunc(dataflow.Elements(v), func(e ssa.Value) bool {
				return e != nil && r.isResourceOption(e, depth+1, seen)
			})
		}
		return r.optionsBind(v.X, depth+1, seen)
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) == 2 {
			if r.optionsBind(v.Call.Args[0], depth+1, seen) {
				return true
			}
			added := v.Call.Args[1]
			if s, ok := added.(*ssa.Slice); ok {
				if _, ok := s.X.(*ssa.Alloc); ok {
					return slices.ContainsFunc(dataflow.Elements(s), func(e ssa.Value) bool {
						return e != nil && r.isResourceOption(e, depth+1, seen)
					})
				}
			}
			return r.optionsBind(added, depth+1, seen)
		}
		return r.resultsAll(v, depth, seen, r.optionsBind)
	case *ssa.Phi:
		var lacking []int
		for i, e := range v.Edges {
			if !r.optionsBind(e, depth+1, seen) {
				lacking = append(lacking, i)
			}
		}
		if len(lacking) == 0 {
			return true
		}
		// if res != "" { opts = append(opts, SetAuthURLParam("resource", res)) }:
		// the path without it is the one with no resource to send.
		var values []ssa.Value
		for _, e := range v.Edges {
			values = append(values, resourceValues(e, 0)...)
		}
		for _, i := range lacking {
			if !emptyOnEdge(v.Block(), i, values) {
				return false
			}
		}
		return true
	case *ssa.Parameter:
		return r.argsAll(v, depth, seen, r.optionsBind)
	case *ssa.UnOp:
		return r.storedAll(v, depth, seen, r.optionsBind)
	case *ssa.ChangeType:
		return r.optionsBind(v.X, depth+1, seen)
	}
	return true
}

// isResourceOption reports whether an option value is
// oauth2.SetAuthURLParam("resource", ...) (through helpers, parameters
// and stores); an option the analysis cannot see counts as one.
func (r *rules) isResourceOption(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if depth > maxDepth {
		r.cut = true
		return true
	}
	if seen[v] {
		return true
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return r.isResourceOption(v.X, depth+1, seen)
	case *ssa.ChangeType:
		return r.isResourceOption(v.X, depth+1, seen)
	case *ssa.Const:
		return false
	case *ssa.Call:
		if callee := v.Call.StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == oauth2Pkg {
			if callee.Name() != "SetAuthURLParam" || len(v.Call.Args) != 2 {
				return false // another option of the library
			}
			return slices.Contains(dataflow.ConstStrings(v.Call.Args[0]), "resource") ||
				len(dataflow.ConstStrings(v.Call.Args[0])) == 0 // a key the analysis cannot read
		}
		return r.resultsAll(v, depth, seen, r.isResourceOption)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !r.isResourceOption(e, depth+1, seen) {
				return false
			}
		}
		return true
	case *ssa.Parameter:
		return r.argsAll(v, depth, seen, r.isResourceOption)
	case *ssa.UnOp:
		return r.storedAll(v, depth, seen, r.isResourceOption)
	}
	return true
}

// resourceValues returns the values an option list gives the resource
// parameter, as far as it is built in the function (literals, append).
func resourceValues(v ssa.Value, depth int) []ssa.Value {
	if depth > maxDepth {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Slice:
		var out []ssa.Value
		if _, ok := v.X.(*ssa.Alloc); ok {
			for _, e := range dataflow.Elements(v) {
				if mi, ok := e.(*ssa.MakeInterface); ok {
					e = mi.X
				}
				if c, ok := e.(*ssa.Call); ok {
					if callee := c.Call.StaticCallee(); callee != nil && callee.Name() == "SetAuthURLParam" && len(c.Call.Args) == 2 &&
						slices.Contains(dataflow.ConstStrings(c.Call.Args[0]), "resource") {
						out = append(out, c.Call.Args[1])
					}
				}
			}
		}
		return out
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) == 2 {
			return append(resourceValues(v.Call.Args[0], depth+1), resourceValues(v.Call.Args[1], depth+1)...)
		}
	}
	return nil
}

// emptyOnEdge reports whether edge i of block b is taken only when one
// of values is the empty string: its predecessor branches on v != ""
// (or v == "") to b on the empty side.
func emptyOnEdge(b *ssa.BasicBlock, i int, values []ssa.Value) bool {
	pred := b.Preds[i]
	if len(pred.Instrs) == 0 {
		return false
	}
	cond, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := cond.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return false
	}
	x := cmp.X
	if s, ok := dataflow.ConstString(x); ok && s == "" {
		x = cmp.Y
	} else if s, ok := dataflow.ConstString(cmp.Y); !ok || s != "" {
		return false
	}
	// The empty side: false of x != "", true of x == "".
	emptySucc := pred.Succs[1]
	if cmp.Op == token.EQL {
		emptySucc = pred.Succs[0]
	}
	if emptySucc != b {
		return false
	}
	return slices.ContainsFunc(values, func(v ssa.Value) bool { return sameValue(v, x) })
}

// sameValue reports whether two values are the same, loads of the same
// field of the same value or of the same package variable, or results of
// calls of the same function with the same arguments (a getter called in
// the condition and again in the option).
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	if ca, ok := a.(*ssa.Call); ok {
		cb, ok := b.(*ssa.Call)
		if !ok || ca.Call.StaticCallee() == nil || ca.Call.StaticCallee() != cb.Call.StaticCallee() || len(ca.Call.Args) != len(cb.Call.Args) {
			return false
		}
		for i := range ca.Call.Args {
			if !sameValue(ca.Call.Args[i], cb.Call.Args[i]) {
				return false
			}
		}
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL {
		return false
	}
	if la.X == lb.X {
		return true
	}
	fa, ok1 := la.X.(*ssa.FieldAddr)
	fb, ok2 := lb.X.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.Field == fb.Field && (fa.X == fb.X || sameValue(fa.X, fb.X))
}

type valueTest func(ssa.Value, int, map[ssa.Value]bool) bool

// resultsAll applies test to every value a function of the package
// returns from call; a call of anything else is not seen into.
func (r *rules) resultsAll(call *ssa.Call, depth int, seen map[ssa.Value]bool, test valueTest) bool {
	callee := call.Call.StaticCallee()
	if callee == nil || len(r.calls[callee]) == 0 || len(callee.Blocks) == 0 {
		return true
	}
	for _, b := range callee.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			if !test(ret.Results[0], depth+1, seen) {
				return false
			}
		}
	}
	return true
}

// argsAll applies test to what every caller in the package passes for p.
func (r *rules) argsAll(p *ssa.Parameter, depth int, seen map[ssa.Value]bool, test valueTest) bool {
	for _, a := range r.calls.Args(p) {
		if !test(a, depth+1, seen) {
			return false
		}
	}
	return true
}

// storedAll applies test to every value the package stores into the
// field or variable a load reads.
func (r *rules) storedAll(load *ssa.UnOp, depth int, seen map[ssa.Value]bool, test valueTest) bool {
	key := pkgindex.StoreKey(load.X)
	if key == nil {
		return true
	}
	for _, v := range r.stores[key] {
		if !test(v, depth+1, seen) {
			return false
		}
	}
	return true
}

// configKey names the config a flow call is made on, so that an exchange
// and an authorization URL of the same config meet: the package variable,
// the field (of any value of its struct type), the helper that made it,
// or else the SSA value itself (the same local).
func configKey(v ssa.Value) any {
	for {
		switch x := v.(type) {
		case *ssa.UnOp:
			v = x.X
			continue
		case *ssa.FieldAddr:
			if f, _ := httpflow.FieldOf(x); f != nil {
				return f
			}
		case *ssa.Field:
			st, ok := x.X.Type().Underlying().(*types.Struct)
			if ok {
				return st.Field(x.Field)
			}
		case *ssa.Call:
			if callee := x.Call.StaticCallee(); callee != nil {
				return callee
			}
		}
		return v
	}
}

// authorizations lists the package's authorization requests
// (Config.AuthCodeURL, Config.DeviceAuth) and whether each sends the
// resource parameter.
func authorizations(pkg *ssapkg.SSA, r *rules) []authorization {
	if pkg == nil {
		return nil
	}
	var out []authorization
	for _, instr := range pkg.Instructions() {
		call, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		callee := call.Common().StaticCallee()
		if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != oauth2Pkg || callee.Signature.Recv() == nil {
			continue
		}
		obj, _ := callee.Object().(*types.Func)
		if obj == nil {
			continue
		}
		name := dataflow.FuncName(obj)
		opts := 0
		switch name {
		case "Config.AuthCodeURL":
			opts = 2
		case "Config.DeviceAuth":
			opts = 2
		default:
			continue
		}
		args := call.Common().Args
		a := authorization{key: configKey(args[0]), name: name, call: call, bound: true}
		if opts < len(args) {
			a.bound = r.bounded(call.Pos(), name, func() bool { return r.optionsBind(args[opts], 0, map[ssa.Value]bool{}) })
		}
		out = append(out, a)
	}
	return out
}

// endpointParamsBind reports whether a clientcredentials.Config has
// "resource" in its EndpointParams: the values stored into the field of
// the config (in its literal or later, in the function) or, for a config
// the analysis cannot trace to where it is made, anywhere in the package.
func (r *rules) endpointParamsBind(cfg ssa.Value) bool {
	root := cfg
	if u, ok := root.(*ssa.UnOp); ok {
		root = u.X
	}
	if alloc, ok := root.(*ssa.Alloc); ok {
		var stored []ssa.Value
		escapes := false
		for _, ref := range *alloc.Referrers() {
			switch ref := ref.(type) {
			case *ssa.FieldAddr:
				if f, _ := httpflow.FieldOf(ref); f != nil && f.Name() == "EndpointParams" {
					for _, st := range *ref.Referrers() {
						if st, ok := st.(*ssa.Store); ok && st.Addr == ref {
							stored = append(stored, st.Val)
						}
					}
				}
			case *ssa.Call:
				if callee := ref.Call.StaticCallee(); callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != clientCredentialsPkg {
					escapes = true // a helper may fill it
				}
			}
		}
		if len(stored) == 0 {
			return escapes
		}
		for _, v := range stored {
			if !r.paramsHaveResource(v, 0, map[ssa.Value]bool{}) {
				return false
			}
		}
		return true
	}
	return true // a config made elsewhere: not judged
}

// paramsHaveResource reports whether a url.Values holds "resource": set
// in its literal, or with Set, Add or an index assignment.
func (r *rules) paramsHaveResource(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if depth > maxDepth {
		r.cut = true
		return true
	}
	if seen[v] {
		return true
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Const:
		return false // nil
	case *ssa.MakeMap:
		for _, ref := range *x.Referrers() {
			switch ref := ref.(type) {
			case *ssa.MapUpdate:
				if slices.Contains(dataflow.ConstStrings(ref.Key), "resource") {
					return true
				}
			case *ssa.Call:
				if callee := ref.Call.StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "net/url" {
					if (callee.Name() == "Set" || callee.Name() == "Add") && len(ref.Call.Args) == 3 &&
						slices.Contains(dataflow.ConstStrings(ref.Call.Args[1]), "resource") {
						return true
					}
					continue
				}
				return true // a helper may add it
			}
		}
		return false
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !r.paramsHaveResource(e, depth+1, seen) {
				return false
			}
		}
		return true
	case *ssa.ChangeType:
		return r.paramsHaveResource(x.X, depth+1, seen)
	}
	return true
}
