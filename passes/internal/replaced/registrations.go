package replaced

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

// maxDepth bounds the walks through chains of wrappers and groups.
const maxDepth = 8

// Before reports whether header name of the request (or header set, or
// context) v is replaced, in fn, on every path before instruction at:
// by fn itself or by a helper it calls first.
func (r *Result) Before(fn *ssa.Function, at ssa.Instruction, v ssa.Value, name string) bool {
	if fn == nil || at == nil || at.Block() == nil {
		return false
	}
	index := -1
	for i, instr := range at.Block().Instrs {
		if instr == at {
			index = i
		}
	}
	if index < 0 {
		return false
	}
	return r.dominating(at.Block(), index, httpflow.RequestRoot(v))[strings.ToLower(name)]
}

// Read decides a read, in fn at instruction at, of header name of the
// request (or header set, or framework context) v: replaced means the
// read gets the server's value. When v is a parameter of fn that its
// package does not register and leaves to its callers
// (decidedByCallers), or a request a closure captures, the answer lies
// with fn's callers and registrations, in this package or others: by is
// that parameter or captured variable. elsewhere, when set, says that some
// registrations replace the header (for the message).
func (r *Result) Read(fn *ssa.Function, at ssa.Instruction, v ssa.Value, name string) (replaced bool, by ssa.Value, elsewhere string) {
	if r.Before(fn, at, v, name) {
		return true, nil, ""
	}
	root := httpflow.RequestRoot(v)
	if fv, ok := root.(*ssa.FreeVar); ok && fv.Parent() == fn && carried(deref(fv.Type())) {
		// A request the closure captures: decided where it is made.
		return false, root, ""
	}
	if _, ok := root.(*ssa.Parameter); !ok || fn == nil || root.Parent() != fn {
		return false, nil, ""
	}
	uses := r.handlerUses(fn)
	if fn.Name() == "ServeHTTP" && fn.Signature.Recv() != nil {
		// A handler type: its values made into handlers are its uses.
		uses = append(uses, r.handlerValues(fn.Signature.Recv().Type())...)
	}
	if len(uses) == 0 {
		if carried(root.Type()) && r.decidedByCallers(fn) {
			return false, root, ""
		}
		return false, nil, ""
	}
	replaced, elsewhere = r.coverage(fn, uses, name)
	return replaced, nil, elsewhere
}

// Decide is Read and Registered for a flow that waits on the request v
// (a value guard, dataflow.Rules.Holds), over the headers names: at a
// call c (v the request passed), clients is set unless every name is
// replaced, and by is the parameter of c.Fn the answer waits on when
// each name not replaced waits on it; where c uses the handler
// c.FuncValue as a value (v nil), clients is set when Registered
// reports this registration for some name. note says that other
// registrations replace a header (for the message); where this
// registration replaces the header, it names the middleware that does
// (for dataflow.HandlerUse).
func (r *Result) Decide(c *dataflow.Call, v ssa.Value, names []string) (clients bool, by ssa.Value, note string) {
	if c.Instr == nil {
		return true, nil, ""
	}
	if c.FuncValue != nil {
		for _, n := range names {
			if report, other := r.Registered(c.FuncValue, c.Instr, n); report {
				return true, nil, other
			}
		}
		return false, nil, r.replacer(c.FuncValue, c.Instr, names)
	}
	if v == nil {
		return true, nil, ""
	}
	for _, n := range names {
		replaced, param, other := r.Read(c.Fn, c.Instr, v, n)
		switch {
		case replaced:
		case param == nil:
			return true, nil, other
		default:
			by = param
		}
	}
	return by != nil, by, ""
}

// Registered decides a read, in the handler fn of another package, of
// header name of the request fn is given, where this package uses fn as
// a value at instruction by (registers it): report is set when this
// registration passes through no middleware that replaces the header
// and is the first such one in the package (one finding per handler
// and package, not one per route); note, when set, says that other
// registrations replace it (for the message).
func (r *Result) Registered(fn *ssa.Function, by ssa.Instruction, name string) (report bool, note string) {
	name = strings.ToLower(name)
	uses := r.handlerUses(fn)
	at := func(u ssa.Value) bool { return useInstr(u) == by }
	if !slices.ContainsFunc(uses, at) {
		// A use the index does not hold: judged alone.
		_, covered := r.flowCoverage(usedValue{fn, by}, 0)[name]
		return !covered, ""
	}
	for _, u := range uses {
		if _, ok := r.flowCoverage(u, 0)[name]; ok {
			continue
		}
		if !at(u) {
			return false, "" // reported at an earlier registration
		}
		_, note = r.coverage(fn, uses, name)
		return true, note
	}
	return false, ""
}

