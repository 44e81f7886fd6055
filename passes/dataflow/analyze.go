package dataflow

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An origin is where a tracked value came from: a concrete source inside
// the function, or a symbolic input (a parameter, a field, a context key)
// whose kind is assumed so that the function can be summarized once for
// all callers.
type origin struct {
	port    Port // Source, Param, Field or Key
	index   int  // parameter index
	id      string
	assumed Kind
}

type label struct {
	origin
	kind Kind
}

// labels maps each label a value carries to the shortest known path.
type labels map[label]*path

func (ls labels) add(l label, p *path) bool {
	if old, ok := ls[l]; ok {
		if p.better(old) {
			ls[l] = p
		}
		return false
	}
	ls[l] = p
	return true
}

// fieldLoc is the location of a field of a local aggregate.
type fieldLoc struct {
	base  any
	field int
}

// funcState is the analysis of one function.
type funcState struct {
	*pkgState
	fn      *ssa.Function
	nparams int
	vals    map[ssa.Value]labels
	tuples  map[ssa.Value][]labels
	locs    map[any]labels
	dirty   bool
	sum     *summaryBuilder
	deps    *deps // what this analysis read from package-wide state
}

// deps records what a function's analysis read, so that a later round
// re-analyzes it only when one of those changed.
type deps struct {
	funcs   map[*ssa.Function]bool // local callees whose summaries were used
	ids     map[string]bool        // fields and keys whose holdings or leaks were read
	globals bool
}

// holdsOf and leaksOf read package-wide knowledge, noting the dependency.
func (f *funcState) holdsOf(id string) map[Kind]*path {
	f.deps.ids[id] = true
	return f.holds[id]
}

func (f *funcState) leaksOf(id string) map[Kind]*leak {
	f.deps.ids[id] = true
	return f.leaks[id]
}

// calleeSummary returns a local callee's summary, noting the dependency.
func (f *funcState) calleeSummary(fn *ssa.Function) []Flow {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	f.deps.funcs[fn] = true
	return f.summaryOf(fn).list()
}

func (s *pkgState) analyze(fn *ssa.Function) {
	if fn.Blocks == nil {
		return
	}
	n := 0
	for _, b := range fn.Blocks {
		n += len(b.Instrs)
	}
	if n > maxInstrsPerFunc {
		return
	}
	f := &funcState{
		pkgState: s,
		fn:       fn,
		nparams:  len(fn.Params),
		vals:     make(map[ssa.Value]labels),
		tuples:   make(map[ssa.Value][]labels),
		locs:     make(map[any]labels),
		sum:      s.summaryOf(fn),
		deps:     &deps{funcs: map[*ssa.Function]bool{}, ids: map[string]bool{}},
	}
	s.deps[fn] = f.deps
	f.seedInputs()
	for pass := 0; pass < maxPasses; pass++ {
		f.dirty = false
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				f.visit(instr)
			}
		}
		if !f.dirty {
			break
		}
	}
}

// seedInputs labels parameters and free variables: concretely when the
// function's shape says what they are, symbolically otherwise.
func (f *funcState) seedInputs() {
	for i, p := range f.fn.Params {
		if k, what := f.rules.Param(f.fn, i); k != 0 {
			f.set(p, label{origin{port: Source}, k}, (*path)(nil).began(f.posString(p.Pos()), p.Pos(), what))
			continue
		}
		for _, k := range f.rules.Assumable(p.Type()) {
			f.set(p, label{origin{port: Param, index: i, assumed: k}, k}, nil)
		}
	}
	for j, fv := range f.fn.FreeVars {
		i := f.nparams + j
		t := fv.Type()
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			// A variable captured by reference: its contents are the input.
			for _, k := range f.rules.Assumable(ptr.Elem()) {
				f.addTo(f.loc(fv), label{origin{port: Param, index: i, assumed: k}, k}, nil)
			}
		}
		for _, k := range f.rules.Assumable(t) {
			f.set(fv, label{origin{port: Param, index: i, assumed: k}, k}, nil)
		}
	}
}

func (f *funcState) set(v ssa.Value, l label, p *path) {
	ls := f.vals[v]
	if ls == nil {
		ls = make(labels)
		f.vals[v] = ls
	}
	if ls.add(l, p) {
		f.dirty = true
	}
}

func (f *funcState) setAll(v ssa.Value, from labels) {
	for l, p := range from {
		f.set(v, l, p)
	}
}

func (f *funcState) addTo(key any, l label, p *path) {
	if g, ok := key.(*ssa.Global); ok {
		if l.port != Source {
			return // symbolic inputs do not outlive the call
		}
		ls := f.globals[g]
		if ls == nil {
			ls = make(labels)
			f.globals[g] = ls
		}
		if ls.add(l, p) {
			f.dirty = true
			f.changed = true
			f.globalsChanged = true
		}
		return
	}
	ls := f.locs[key]
	if ls == nil {
		ls = make(labels)
		f.locs[key] = ls
	}
	if ls.add(l, p) {
		f.dirty = true
	}
}

