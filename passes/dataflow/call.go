package dataflow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// call applies a call's effects: the rules' model when there is one, the
// engine's own carriers (context values, string functions, builtins), or
// the callee's summary.
func (f *funcState) call(instr ssa.CallInstruction) {
	common := instr.Common()
	c := &Call{Common: common, Fn: f.fn, Pos: instr.Pos(), Instr: instr}
	if !c.Pos.IsValid() {
		if v := instr.Value(); v != nil {
			c.Pos = v.Pos()
		}
	}
	var result ssa.Value
	if v := instr.Value(); v != nil {
		result = v
		c.Value = v
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		f.builtin(b, common.Args, result)
		return
	}
	var callee *ssa.Function
	var bound []ssa.Value // the receiver of a method value called
	if common.IsInvoke() {
		c.Callee = common.Method
		c.Args = append([]ssa.Value{common.Value}, common.Args...)
	} else {
		c.Args = append([]ssa.Value(nil), common.Args...) // models may append to it
		if callee = common.StaticCallee(); callee != nil {
			c.Callee = funcObject(callee)
			if mc, ok := common.Value.(*ssa.MakeClosure); ok {
				c.Args = append(append([]ssa.Value(nil), common.Args...), mc.Bindings...)
				if strings.HasPrefix(callee.Synthetic, "bound method wrapper") {
					bound = mc.Bindings
				}
			}
		}
	}
	if f.contextCall(c, result) {
		return
	}
	if bound != nil {
		// A method value (set := req.Header.Set; set(k, v)): the rules
		// describe the method, with its receiver first.
		mc := *c
		mc.Args = append(append([]ssa.Value(nil), bound...), common.Args...)
		if f.applyModel(&mc, result) {
			return
		}
	} else if f.applyModel(c, result) {
		return
	}
	if c.Callee != nil && f.derive(c, result) {
		return
	}
	switch {
	case callee != nil && f.isLocal(callee):
		f.applySummary(c, f.calleeSummary(callee), result)
	case c.Callee != nil && !common.IsInvoke():
		f.applySummary(c, f.factFlows(c.Callee), result)
	case callee == nil && !common.IsInvoke():
		// A call of a function value: it returns what the value carries
		// (see closure); a call of a parameter is part of the summary.
		f.setResults(result, map[int]labels{0: f.labelsOf(common.Value)})
		f.callOfInput(common)
		f.feedCallbacks(c, f.labelsOf(common.Value))
	case common.IsInvoke():
		for _, m := range f.implementations(common) {
			if m.local != nil {
				f.applySummary(c, f.calleeSummary(m.local), result)
			} else {
				f.applySummary(c, f.factFlows(m.obj), result)
			}
		}
	}
}

// isLocal reports whether fn belongs to the package being analyzed
// (including its function literals and the wrappers built for it).
func (f *funcState) isLocal(fn *ssa.Function) bool {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if fn.Pkg == f.pkg {
		return true
	}
	if fn.Synthetic != "" && fn.Blocks != nil {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() == f.pass.Pkg {
			return true
		}
	}
	return false
}

// funcObject returns the declared function behind an SSA function, seeing
// through generic instantiation.
func funcObject(fn *ssa.Function) *types.Func {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil {
		obj = obj.Origin()
	}
	return obj
}

// applyModel applies the rules' model of c, and reports whether there was
// one (a model may say that nothing flows).
func (f *funcState) applyModel(c *Call, result ssa.Value) bool {
	flows, ok := f.rules.Model(c)
	if ok {
		f.apply(c, flows, result, true)
	}
	return ok
}

// applySummary applies a callee's summary at a call.
func (f *funcState) applySummary(c *Call, flows []Flow, result ssa.Value) {
	f.apply(c, flows, result, false)
}

