package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// registrations decides, where a function of another package is used as
// a value (a handler registered: mux.HandleFunc(p, relay.Audio)), or a
// value of another package's type is made into an interface value whose
// methods include one of its own (mux.Handle(p, &relay.Proxy{})), the
// flows of its summary that wait on a value guard: a source that reaches
// a sink, or a field or context key, unless whoever calls the function
// replaced the request's header. The rule decides at the use
// (Rules.Holds with c.FuncValue set). A source that holds into a sink is
// reported there, as any flow into a sink of another package is
// reported where this package hands it on; one into a field or key is
// held there (and meets the place's reads).
func (f *funcState) registrations(instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.Call, *ssa.Go, *ssa.Defer, *ssa.ChangeType, *ssa.MakeInterface, *ssa.Store:
	case *ssa.MakeClosure:
		// A method value (h.Chat): the method is what is registered.
		if m := BoundMethod(instr); m != nil && !f.isLocal(m) {
			f.registered(instr, m)
		}
		return
	default:
		return
	}
	if mi, ok := instr.(*ssa.MakeInterface); ok {
		// A value of another package's type made into an interface
		// value whose methods whoever receives it calls (a handler type
		// made into an http.Handler): those of its methods are
		// registered.
		for _, m := range f.interfaceMethods(mi) {
			f.registered(instr, m)
		}
	}
	var ops [8]*ssa.Value
	for _, op := range instr.Operands(ops[:0]) {
		fn, ok := (*op).(*ssa.Function)
		if !ok || f.isLocal(fn) || IsCallee(instr, op) {
			continue
		}
		f.registered(instr, fn)
	}
}

// registered applies, at instruction instr that uses fn as a value, the
// flows of fn's summary that wait on a value guard.
func (f *funcState) registered(instr ssa.Instruction, fn *ssa.Function) {
	obj := funcObject(fn)
	if obj == nil {
		return
	}
	for _, fl := range f.factFlows(obj) {
		// A flow that also requires a parameter's kind (an outbound
		// request) cannot hold where a router calls the handler with
		// what it received.
		if fl.From != Source || fl.Guard == nil || !fl.Guard.OnValue || fl.Require != nil {
			continue
		}
		if fl.To == Sink && fl.Sink == nil || fl.To != Sink && fl.To != Field && fl.To != Key {
			continue
		}
		pos := usePos(instr, fn)
		if !pos.IsValid() {
			pos = f.fn.Pos()
		}
		c := &Call{Fn: f.fn, Callee: obj, Pos: pos, Instr: instr, FuncValue: fn}
		holds, _, note := f.rules.Holds(fl.Guard, c, nil)
		if fl.Guard.Reported != "" {
			// Reported, provisionally, in the handler's package: this
			// registration only says whether it replaces the header.
			f.used(fl.Guard.Reported, !holds, note)
			continue
		}
		if !holds {
			continue
		}
		here := f.position(pos)
		p := f.stepsAt(fl.Path, here, pos)
		if note != "" {
			p = p.noted(note)
		}
		p = p.then(here, pos, RoleCall, "handler "+fn.Name()+" registered here")
		l := label{origin{port: Source}, fl.ToKind}
		switch fl.To {
		case Sink:
			f.sinkEvent(l, p, *fl.Sink, nil, pos)
		case Field:
			// The handler stores the client's token in a field: the
			// field holds it (and meets its reads here).
			f.fieldStore(fl.ToPlace, true, nil, labels{l: p}, pos, true)
		case Key:
			f.placeStore(fl.ToPlace, labels{l: p}, pos, true)
		}
	}
}

// interfaceMethods returns the method, declared in another package, that
// the interface value mi makes is a callback for: the value's method
// that an interface of one method has (http.Handler's ServeHTTP), when
// its summary has flows that wait on a value guard (only those can be
// decided at a registration). A value made into an interface of several
// methods is not registered: it is an implementation, whose methods the
// calls through the interface meet where they are made (an adaptor
// chosen per request); nor is one made into an interface without
// methods (any, for logging).
func (f *funcState) interfaceMethods(mi *ssa.MakeInterface) []*ssa.Function {
	iface, ok := mi.Type().Underlying().(*types.Interface)
	if !ok || iface.NumMethods() != 1 {
		return nil
	}
	if pkg, _ := NamedType(mi.X.Type()); pkg == "" || pkg == f.pass.Pkg.Path() {
		return nil
	}
	// (Not the program's method set cache: the analyzers of a package
	// share its program, and run at once.)
	mset := types.NewMethodSet(mi.X.Type())
	var out []*ssa.Function
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		sel := mset.Lookup(m.Pkg(), m.Name())
		if sel == nil {
			continue
		}
		obj, ok := sel.Obj().(*types.Func)
		if !ok || !waits(f.factFlows(obj)) {
			continue
		}
		if fn := f.fn.Prog.MethodValue(sel); fn != nil && !f.isLocal(fn) {
			out = append(out, fn)
		}
	}
	return out
}

// waits reports whether a summary has a flow on a value guard.
func waits(flows []Flow) bool {
	return slices.ContainsFunc(flows, func(fl Flow) bool { return fl.Guard != nil && fl.Guard.OnValue })
}

// BoundMethod returns the method a method value stands for: the callee
// of the synthetic wrapper a MakeClosure binds (h.Chat), or nil for a
// function literal.
func BoundMethod(mc *ssa.MakeClosure) *ssa.Function {
	w, ok := mc.Fn.(*ssa.Function)
	if !ok || w.Synthetic == "" {
		return nil
	}
	for _, b := range w.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.Common().StaticCallee(); callee != nil {
					return callee
				}
			}
		}
	}
	return nil
}

// IsCallee reports whether operand op of instr is the function a call
// calls (not a function passed as a value).
func IsCallee(instr ssa.Instruction, op *ssa.Value) bool {
	c, ok := instr.(ssa.CallInstruction)
	return ok && &c.Common().Value == op
}

// usePos is where the function value fn is used, for people: the
// instruction's position, or that of the call its value goes to (a
// conversion to a handler type, an element of a variadic list of
// handlers, have none of their own, or fn's).
func usePos(instr ssa.Instruction, fn *ssa.Function) token.Pos {
	for depth := 0; depth < 6 && instr != nil; depth++ {
		if pos := instr.Pos(); pos.IsValid() && pos != fn.Pos() {
			return pos
		}
		var next ssa.Instruction
		switch x := instr.(type) {
		case *ssa.Store:
			if ia, ok := x.Addr.(*ssa.IndexAddr); ok {
				next = firstUse(ia.X)
			}
		case ssa.Value:
			next = firstUse(x)
		}
		instr = next
	}
	return token.NoPos
}

// firstUse returns the instruction a value goes on to: for the array of
// a variadic list, the slice made of it.
func firstUse(v ssa.Value) ssa.Instruction {
	refs := v.Referrers()
	if refs == nil {
		return nil
	}
	var first ssa.Instruction
	for _, ref := range *refs {
		switch ref.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Slice:
			return ref
		}
		if first == nil {
			first = ref
		}
	}
	if _, ok := v.(*ssa.Alloc); ok {
		return nil // an array whose elements are stored, not a list
	}
	return first
}