// replacer names a middleware that replaces one of names on the
// registration of fn at instruction by, or returns "".
func (r *Result) replacer(fn *ssa.Function, by ssa.Instruction, names []string) string {
	var u ssa.Value = usedValue{fn, by}
	uses := r.handlerUses(fn)
	if i := slices.IndexFunc(uses, func(u ssa.Value) bool { return useInstr(u) == by }); i >= 0 {
		u = uses[i]
	}
	covered := r.flowCoverage(u, 0)
	for _, n := range names {
		if m := covered[strings.ToLower(n)]; m != "" {
			return m
		}
	}
	return ""
}

// useInstr is the instruction a use of a function as a value is: the
// instruction that has the function as an operand, or the method value
// made of it.
func useInstr(u ssa.Value) ssa.Instruction {
	switch u := u.(type) {
	case usedValue:
		return u.by
	case *ssa.MakeClosure:
		return u
	}
	return nil
}

// coverage tells whether every use of the handler fn passes through a
// middleware that replaces header name, and, when only some do, which.
func (r *Result) coverage(fn *ssa.Function, uses []ssa.Value, name string) (all bool, elsewhere string) {
	name = strings.ToLower(name)
	covered, by := 0, ""
	for _, u := range uses {
		if m, ok := r.flowCoverage(u, 0)[name]; ok {
			covered++
			by = m
		}
	}
	switch covered {
	case len(uses):
		return len(uses) > 0, ""
	case 0:
		return false, ""
	}
	return false, fmt.Sprintf("middleware %s replaces it on other registrations of %s", by, fn.Name())
}

// decidedByCallers reports whether a read of a credential header on a
// parameter of fn, which its package does not register, is left to fn's
// callers and to where other packages register it:
//   - the bound wrapper of a method value: the method is decided where
//     the value is made;
//   - a function or method its package calls: the callers decide;
//   - an unexported function of another shape than a handler's that
//     nothing calls: dead code, as no router can call it either;
//   - an exported helper (not of the handler shape) outside a main
//     package: its facts reach the packages that call it;
//   - an exported function or method of the handler shape: the packages
//     that register it decide (the method value, for a method; a value
//     of its type made into an http.Handler, for ServeHTTP, when the
//     type is exported: other packages make values of it). When no
//     middleware that replaces the header is in
//     sight (declared in the package or in one it imports), the read is
//     also reported in its package, provisionally (Provisional): an
//     exported handler that no analyzed package registers must still be
//     reported somewhere.
//
// Otherwise the read is judged in the package, as a handler nothing
// registers: an unexported handler may be registered by code the
// analysis does not see.
func (r *Result) decidedByCallers(fn *ssa.Function) bool {
	if strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
		// The wrapper of a method value: the method itself is judged
		// where the value is made (registered), not in the wrapper.
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || obj.Pkg() != r.pass.Pkg {
		return false
	}
	r.handlerUses(fn) // indexes the calls too
	switch {
	case r.called[fn]:
		return true
	case !obj.Exported() && !handlerShaped(fn):
		return true // nothing calls it, and no router can: dead code
	case !obj.Exported() || r.pass.Pkg.Name() == "main":
		return false
	case !handlerShaped(fn):
		return true
	case fn.Name() == "ServeHTTP" && !exportedReceiver(fn):
		return false
	}
	return true
}