func (f *funcState) contents(key any) labels {
	if g, ok := key.(*ssa.Global); ok {
		f.deps.globals = true
		return f.globals[g]
	}
	return f.locs[key]
}

// loc names the memory an address refers to, collapsing array and slice
// elements and seeing through conversions.
func (f *funcState) loc(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return fieldLoc{f.loc(a.X), a.Field}
	case *ssa.IndexAddr:
		return f.loc(a.X)
	case *ssa.Slice:
		return f.loc(a.X)
	case *ssa.ChangeType:
		return f.loc(a.X)
	case *ssa.MakeInterface:
		return f.loc(a.X)
	case *ssa.Convert:
		return f.loc(a.X)
	}
	return addr
}

// labelsOf returns the labels of a value together with those of the memory
// it refers to (a pointer, slice or map carries what was stored through it).
func (f *funcState) labelsOf(v ssa.Value) labels {
	own := f.vals[v]
	if !refersToMemory(v) {
		return own
	}
	return union(own, f.contents(f.loc(v)))
}

// union returns the labels of a and b, sharing one of them when the other
// is empty (callers do not modify the result).
func union(a, b labels) labels {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make(labels, len(a)+len(b))
	for l, p := range a {
		out.add(l, p)
	}
	for l, p := range b {
		out.add(l, p)
	}
	return out
}

func refersToMemory(v ssa.Value) bool {
	switch v.Type().Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
		return true
	}
	return false
}

// derived keeps the labels whose kind survives a string transformation.
func (f *funcState) derived(ls labels) labels {
	var out labels
	for l, p := range ls {
		if f.rules.Derivable(l.kind) {
			if out == nil {
				out = make(labels)
			}
			out.add(l, p)
		}
	}
	return out
}

func (f *funcState) visit(instr ssa.Instruction) {
	switch v := instr.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			f.setAll(v, f.vals[e])
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			f.load(v, v.X)
		}
	case *ssa.BinOp:
		switch v.Op {
		case token.ADD:
			f.setAll(v, f.derived(f.vals[v.X]))
			f.setAll(v, f.derived(f.vals[v.Y]))
		case token.EQL, token.NEQ:
			c := &Call{Op: OpCompare, Fn: f.fn, Args: []ssa.Value{v.X, v.Y}, Pos: v.Pos()}
			f.apply(c, f.rules.Model(c), nil, true)
		}
	case *ssa.ChangeType:
		f.setAll(v, f.vals[v.X])
	case *ssa.MakeInterface:
		f.setAll(v, f.vals[v.X])
	case *ssa.ChangeInterface:
		f.setAll(v, f.vals[v.X])
	case *ssa.TypeAssert:
		f.setAll(v, f.vals[v.X])
	case *ssa.Convert:
		f.setAll(v, f.derived(f.vals[v.X]))
	case *ssa.Slice:
		f.setAll(v, f.derived(f.labelsOf(v.X)))
	case *ssa.Index:
		f.setAll(v, f.derived(f.vals[v.X]))
	case *ssa.Field:
		base := f.vals[v.X]
		if load, ok := v.X.(*ssa.UnOp); ok && load.Op == token.MUL {
			f.setAll(v, f.contents(fieldLoc{f.loc(load.X), v.Field}))
		}
		f.fieldLoad(v, v.X.Type(), v.Field, base)
	case *ssa.Lookup:
		if _, ok := v.X.Type().Underlying().(*types.Map); ok {
			f.setAll(v, f.contents(f.loc(v.X)))
			c := &Call{Op: OpLookup, Fn: f.fn, Args: []ssa.Value{v.X, v.Index}, Pos: v.Pos()}
			f.apply(c, f.rules.Model(c), v, true)
		} else {
			f.setAll(v, f.derived(f.vals[v.X]))
		}
	case *ssa.Extract:
		if ts := f.tuples[v.Tuple]; v.Index < len(ts) {
			f.setAll(v, ts[v.Index])
		} else {
			f.setAll(v, f.vals[v.Tuple])
		}
	case *ssa.Range:
		f.setAll(v, f.derived(f.labelsOf(v.X)))
	case *ssa.Next:
		f.setAll(v, f.vals[v.Iter])
	case *ssa.MakeMap, *ssa.Alloc, *ssa.MakeSlice:
		if k, what := f.rules.Value(v.(ssa.Value)); k != 0 {
			f.set(v.(ssa.Value), label{origin{port: Source}, k}, (*path)(nil).began(f.posString(v.Pos()), v.Pos(), what))
		}
	case *ssa.Store:
		f.store(v.Addr, v.Val, v.Pos())
	case *ssa.MapUpdate:
		f.addAll(f.loc(v.Map), f.labelsOf(v.Value))
		pos := v.Pos()
		if !pos.IsValid() {
			pos = v.Value.Pos()
		}
		if !pos.IsValid() {
			pos = v.Key.Pos()
		}
		c := &Call{Op: OpMapUpdate, Fn: f.fn, Args: []ssa.Value{v.Map, v.Key, v.Value}, Pos: pos}
		f.apply(c, f.rules.Model(c), nil, true)
	case *ssa.MakeClosure:
		f.closure(v)
	case *ssa.Return:
		for i, r := range v.Results {
			for l, p := range f.labelsOf(r) {
				f.place(l, p, Flow{To: Result, ToIndex: i, ToKind: l.kind})
			}
		}
	case ssa.CallInstruction:
		f.call(v)
	}
}