// apply applies flows at a call site: each flow takes the labels of its
// input at the call (inputs), and delivers them to its destination
// (deliver). model is set for the rules' models, whose steps describe the
// call itself rather than a callee's body.
func (f *funcState) apply(c *Call, flows []Flow, result ssa.Value, model bool) {
	if len(flows) == 0 {
		return
	}
	results := map[int]labels{}
	for i := range flows {
		fl := &flows[i]
		if model && len(fl.Path) > 0 && (fl.From == Source || fl.FromKind != fl.ToKind) {
			// A model step that gives the value its kind is its origin.
			fl = markOrigin(*fl)
		}
		in := f.inputs(c, fl, model)
		if len(in) == 0 {
			continue
		}
		if fl.To != Sink && fl.Require != nil {
			// Outside sinks a condition must hold here and now (a write
			// into a header map the function made itself).
			if cond, ok := f.require(c, fl.Require); !ok || cond != nil {
				continue
			}
		}
		f.deliver(c, fl, in, results)
	}
	f.setResults(result, results)
}

// calleeName names the callee in path steps.
func (c *Call) calleeName() string {
	if c.Callee != nil {
		return c.Callee.Name()
	}
	return "call"
}

// inputs returns the labels a flow takes at a call: a new source, what a
// field or key holds, or what an argument carries, with the path extended
// by the call.
func (f *funcState) inputs(c *Call, fl *Flow, model bool) labels {
	g, name, note, ok := f.guard(c, fl.Guard)
	if !ok {
		return nil
	}
	in := f.unguardedInputs(c, fl, model)
	if note != "" && name == "" {
		// A value guard met with a remark (a replacement on other
		// registrations): the source says so.
		for l, p := range in {
			in[l] = p.noted(note)
		}
	}
	if len(in) == 0 || g.param1 == 0 && (name == "" || model) {
		return in
	}
	out := make(labels, len(in))
	becomes := fl.From == Source || fl.FromKind != fl.ToKind
	for l, p := range in {
		if name != "" && becomes {
			// The call that names the header is where the value
			// became what it is: GetHeader("Authorization").
			what := fmt.Sprintf("%s(%q)", c.calleeName(), name)
			if note != "" {
				what += " (" + note + ")"
			}
			p = p.add(Step{At: f.position(c.Pos), What: what, Origin: true}, c.Pos)
		}
		if g.param1 != 0 && l.guard.param1 == 0 {
			l.guard = g
		}
		out.add(l, p)
	}
	return out
}

// guard evaluates a flow's name guard at a call: met (by the constant
// name it returns, or "" when there is no guard, with the rule's note
// on it), not met (false), or depending on a parameter of this function
// that the name comes from.
func (f *funcState) guard(c *Call, g *Guard) (on guardOn, name, note string, ok bool) {
	if g == nil {
		return guardOn{}, "", "", true
	}
	if g.OnValue {
		var arg ssa.Value
		if g.Arg < len(c.Args) {
			arg = c.Args[g.Arg]
		}
		holds, by, note := f.rules.Holds(g, c, arg)
		k := f.inputIndex(by)
		if g.Reported != "" && (!holds || by == nil || k < 0) {
			// A flow the handler's package reported provisionally: this
			// use only says whether it replaces the header.
			f.used(g.Reported, !holds, note)
			return guardOn{}, "", "", false
		}
		if !holds {
			return guardOn{}, "", "", false
		}
		if by != nil && k >= 0 {
			return guardOn{param1: k + 1, class: g.Class, onValue: true, names: f.internNames(g.Name, g.Reported)}, "", note, true
		}
		return guardOn{}, "", note, true
	}
	if g.Arg >= len(c.Args) || c.Args[g.Arg] == nil {
		return guardOn{}, "", "", false
	}
	arg := c.Args[g.Arg]
	if names := ConstStrings(arg); len(names) > 0 {
		for _, n := range names {
			ok, then, note := f.rules.Accepts(g.Class, n, c)
			if !ok {
				continue
			}
			if then != nil && then.OnValue {
				// The name is accepted; the value still waits on a
				// request of this call.
				on, _, more, ok := f.guard(c, then)
				if !ok {
					continue
				}
				if note == "" {
					note = more
				}
				return on, n, note, true
			}
			return guardOn{}, n, note, true
		}
		return guardOn{}, "", "", false
	}
	if k := f.inputIndex(arg); k >= 0 {
		return guardOn{param1: k + 1, class: g.Class, unknown: g.Unknown}, "", "", true
	}
	return guardOn{}, "", "", g.Unknown
}