// Provisional reports whether a read of one of the headers names, on a
// request the exported handler fn is given, is to be reported in fn's
// package before the packages that register fn are analyzed: nothing in
// the package calls or registers fn, and no middleware that replaces
// the header is in sight, so nothing the package and its imports see
// can clear the read. (With such a middleware in sight, the read waits
// for the registrations alone, and a driver analyzing one package at a
// time, go vet's, still decides it.)
func (r *Result) Provisional(fn *ssa.Function, names []string) bool {
	if fn == nil || fn.Parent() != nil || !handlerShaped(fn) || r.pass == nil || fn.Name() == "ServeHTTP" && !exportedReceiver(fn) {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || !obj.Exported() || obj.Pkg() != r.pass.Pkg || r.pass.Pkg.Name() == "main" {
		return false
	}
	if len(r.handlerUses(fn)) > 0 || r.called[fn] {
		return false
	}
	for _, n := range names {
		if !r.middlewareInSight(n) {
			return true
		}
	}
	return false
}

// exportedReceiver reports whether method fn's receiver is of an
// exported type.
func exportedReceiver(fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return false
	}
	_, name := dataflow.NamedType(recv.Type())
	return token.IsExported(name)
}

// carried reports whether a parameter of type t is a request whose
// headers a middleware replaces before the handler gets it: a request,
// a header set, a framework's context.
func carried(t types.Type) bool {
	return httpflow.IsRequestish(t) || httpflow.IsNamed(t, "net/http", "Header")
}

// deref is the type a captured variable holds: a closure captures a
// spilled variable by its address (**gin.Context), but a pointer that is
// itself the request (*http.Request) stays as it is.
func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok && !httpflow.IsRequestish(t) {
		return p.Elem()
	}
	return t
}

// handlerShaped reports whether fn has the shape of a handler a router
// calls (httpflow.IsHandlerSignature, or one fasthttp or fiber context),
// returning nothing or an error.
func handlerShaped(fn *ssa.Function) bool {
	sig := fn.Signature
	switch {
	case sig.Results().Len() > 1:
		return false
	case sig.Results().Len() == 1 && !types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type()):
		return false
	case httpflow.IsHandlerSignature(sig):
		return true
	}
	if sig.Params().Len() != 1 {
		return false
	}
	t := sig.Params().At(0).Type()
	return httpflow.IsNamed(t, "github.com/valyala/fasthttp", "RequestCtx") || httpflow.IsNamed(t, "github.com/gofiber/fiber/v2", "Ctx")
}

// middlewareInSight reports whether the package, or one it imports,
// declares a middleware that replaces header name.
func (r *Result) middlewareInSight(name string) bool {
	name = strings.ToLower(name)
	if seen, ok := r.inSight[name]; ok {
		return seen
	}
	seen := false
	for _, f := range r.facts {
		seen = seen || slices.Contains(f.Wraps, name)
	}
	for _, of := range r.pass.AllObjectFacts() {
		if f, ok := of.Fact.(*funcFact); ok && slices.Contains(f.Wraps, name) {
			seen = true
		}
	}
	if r.inSight == nil {
		r.inSight = map[string]bool{}
	}
	r.inSight[name] = seen
	return seen
}

// ValueCovered reports whether every registration of a handler value v
// (a reverse proxy) passes through a middleware that replaces header
// name.
func (r *Result) ValueCovered(v ssa.Value, name string) bool {
	_, ok := r.flowCoverage(v, 0)[strings.ToLower(name)]
	return ok
}

// handlerValues returns the values of type recv (or the type it points
// to, or a pointer to it) that the package makes into interface values:
// a handler type's values registered as handlers (mux.Handle(p, &srv{})).
func (r *Result) handlerValues(recv types.Type) []ssa.Value {
	same := func(t types.Type) bool {
		if types.Identical(t, recv) {
			return true
		}
		if p, ok := t.(*types.Pointer); ok && types.Identical(p.Elem(), recv) {
			return true
		}
		p, ok := recv.(*types.Pointer)
		return ok && types.Identical(t, p.Elem())
	}
	var out []ssa.Value
	for _, f := range r.pkg.SrcFuncs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok && same(mi.X.Type()) {
					out = append(out, mi)
				}
			}
		}
	}
	return out
}