func (f *funcState) addAll(key any, ls labels) {
	for l, p := range ls {
		f.addTo(key, l, p)
	}
}

// load reads memory: what this function stored there, and, for a field,
// what the rules and the package-wide field knowledge say.
func (f *funcState) load(v ssa.Value, addr ssa.Value) {
	f.setAll(v, f.contents(f.loc(addr)))
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		f.fieldLoad(v, a.X.Type(), a.Field, f.objectLabels(a.X))
	case *ssa.IndexAddr:
		// An element of a slice carries what the slice as a whole carries
		// (strings.Fields(token)[1]).
		f.setAll(v, f.derived(f.vals[a.X]))
	}
}

func (f *funcState) fieldLoad(v ssa.Value, structType types.Type, index int, base labels) {
	id, field := fieldID(structType, index)
	if field == nil {
		return
	}
	here := f.posString(v.Pos())
	if k, what := f.rules.Field(field, 0); k != 0 {
		f.set(v, label{origin{port: Source}, k}, (*path)(nil).began(here, v.Pos(), what))
	}
	for l, p := range base {
		if k, what := f.rules.Field(field, l.kind); k != 0 {
			if what != "" {
				p = p.began(here, v.Pos(), what)
			}
			f.set(v, label{l.origin, k}, p)
		}
	}
	if id == "" || !f.tracked(id) {
		return // standard library fields are modelled by the rules
	}
	what := "read from field " + shortID(id)
	for k, p := range f.holdsOf(id) {
		f.set(v, label{origin{port: Source}, k}, p.then(here, v.Pos(), what))
	}
	if k, _ := f.rules.Field(field, 0); k == 0 {
		// Seed the field's own symbolic value, to discover whether what it
		// holds leaks; fields the rules already know are sources need not.
		for _, k := range f.rules.Assumable(field.Type()) {
			f.set(v, label{origin{port: Field, id: id, assumed: k}, k}, (*path)(nil).then(here, v.Pos(), what))
		}
	}
}

// store writes memory and, for a field, records what the field holds or
// leaks package-wide.
func (f *funcState) store(addr, val ssa.Value, pos token.Pos) {
	ls := f.labelsOf(val)
	f.addAll(f.loc(addr), ls)
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return
	}
	id, field := fieldID(fa.X.Type(), fa.Field)
	if field == nil {
		return
	}
	if !pos.IsValid() {
		pos = val.Pos()
	}
	// The rules see every field store, labeled or not (a constant true
	// stored into a library's option field may be what they look for).
	c := &Call{Op: OpStore, Fn: f.fn, Args: []ssa.Value{fa.X, val}, Pos: pos, Field: field}
	f.apply(c, f.rules.Model(c), nil, true)
	if len(ls) > 0 {
		f.fieldStore(id, field, ls, pos, false)
	}
}

// fieldStore handles values stored into a field. stepped is set when the
// paths already end with the store (they come from a callee's summary).
func (f *funcState) fieldStore(id string, field *types.Var, ls labels, pos token.Pos, stepped bool) {
	if field != nil {
		for l, p := range ls {
			if what, ok := f.rules.FieldSink(field, l.kind); ok {
				f.sinkEvent(l, p, SinkInfo{What: what, At: f.posString(pos), Pkg: f.pass.Pkg.Path()}, nil, pos)
			}
		}
	}
	if id != "" && f.tracked(id) {
		f.placeStore(Field, id, ls, pos, stepped, "stored in field ")
	}
}

func (f *funcState) keyStore(id string, ls labels, pos token.Pos, stepped bool) {
	f.placeStore(Key, id, ls, pos, stepped, "stored in context key ")
}