func (f *funcState) unguardedInputs(c *Call, fl *Flow, model bool) labels {
	here := f.position(c.Pos)
	var in labels
	add := func(l label, p *path) {
		if in == nil {
			in = make(labels, 1)
		}
		in.add(l, p)
	}
	switch fl.From {
	case Source:
		p := f.stepsAt(fl.Path, here, c.Pos)
		switch {
		case model:
			f.sourceSeen(c, fl)
		case fl.To == Sink || fl.To == Field || fl.To == Key:
			// The source and where it goes are both inside the callee.
			p = p.then(here, c.Pos, RoleCall, "call of "+c.calleeName())
		default:
			p = p.then(here, c.Pos, RoleReturn, "returned by "+c.calleeName())
		}
		add(label{origin{port: Source}, fl.ToKind}, p)
	case Field, Key:
		for k, p := range f.holdsOf(fl.FromPlace) {
			if k == fl.FromKind {
				p = concat(p, f.stepsAt(fl.Path, here, c.Pos)).then(here, c.Pos, RoleReturn, "returned by "+c.calleeName())
				add(label{origin{port: Source}, fl.ToKind}, p)
			}
		}
	case Param:
		for l, p := range f.argLabels(c, fl.FromIndex, model) {
			if l.kind != fl.FromKind {
				continue
			}
			if !model {
				p = p.then(here, c.Pos, RoleCall, "passed to "+c.calleeName())
			}
			add(label{l.origin, fl.ToKind}, concat(p, f.stepsAt(fl.Path, here, c.Pos)))
		}
	}
	return in
}

// argLabels returns what argument i of a call carries.
func (f *funcState) argLabels(c *Call, i int, model bool) labels {
	if ls, ok := c.given[i]; ok {
		return ls
	}
	if i >= len(c.Args) || c.Args[i] == nil {
		return nil
	}
	ls := f.objectLabels(c.Args[i])
	if model {
		ls = f.withFields(c.Args[i], ls)
	}
	return ls
}

// callOfInput records, for a call of a function value that is a parameter
// of this function (or a variable it captured), what each argument of the
// call carries: a caller that passes a callback applies it there.
func (f *funcState) callOfInput(common *ssa.CallCommon) {
	k := f.inputIndex(common.Value)
	if k < 0 {
		return
	}
	for j, arg := range common.Args {
		for l, p := range f.labelsOf(arg) {
			f.place(l, p, Flow{To: CallOf, ToIndex: k, ToArg: j, ToKind: l.kind})
		}
	}
}

// inputIndex is the summary index of a parameter or captured variable,
// or -1.
func (f *funcState) inputIndex(v ssa.Value) int {
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range f.fn.Params {
			if p == v {
				return i
			}
		}
	case *ssa.FreeVar:
		for j, fv := range f.fn.FreeVars {
			if fv == v {
				return f.nparams + j
			}
		}
	}
	return -1
}