// handlerUses returns the values through which fn is used as a value
// in the package: the function itself where it is an operand, a closure
// of it, a method value.
func (r *Result) handlerUses(fn *ssa.Function) []ssa.Value {
	if r.uses == nil {
		r.uses = map[*ssa.Function][]ssa.Value{}
		r.called = map[*ssa.Function]bool{}
		for _, f := range r.pkg.SrcFuncs {
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					if mc, ok := instr.(*ssa.MakeClosure); ok {
						if target := closureTarget(mc); target != nil {
							r.uses[target] = append(r.uses[target], mc)
						}
						continue
					}
					if c, ok := instr.(ssa.CallInstruction); ok {
						if callee := c.Common().StaticCallee(); callee != nil {
							r.called[callee] = true
						}
					}
					var ops [8]*ssa.Value
					for _, op := range instr.Operands(ops[:0]) {
						if g, ok := (*op).(*ssa.Function); ok && !dataflow.IsCallee(instr, op) {
							r.uses[g] = append(r.uses[g], usedValue{g, instr})
						}
					}
				}
			}
		}
	}
	return r.uses[fn]
}

// closureTarget is the function a closure stands for: the literal, or
// the method of a method value.
func closureTarget(mc *ssa.MakeClosure) *ssa.Function {
	if m := dataflow.BoundMethod(mc); m != nil {
		return m // s.handle as a value
	}
	fn, _ := mc.Fn.(*ssa.Function)
	return fn
}

// usedValue is a function used as a value by one instruction: the
// function value has no referrers of its own.
type usedValue struct {
	*ssa.Function
	by ssa.Instruction
}

// flowCoverage returns the headers replaced, on every path, by the
// middleware a handler value v passes through before it is registered:
// a wrapper it is given to (auth(h)), middleware registered beside it in
// the same call (gin's r.GET(p, mw, h), echo's e.GET(p, h, mw)), or on
// the router it is registered with (Use, Group). A use the walk cannot
// follow replaces nothing.
func (r *Result) flowCoverage(v ssa.Value, depth int) map[string]string {
	if depth > maxDepth {
		return nil
	}
	var refs []ssa.Instruction
	if u, ok := v.(usedValue); ok {
		refs = []ssa.Instruction{u.by}
		v = u.Function
	} else if rs := v.Referrers(); rs != nil {
		refs = *rs
	}
	var sets []map[string]string
	for _, ref := range refs {
		switch ref := ref.(type) {
		case *ssa.ChangeType, *ssa.MakeInterface, *ssa.Convert, *ssa.Phi:
			sets = append(sets, r.flowCoverage(ref.(ssa.Value), depth+1))
		case *ssa.Store:
			// An element of a variadic argument list built in place.
			call := sliceCall(ref)
			if call == nil {
				return nil
			}
			sets = append(sets, r.callCoverage(call, depth, ref.Val, true))
		case *ssa.Call:
			if ref.Common().Value == v {
				return nil // called directly, not registered
			}
			sets = append(sets, r.callCoverage(ref, depth, v, true))
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	if len(sets) == 0 {
		return nil
	}
	out := sets[0]
	for _, s := range sets[1:] {
		for n := range out {
			if _, ok := s[n]; !ok {
				delete(out, n)
			}
		}
	}
	return out
}

// sliceCall returns the call a variadic argument list is passed to,
// when a store writes one of its elements.
func sliceCall(st *ssa.Store) *ssa.Call {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return nil
	}
	alloc, ok := ia.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	for _, ref := range *alloc.Referrers() {
		if sl, ok := ref.(*ssa.Slice); ok {
			for _, ref2 := range *sl.Referrers() {
				if call, ok := ref2.(*ssa.Call); ok {
					return call
				}
			}
		}
	}
	return nil
}

// callCoverage is what the handler value passed to call gets replaced:
// by the callee when it is a replacing wrapper, by middleware passed
// beside it, by the router's middleware, and, when follow is set and the
// call returns the wrapped handler, by where that goes. handler is nil
// for a call that makes a router (Group).
func (r *Result) callCoverage(call *ssa.Call, depth int, handler ssa.Value, follow bool) map[string]string {
	out := map[string]string{}
	common := call.Common()
	if callee := common.StaticCallee(); callee != nil {
		if f := r.fact(callee); f != nil {
			for _, n := range f.Wraps {
				out[n] = callee.Name()
			}
		}
	}
	r.argsWraps(common.Args, handler, depth+1, out)
	if recv := receiver(common); recv != nil {
		maps.Copy(out, r.routerWraps(recv, call, depth+1))
	}
	if follow && returnsHandler(call) {
		maps.Copy(out, r.flowCoverage(call, depth+1))
	}
	return out
}

// argsWraps adds to out what the middleware among args replaces: the
// values, and the elements of lists built in place; not the handler
// itself, and in the list that holds it only what comes before it (gin
// runs a list of handlers in order).
func (r *Result) argsWraps(args []ssa.Value, handler ssa.Value, depth int, out map[string]string) {
	for _, a := range args {
		if handler != nil && a == handler {
			continue
		}
		maps.Copy(out, r.valueWraps(a, depth))
		elems := dataflow.Elements(a)
		if k := slices.Index(elems, handler); handler != nil && k >= 0 {
			elems = elems[:k]
		}
		for _, e := range elems {
			if e != nil {
				maps.Copy(out, r.valueWraps(e, depth))
			}
		}
	}
}

// receiver is the receiver of a method call.
func receiver(common *ssa.CallCommon) ssa.Value {
	if common.IsInvoke() {
		return common.Value
	}
	if f := common.StaticCallee(); f != nil && f.Signature.Recv() != nil && len(common.Args) > 0 {
		return common.Args[0]
	}
	return nil
}

// returnsHandler reports whether a call returns a function or an
// interface (a wrapped handler) that is used.
func returnsHandler(call *ssa.Call) bool {
	switch call.Type().Underlying().(type) {
	case *types.Signature, *types.Interface:
		return call.Referrers() != nil && len(*call.Referrers()) > 0
	}
	return false
}

// routerWraps returns what the middleware installed on a router
// replaces: Use calls on the same router before the registration, and
// the middleware of the Group it was made by.
func (r *Result) routerWraps(router ssa.Value, at *ssa.Call, depth int) map[string]string {
	out := map[string]string{}
	if depth > maxDepth {
		return out
	}
	same := sameValues(router)
	for v := range same {
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			call, ok := ref.(*ssa.Call)
			if !ok || call == at || !isMethod(call.Common(), "Use") || !dominatesInstr(call, at) || !same[receiver(call.Common())] {
				continue
			}
			r.argsWraps(call.Common().Args[1:], nil, depth+1, out)
		}
	}
	// g := r.Group("/v1", mw): the group has r's middleware and its own.
	if group, ok := router.(*ssa.Call); ok && isMethod(group.Common(), "Group") {
		maps.Copy(out, r.callCoverage(group, depth, nil, false))
	}
	return out
}