// placeStore records values stored into a field or context key: a store
// into a place that leaks is a sink, and the place holds what is stored.
func (f *funcState) placeStore(port Port, id string, ls labels, pos token.Pos, stepped bool, what string) {
	here := f.posString(pos)
	for l, p := range ls {
		stored := p
		if !stepped {
			stored = p.then(here, pos, what+shortID(id))
		}
		if lk, ok := f.leaksOf(id)[l.kind]; ok {
			f.sinkEvent(l, concat(stored, lk.path), lk.sink, nil, pos)
		}
		f.place(l, stored, Flow{To: port, ToID: id, ToKind: l.kind})
	}
}

func (f *funcState) keyLoad(v ssa.Value, id string) {
	here := f.posString(v.Pos())
	what := "read from context key " + shortID(id)
	for k, p := range f.holdsOf(id) {
		f.set(v, label{origin{port: Source}, k}, p.then(here, v.Pos(), what))
	}
	for _, k := range f.rules.Assumable(types.Universe.Lookup("any").Type()) {
		f.set(v, label{origin{port: Key, id: id, assumed: k}, k}, (*path)(nil).then(here, v.Pos(), what))
	}
}

// concat appends the steps of tail (a stored path) after head.
func concat(head, tail *path) *path {
	for _, st := range tail.pathSteps() {
		head = head.step(Step{At: st.At, What: st.What, Origin: st.Origin}, st.Pos)
	}
	return head
}

// place records that a value reached a result, field or key: as a summary
// flow for a symbolic origin, as package knowledge for a concrete one.
func (f *funcState) place(l label, p *path, to Flow) {
	switch l.port {
	case Source:
		switch to.To {
		case Field, Key:
			f.addHolding(to.ToID, l.kind, p)
		case Result:
			to.From, to.FromKind, to.Path = Source, l.kind, p.steps()
			f.sum.add(f.pkgState, to)
		}
	case Param:
		to.From, to.FromIndex, to.FromKind, to.Path = Param, l.index, l.assumed, p.steps()
		f.sum.add(f.pkgState, to)
	case Field, Key:
		// A function returning what a field or context key holds (an
		// accessor): callers resolve it against what they know holds it.
		if to.To == Result {
			to.From, to.FromID, to.FromKind, to.Path = l.port, l.id, l.assumed, p.steps()
			f.sum.add(f.pkgState, to)
		}
	}
}

// sinkEvent handles a labeled value reaching a sink. cond, when non-nil,
// is the caller's parameter the sink depends on.
func (f *funcState) sinkEvent(l label, p *path, sink SinkInfo, cond *Require, here token.Pos) {
	switch l.port {
	case Source:
		if cond != nil {
			f.sum.add(f.pkgState, Flow{From: Source, FromKind: l.kind, To: Sink, ToKind: l.kind, Sink: &sink, Require: cond, Path: p.steps()})
			return
		}
		pos := here
		if sink.Pkg == f.pass.Pkg.Path() {
			if sp := f.resolve(sink.At); sp.IsValid() {
				pos = sp
			}
		}
		f.addFinding(pos, l.kind, sink, p)
	case Param:
		f.sum.add(f.pkgState, Flow{From: Param, FromIndex: l.index, FromKind: l.assumed, To: Sink, ToKind: l.kind, Sink: &sink, Require: cond, Path: p.steps()})
	case Field, Key:
		// Library code that writes a field's credential onto a request it
		// was handed: the request is outbound in practice, so the condition
		// is taken as met.
		f.addLeak(l.id, l.assumed, sink, p)
	}
}

func shortID(id string) string {
	_, rest, _ := strings.Cut(id, ":")
	// Keep the last element of the package path: "auth.ctxKey=0".
	head, tail := rest, ""
	if i := strings.IndexAny(rest, "=(["); i >= 0 {
		head, tail = rest[:i], rest[i:]
	}
	if i := strings.LastIndex(head, "/"); i >= 0 {
		head = head[i+1:]
	}
	return head + tail
}

// idPackage returns the package path of a field ID ("field:pkg/path.T.f").
func idPackage(id string) string {
	_, rest, _ := strings.Cut(id, ":")
	rest = strings.TrimPrefix(rest, "var ")
	if i := strings.IndexAny(rest, "{(["); i >= 0 {
		rest = rest[:i]
	}
	slash := strings.LastIndex(rest, "/")
	if dot := strings.Index(rest[slash+1:], "."); dot >= 0 {
		return rest[:slash+1+dot]
	}
	return rest
}

// objectLabels returns what a struct address carries as a whole: its own
// labels and, for the address of a field (claims.RegisteredClaims), those
// of the enclosing objects, so that a kind given to an object reaches
// the fields of the structs it embeds.
func (f *funcState) objectLabels(x ssa.Value) labels {
	ls := f.labelsOf(x)
	fa, ok := x.(*ssa.FieldAddr)
	if !ok {
		return ls
	}
	return union(ls, f.objectLabels(fa.X))
}