// callback applies a flow into a call of a function value argument: the
// callback's own summary, from that argument on, with the labels the flow
// brings; a callback that is itself this function's parameter passes the
// flow on to its callers.
func (f *funcState) callback(c *Call, fl *Flow, in labels) {
	if fl.ToIndex >= len(c.Args) || c.Args[fl.ToIndex] == nil {
		return
	}
	fnValue := c.Args[fl.ToIndex]
	if mi, ok := fnValue.(*ssa.MakeInterface); ok {
		fnValue = mi.X
	}
	if k := f.inputIndex(fnValue); k >= 0 {
		for l, p := range in {
			f.place(l, p, Flow{To: CallOf, ToIndex: k, ToArg: fl.ToArg, ToKind: l.kind})
		}
		return
	}
	var fn *ssa.Function
	var bindings []ssa.Value
	switch v := fnValue.(type) {
	case *ssa.MakeClosure:
		fn, _ = v.Fn.(*ssa.Function)
		bindings = v.Bindings
	case *ssa.Function:
		fn = v
	}
	if fn == nil {
		return
	}
	var flows []Flow
	if f.isLocal(fn) {
		flows = f.calleeSummary(fn)
	} else if obj := funcObject(fn); obj != nil {
		flows = f.factFlows(obj)
	}
	var from []Flow
	for _, cf := range flows {
		if cf.From == Param && cf.FromIndex == fl.ToArg && (cf.To != Result || cf.ToIndex == 0) {
			from = append(from, cf)
		}
	}
	if len(from) == 0 {
		return
	}
	// What the callback returns from that argument, the function value
	// carries: the function it was passed to returns it from the call
	// (a Map helper, a transformer).
	args := append(make([]ssa.Value, len(fn.Params)), bindings...)
	cc := &Call{Fn: f.fn, Callee: funcObject(fn), Args: args, Pos: c.Pos, given: map[int]labels{fl.ToArg: in}}
	f.apply(cc, from, c.Args[fl.ToIndex], false)
}

// feedCallbacks hands the function arguments of a call of a function
// value what that value carries: an iterator made by a closure (return
// func(yield func(string) bool) { yield(token) }) yields what it
// captured to the loop body.
func (f *funcState) feedCallbacks(c *Call, carried labels) {
	if len(carried) == 0 {
		return
	}
	for i, arg := range c.Args {
		sig, ok := arg.Type().Underlying().(*types.Signature)
		if !ok {
			continue
		}
		for j := 0; j < sig.Params().Len(); j++ {
			f.callback(c, &Flow{To: CallOf, ToIndex: i, ToArg: j}, carried)
		}
	}
}

// sourceSeen tells the rule's Events that a model's source flow applied.
func (f *funcState) sourceSeen(c *Call, fl *Flow) {
	if f.cfg.Events == nil {
		return
	}
	what := ""
	if len(fl.Path) > 0 {
		what = fl.Path[len(fl.Path)-1].What
	}
	f.cfg.Events.SourceSeen(SourceEvent{Pos: c.Pos, At: f.position(c.Pos), Tag: fl.Tag, What: what})
}

// deliver hands a flow's labels to its destination: a result (collected
// in results), the memory an argument points to, a sink, a field or a key.
func (f *funcState) deliver(c *Call, fl *Flow, in labels, results map[int]labels) {
	switch fl.To {
	case Result:
		if results[fl.ToIndex] == nil {
			results[fl.ToIndex] = make(labels)
		}
		for l, p := range in {
			results[fl.ToIndex].add(l, p)
		}
	case Contents:
		if fl.ToIndex < len(c.Args) && c.Args[fl.ToIndex] != nil {
			f.addAll(f.loc(c.Args[fl.ToIndex]), in)
			if _, ok := c.Args[fl.ToIndex].Type().Underlying().(*types.Map); ok {
				f.mapInField(c.Args[fl.ToIndex], in, c.Pos)
			}
		}
	case Sink:
		sink := *fl.Sink
		if !sink.At.IsValid() {
			sink.At, sink.Pkg = f.position(c.Pos), f.pass.Pkg.Path()
		}
		cond, ok := f.require(c, fl.Require)
		if !ok {
			return
		}
		for l, p := range in {
			f.sinkEvent(l, p, sink, cond, c.Pos)
		}
	case Field:
		f.fieldStore(fl.ToPlace, true, nil, in, c.Pos, true)
	case Key:
		f.placeStore(fl.ToPlace, in, c.Pos, true)
	case CallOf:
		f.callback(c, fl, in)
	}
}

// setResults gives a call's result (or the elements of its result tuple)
// the labels collected for each result index.
func (f *funcState) setResults(result ssa.Value, results map[int]labels) {
	if result == nil || len(results) == 0 {
		return
	}
	tup, ok := result.Type().(*types.Tuple)
	if !ok || tup.Len() <= 1 {
		f.setAll(result, results[0])
		return
	}
	ts := f.tuples[result]
	if ts == nil {
		ts = make([]labels, tup.Len())
		f.tuples[result] = ts
	}
	for i, ls := range results {
		if i >= len(ts) {
			continue
		}
		if ts[i] == nil {
			ts[i] = make(labels)
		}
		for l, p := range ls {
			if ts[i].add(l, p) {
				f.dirty = true
			}
		}
	}
}