func isMethod(common *ssa.CallCommon, name string) bool {
	if common.IsInvoke() {
		return common.Method.Name() == name
	}
	f := common.StaticCallee()
	return f != nil && f.Signature.Recv() != nil && f.Name() == name
}

// sameValues returns the values that denote the same router as v: v,
// and the value an interface conversion of it was made from. (A router
// loaded anew from a field at each use is not followed: its Use calls
// count for nothing, which reports.)
func sameValues(v ssa.Value) map[ssa.Value]bool {
	out := map[ssa.Value]bool{v: true}
	if mi, ok := v.(*ssa.MakeInterface); ok {
		out[mi.X] = true
	}
	return out
}

// valueWraps returns what a middleware value replaces: a function or
// closure that is (or makes) replacing middleware, or a call of a
// constructor that returns one (Distribute()).
func (r *Result) valueWraps(v ssa.Value, depth int) map[string]string {
	if depth > maxDepth {
		return nil
	}
	var fn *ssa.Function
	switch x := v.(type) {
	case *ssa.Function:
		fn = x
	case *ssa.MakeClosure:
		fn = closureTarget(x)
	case *ssa.ChangeType:
		return r.valueWraps(x.X, depth+1)
	case *ssa.MakeInterface:
		return r.valueWraps(x.X, depth+1)
	case *ssa.Convert:
		return r.valueWraps(x.X, depth+1)
	case *ssa.Call:
		fn = x.Common().StaticCallee()
	}
	f := r.fact(fn)
	if f == nil || len(f.Wraps) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, n := range f.Wraps {
		out[n] = fn.Name()
	}
	return out
}