// stepsAt turns a flow's steps into a path, placing steps without a
// position (those of models) at the call.
func (f *funcState) stepsAt(steps []Step, here Position, pos token.Pos) *path {
	var p *path
	for _, st := range steps {
		if !st.At.IsValid() {
			st.At = here
			p = p.add(st, pos)
		} else {
			p = p.add(st, token.NoPos) // resolved if it ends in a finding
		}
	}
	return p
}

// require evaluates a flow's condition at a call site: met (nil, true),
// not met (false), or depending on a parameter of this function.
func (f *funcState) require(c *Call, req *Require) (*Require, bool) {
	if req == nil {
		return nil, true
	}
	if req.Param >= len(c.Args) || c.Args[req.Param] == nil {
		return nil, false
	}
	var cond *Require
	// The address of a field (&req.Header, a pointer receiver) meets a
	// condition on the object that holds it.
	for l := range f.objectLabels(c.Args[req.Param]) {
		if l.kind != req.Kind {
			continue
		}
		switch l.port {
		case Field, Key:
			// A place known to hold other kinds only does not meet it
			// (gin.Context.Request holds the received request).
			if hs := f.holdsOf(*l.place); len(hs) > 0 && hs[l.assumed] == nil {
				continue
			}
			return nil, true
		case Source:
			return nil, true
		case Param:
			if cond == nil || l.index < cond.Param {
				cond = &Require{Param: l.index, Kind: l.assumed}
			}
		}
	}
	return cond, cond != nil
}

// closure applies, where a function literal or method value is made, the
// flows from its captured variables to places outside it: the closure may
// be called anywhere later. What it returns from them (or from a source)
// the closure value itself carries, so that a call of it, wherever the
// value went (a field such as a token provider, a parameter), returns it.
func (f *funcState) closure(mc *ssa.MakeClosure) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return
	}
	nparams := len(fn.Params)
	var flows []Flow
	for _, fl := range f.calleeSummary(fn) {
		captured := fl.From == Param && fl.FromIndex >= nparams
		ownParam := fl.From == Param && !captured
		switch {
		case fl.From == Source && fl.Guard != nil && fl.Guard.OnValue && fl.Guard.Arg >= nparams:
			// A source that waits on a captured request: decided
			// where the closure is made, with what it captures.
			flows = append(flows, fl)
		case !ownParam && fl.To == CallOf:
			// What it passes to a callback (an iterator's yield), the
			// value carries too (see feedCallbacks).
			fl.To, fl.ToIndex = Result, 0
			flows = append(flows, fl)
		case captured && fl.To != Result || !ownParam && fl.To == Result && fl.ToIndex == 0:
			flows = append(flows, fl)
		}
	}
	if len(flows) == 0 {
		return
	}
	args := make([]ssa.Value, nparams, nparams+len(mc.Bindings))
	args = append(args, mc.Bindings...)
	c := &Call{Fn: f.fn, Callee: funcObject(fn), Args: args, Pos: mc.Pos(), Instr: mc}
	f.apply(c, flows, mc, false)
}

// contextCall models context.WithValue and Context.Value: a context key
// carries what is stored under it, keyed by the key's identity.
func (f *funcState) contextCall(c *Call, result ssa.Value) bool {
	switch {
	case c.IsFunc("context", "WithValue") && len(c.Args) == 3:
		for _, pl := range keyPlaces(c.Args[1]) {
			f.placeStore(pl, f.labelsOf(c.Args[2]), c.Pos, false)
		}
		return true
	case c.Callee != nil && c.Callee.Name() == "Value" && len(c.Args) == 2 && isContext(c.Args[0].Type()):
		if result != nil {
			for _, pl := range keyPlaces(c.Args[1]) {
				f.keyLoad(result, pl)
			}
		}
		return true
	}
	return false
}

func isContext(t types.Type) bool {
	pkg, name := NamedType(t)
	return pkg == "context" && name == "Context"
}

// keyPlaces names the context keys a value may be, by identity: the key's
// dynamic type and constant value, the package variable, or a value of a
// struct type. Two key types with the same underlying value are different
// keys, as they are at run time. A key converted from a variable that
// ranges over a list of constants (for _, h := range []string{A, B} {
// ctx = context.WithValue(ctx, key(h), ...) }) is each of those keys.
func keyPlaces(v ssa.Value) []Place {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		v = mi.X
	}
	keyType := v.Type()
	typed := func(suffix string) Place {
		pl := Place{Port: Key, Name: types.TypeString(keyType, func(*types.Package) string { return "" }) + suffix, Exported: true}
		if n, ok := types.Unalias(keyType).(*types.Named); ok && n.Obj().Pkg() != nil {
			pl.Pkg, pl.Exported = n.Obj().Pkg().Path(), n.Obj().Exported()
		}
		return pl
	}
	for x := v; ; {
		switch y := x.(type) {
		case *ssa.UnOp:
			if g, ok := y.X.(*ssa.Global); ok && y.Op == token.MUL {
				return []Place{{Port: Key, Pkg: g.Pkg.Pkg.Path(), Name: "var " + g.Name(), Exported: g.Object().Exported()}}
			}
		case *ssa.Global:
			return []Place{{Port: Key, Pkg: y.Pkg.Pkg.Path(), Name: "var " + y.Name(), Exported: y.Object().Exported()}}
		case *ssa.ChangeType:
			x = y.X
			continue
		}
		break
	}
	if c, ok := v.(*ssa.Const); ok && c.Value == nil {
		return []Place{typed("{}")} // the zero value: a struct{} key
	}
	if values := constValues(v, 0); len(values) > 0 {
		out := make([]Place, len(values))
		for i, c := range values {
			out[i] = typed("(" + c.ExactString() + ")")
		}
		return out
	}
	if n, ok := types.Unalias(keyType).(*types.Named); ok && n.Obj().Pkg() != nil {
		if _, isStruct := n.Underlying().(*types.Struct); isStruct {
			return []Place{typed("{}")}
		}
	}
	return nil
}

// ConstStrings returns the string constants a value may be (see
// constValues): one for a constant, several for a variable that ranges
// over a constant list, none when it may be anything else.
func ConstStrings(v ssa.Value) []string {
	var out []string
	for _, c := range constValues(v, 0) {
		if c.Kind() != constant.String {
			return nil
		}
		out = append(out, constant.StringVal(c))
	}
	if len(out) == 0 {
		if s, ok := ConstString(v); ok {
			return []string{s}
		}
	}
	return out
}

// constValues returns the constants a value may be: a constant, a
// conversion of one, a phi of them, or an element of an array or slice
// literal all of whose elements are constants (a loop over a constant
// list). It returns nil when the value may be anything else.
func constValues(v ssa.Value, depth int) []constant.Value {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value != nil {
			return []constant.Value{x.Value}
		}
	case *ssa.ChangeType:
		return constValues(x.X, depth+1)
	case *ssa.Convert:
		return constValues(x.X, depth+1)
	case *ssa.Phi:
		var out []constant.Value
		for _, e := range x.Edges {
			vs := constValues(e, depth+1)
			if vs == nil {
				return nil
			}
			out = append(out, vs...)
		}
		return out
	case *ssa.UnOp:
		if ia, ok := x.X.(*ssa.IndexAddr); ok && x.Op == token.MUL {
			return constElements(ia.X)
		}
	case *ssa.Index:
		return constElements(x.X)
	}
	return nil
}

// constElements returns the elements of an array or slice literal when
// all of them are constants.
func constElements(v ssa.Value) []constant.Value {
	elems := Elements(v)
	if len(elems) == 0 {
		return nil
	}
	var out []constant.Value
	for _, e := range elems {
		c, ok := e.(*ssa.Const)
		if !ok || c.Value == nil {
			return nil
		}
		out = append(out, c.Value)
	}
	return out
}

// derivePackages are the library packages whose functions turn a string
// into another string carrying the same secret. Any other function the
// engine cannot see into does not propagate.
var derivePackages = map[string]bool{
	"strings": true, "bytes": true, "strconv": true, "unicode/utf8": false,
	"encoding/base64": true, "encoding/hex": true, "net/url": true,
	"path": true, "fmt": true, "slices": true, "maps": true,
}

var fmtDerive = map[string]bool{
	"Sprint": true, "Sprintf": true, "Sprintln": true, "Append": true, "Appendf": true, "Appendln": true,
}

// derive models the string functions: each string-like result (and, for a
// Builder or Buffer, its contents) carries what any argument carried.
func (f *funcState) derive(c *Call, result ssa.Value) bool {
	pkg := c.Callee.Pkg()
	if pkg == nil || !derivePackages[pkg.Path()] {
		return false
	}
	if pkg.Path() == "fmt" && !fmtDerive[c.Callee.Name()] {
		return true
	}
	if pkg.Path() == "net/url" && !strings.HasSuffix(c.Callee.Name(), "Escape") {
		return false
	}
	in := make(labels)
	for _, a := range c.Args {
		for l, p := range f.derived(f.labelsOf(a)) {
			in.add(l, p)
		}
	}
	if len(in) == 0 {
		return true
	}
	sig := c.Callee.Type().(*types.Signature)
	if sig.Recv() != nil && len(c.Args) > 0 {
		if _, ok := sig.Recv().Type().(*types.Pointer); ok && strings.HasPrefix(c.Callee.Name(), "Write") {
			f.addAll(f.loc(c.Args[0]), in)
		}
	}
	if result == nil {
		return true
	}
	results := map[int]labels{}
	if tup, ok := result.Type().(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			if stringLike(tup.At(i).Type()) {
				results[i] = in
			}
		}
	} else if stringLike(result.Type()) || isIterator(result.Type()) {
		results[0] = in // slices.Values(tokens), maps.All(headers): the iterator yields them
	}
	f.setResults(result, results)
	return true
}

// isIterator reports whether t is a func(yield func(...) bool).
func isIterator(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return false
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	return ok && yield.Results().Len() == 1
}

// stringLike reports whether t is a string, a byte slice, or a slice of them.
func stringLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return true
		}
		return stringLike(u.Elem())
	case *types.Array:
		return stringLike(u.Elem())
	}
	return false
}

func (f *funcState) builtin(b *ssa.Builtin, args []ssa.Value, result ssa.Value) {
	switch b.Name() {
	case "append":
		if result == nil || len(args) == 0 {
			return
		}
		f.setAll(result, f.labelsOf(args[0]))
		for _, a := range args[1:] {
			f.setDerived(result, f.labelsOf(a))
		}
	case "copy":
		if len(args) == 2 {
			f.addAll(f.loc(args[0]), f.derived(f.labelsOf(args[1])))
		}
	}
}

func markOrigin(fl Flow) *Flow {
	fl.Path = append([]Step(nil), fl.Path...)
	fl.Path[len(fl.Path)-1].Origin = true
	return &fl
}

// withFields adds to a pointer's labels what was stored in the fields of
// the struct it points to in this function: a model's parameter such as
// *oauth2.Token stands for the whole value (&oauth2.Token{AccessToken: t}).
func (f *funcState) withFields(v ssa.Value, ls labels) labels {
	ptr, ok := v.Type().Underlying().(*types.Pointer)
	if !ok {
		return ls
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return ls
	}
	base := f.loc(v)
	var out labels
	for i := 0; i < st.NumFields(); i++ {
		for l, p := range f.contents(fieldLoc{base, i}) {
			if out == nil {
				out = make(labels, len(ls))
				for l0, p0 := range ls {
					out.add(l0, p0)
				}
			}
			out.add(l, p)
		}
	}
	if out == nil {
		return ls
	}
	return out
}
