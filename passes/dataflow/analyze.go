package dataflow

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An origin is where a tracked value came from: a concrete source inside
// the function, or a symbolic input (a parameter, a field, a context key)
// whose kind is assumed so that the function can be summarized once for
// all callers.
//
// Labels are map keys, and most label sets hold one or two: the place
// and the guard's names are interned (internPlace, internNames), so that
// a label is small and a map of them allocates little.
type origin struct {
	port    Port // Source, Param, Field or Key
	assumed Kind
	index   int    // parameter index
	place   *Place // the field or key (interned)
	// guard, when set, makes the value what its kind says only if the
	// caller passes an accepted name for a parameter (see Guard).
	guard guardOn
}

// guardOn is a Guard on a parameter of the function being analyzed, as a
// comparable label part; the zero value is no guard.
type guardOn struct {
	param1  int // parameter index + 1
	class   Tag
	unknown bool
	onValue bool
	names   *guardNames // interned; nil for none
}

// guardNames are the names a guard carries (Guard.Name, Guard.Reported).
type guardNames struct{ name, reported string }

func (g guardOn) flowGuard() *Guard {
	if g.param1 == 0 {
		return nil
	}
	out := &Guard{Arg: g.param1 - 1, Class: g.class, Unknown: g.unknown, OnValue: g.onValue}
	if g.names != nil {
		out.Name, out.Reported = g.names.name, g.names.reported
	}
	return out
}

// internPlace returns the package's one pointer to a place equal to pl,
// for labels.
func (s *pkgState) internPlace(pl Place) *Place {
	if p, ok := s.places[pl]; ok {
		return p
	}
	p := &pl
	s.places[pl] = p
	return p
}

// internNames returns the package's one pointer to the guard names
// given, for labels (nil when both are empty).
func (s *pkgState) internNames(name, reported string) *guardNames {
	if name == "" && reported == "" {
		return nil
	}
	key := guardNames{name, reported}
	if p, ok := s.guardNames[key]; ok {
		return p
	}
	p := &key
	s.guardNames[key] = p
	return p
}

// provisionally reports, for a flow from a source that waits on guard g
// (a value guard on a request this function is given), whether the
// function is a handler whose registrations no code in sight holds
// (Rules.Provisional): the flow is then reported here, marked, and kept
// in the summary marked as reported, for the packages that register the
// handler to record whether they replace the header. The marked guard
// and path are returned.
func (f *funcState) provisionally(g *Guard, p *path) (*Guard, *path, bool) {
	if g == nil || !g.OnValue || g.Reported != "" || !f.rules.Provisional(f.fn, g) {
		return g, p, false
	}
	obj := funcObject(f.fn)
	if obj == nil {
		return g, p, false
	}
	marked := *g
	marked.Reported = obj.FullName()
	return &marked, p.provisionalOn(marked.Reported), true
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
}

// holdsOf and leaksOf read package-wide knowledge; a change to it will
// queue this function again.
func (f *funcState) holdsOf(pl Place) map[Kind]*path {
	f.readsPlace(pl)
	return f.holds[pl]
}

func (f *funcState) leaksOf(pl Place) map[Kind][]*leak {
	f.readsPlace(pl)
	return f.leaks[pl]
}

func (f *funcState) readsPlace(pl Place) {
	m := f.readers[pl]
	if m == nil {
		m = make(map[*ssa.Function]bool)
		f.readers[pl] = m
	}
	m[f.fn] = true
}

// calleeSummary returns a local callee's summary; a change to it will
// queue this function again.
func (f *funcState) calleeSummary(fn *ssa.Function) []Flow {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	m := f.callers[fn]
	if m == nil {
		m = make(map[*ssa.Function]bool)
		f.callers[fn] = m
	}
	m[f.fn] = true
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
		if s.summaries[fn] == nil { // report once
			pos := fn.Pos()
			if !pos.IsValid() { // the package initializer
				pos = s.pass.Files[0].Package
			}
			s.problems = append(s.problems, Problem{Pos: pos, Limit: true,
				Message: fmt.Sprintf("%s is not analyzed: %d SSA instructions, more than the limit of %d; flows through it are not followed", fn.Name(), n, maxInstrsPerFunc)})
		}
		s.summaryOf(fn)
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
	}
	f.seedInputs()
	for pass := 0; ; pass++ {
		if pass == maxPasses {
			s.problems = append(s.problems, Problem{Pos: fn.Pos(), Limit: true,
				Message: fmt.Sprintf("analysis of %s cut short after %d passes without reaching a fixpoint: findings may be missing (please report it)", fn.Name(), maxPasses)})
			break
		}
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
			f.set(p, label{origin{port: Source}, k}, (*path)(nil).began(f.position(p.Pos()), p.Pos(), what))
			continue
		}
		for _, k := range f.assumable(p.Type()) {
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

// addLabel adds a label to the set m holds for key, making the set on
// first use, and reports whether the label is new.
func addLabel[K comparable](m map[K]labels, key K, l label, p *path) bool {
	ls := m[key]
	if ls == nil {
		ls = make(labels)
		m[key] = ls
	}
	return ls.add(l, p)
}

// assumable is Rules.Assumable, where a function value may hold what it
// returns (a token provider func() string carries a token).
func (f *funcState) assumable(t types.Type) []Kind {
	if sig, ok := t.Underlying().(*types.Signature); ok {
		if sig.Results().Len() == 0 {
			return nil
		}
		t = sig.Results().At(0).Type()
	}
	return f.rules.Assumable(t)
}

func (f *funcState) set(v ssa.Value, l label, p *path) {
	if addLabel(f.vals, v, l, p) {
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
		if addLabel(f.globals, g, l, p) {
			f.dirty = true
			for fn := range f.globalReaders {
				f.pending[fn] = true
			}
		}
		return
	}
	if addLabel(f.locs, key, l, p) {
		f.dirty = true
	}
}

func (f *funcState) contents(key any) labels {
	if g, ok := key.(*ssa.Global); ok {
		f.globalReaders[f.fn] = true
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
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface, *types.Chan:
		return true
	}
	return false
}

// setDerived adds to v the labels of ls whose kind survives a string
// transformation.
func (f *funcState) setDerived(v ssa.Value, ls labels) {
	for l, p := range ls {
		if f.rules.Derivable(l.kind) {
			f.set(v, l, p)
		}
	}
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
	f.registrations(instr)
	switch v := instr.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			f.setAll(v, f.vals[e])
		}
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			f.load(v, v.X)
		case token.ARROW: // a receive: what was sent on the channel
			f.setAll(v, f.labelsOf(v.X))
		}
	case *ssa.Send:
		f.addAll(f.loc(v.Chan), f.labelsOf(v.X))
	case *ssa.BinOp:
		switch v.Op {
		case token.ADD:
			f.setDerived(v, f.vals[v.X])
			f.setDerived(v, f.vals[v.Y])
		case token.EQL, token.NEQ:
			c := &Call{Op: OpCompare, Fn: f.fn, Args: []ssa.Value{v.X, v.Y}, Pos: v.Pos()}
			f.applyModel(c, nil)
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
		f.setDerived(v, f.vals[v.X])
	case *ssa.Slice:
		f.setDerived(v, f.labelsOf(v.X))
	case *ssa.Index:
		f.setDerived(v, f.vals[v.X])
	case *ssa.Field:
		base := f.vals[v.X]
		if load, ok := v.X.(*ssa.UnOp); ok && load.Op == token.MUL {
			f.setAll(v, f.contents(fieldLoc{f.loc(load.X), v.Field}))
		}
		f.fieldLoad(v, v.X.Type(), v.Field, base)
	case *ssa.Lookup:
		if _, ok := v.X.Type().Underlying().(*types.Map); ok {
			// An entry: what was stored in the map, and what a map that
			// came in as a whole carries (a parameter, a field).
			f.setAll(v, f.contents(f.loc(v.X)))
			f.setDerived(v, f.vals[v.X])
			c := &Call{Op: OpLookup, Fn: f.fn, Args: []ssa.Value{v.X, v.Index}, Pos: v.Pos()}
			f.applyModel(c, v)
		} else {
			f.setDerived(v, f.vals[v.X])
		}
	case *ssa.Extract:
		if ts := f.tuples[v.Tuple]; v.Index < len(ts) {
			f.setAll(v, ts[v.Index])
		} else {
			f.setAll(v, f.vals[v.Tuple])
		}
	case *ssa.Range:
		f.setDerived(v, f.labelsOf(v.X))
	case *ssa.Next:
		f.setAll(v, f.vals[v.Iter])
	case *ssa.MakeMap, *ssa.Alloc, *ssa.MakeSlice:
		if k, what := f.rules.Value(v.(ssa.Value)); k != 0 {
			f.set(v.(ssa.Value), label{origin{port: Source}, k}, (*path)(nil).began(f.position(v.Pos()), v.Pos(), what))
		}
	case *ssa.Store:
		f.store(v)
	case *ssa.MapUpdate:
		pos := v.Pos()
		if !pos.IsValid() {
			pos = v.Value.Pos()
		}
		if !pos.IsValid() {
			pos = v.Key.Pos()
		}
		c := &Call{Op: OpMapUpdate, Fn: f.fn, Args: []ssa.Value{v.Map, v.Key, v.Value}, Pos: pos, Instr: v}
		if !f.applyModel(c, nil) {
			// The map carries what is stored in it (a model that
			// describes the update says what it carries: Contents flows).
			ls := f.labelsOf(v.Value)
			f.addAll(f.loc(v.Map), ls)
			f.mapInField(v.Map, ls, pos)
		}
	case *ssa.MakeClosure:
		f.closure(v)
	case *ssa.Return:
		for i, r := range v.Results {
			for l, p := range f.labelsOf(r) {
				f.place(l, p, Flow{To: Result, ToIndex: i, ToKind: l.kind})
			}
		}
		// What was written through a parameter (a map, a slice, a
		// pointer) is the caller's: fill(m, r) sets m["Authorization"].
		for i, param := range f.fn.Params {
			if !refersToMemory(param) {
				continue
			}
			for l, p := range f.locs[param] {
				if l.port == Param && l.index == i {
					continue // what it held already
				}
				f.place(l, p, Flow{To: Contents, ToIndex: i, ToKind: l.kind})
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
		f.setDerived(v, f.vals[a.X])
	}
}

func (f *funcState) fieldLoad(v ssa.Value, structType types.Type, index int, base labels) {
	pl, field, named := fieldPlace(structType, index)
	if field == nil {
		return
	}
	here := f.position(v.Pos())
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
	if !named || !f.tracked(pl) {
		return // standard library fields are modelled by the rules
	}
	what := "read from field " + pl.String()
	for k, p := range f.holdsOf(pl) {
		f.set(v, label{origin{port: Source}, k}, p.then(here, v.Pos(), RoleField, what))
	}
	if k, _ := f.rules.Field(field, 0); k == 0 {
		// Seed the field's own symbolic value, to discover whether what it
		// holds leaks; fields the rules already know are sources need not.
		for _, k := range f.assumable(field.Type()) {
			f.set(v, label{origin{port: Field, place: f.internPlace(pl), assumed: k}, k}, (*path)(nil).then(here, v.Pos(), RoleField, what))
		}
	}
}

// mapInField records an entry written into a map held in a struct field
// (c.Request.Headers[k] = v) as held by the field: other functions read
// the map from the field, not from this function's memory.
func (f *funcState) mapInField(m ssa.Value, ls labels, pos token.Pos) {
	load, ok := m.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || len(ls) == 0 {
		return
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return
	}
	if pl, _, named := fieldPlace(fa.X.Type(), fa.Field); named && f.tracked(pl) {
		f.placeStore(pl, ls, pos, false)
	}
}

// store writes memory and, for a field, records what the field holds or
// leaks package-wide.
func (f *funcState) store(st *ssa.Store) {
	addr, val, pos := st.Addr, st.Val, st.Pos()
	ls := f.labelsOf(val)
	f.addAll(f.loc(addr), ls)
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return
	}
	pl, field, named := fieldPlace(fa.X.Type(), fa.Field)
	if field == nil {
		return
	}
	if !pos.IsValid() {
		pos = val.Pos()
	}
	// The rules see every field store, labeled or not (a constant true
	// stored into a library's option field may be what they look for).
	c := &Call{Op: OpStore, Fn: f.fn, Args: []ssa.Value{fa.X, val}, Pos: pos, Field: field, Instr: st}
	f.applyModel(c, nil)
	if len(ls) > 0 {
		f.fieldStore(pl, named, field, ls, pos, false)
	}
}

// fieldStore handles values stored into a field. stepped is set when the
// paths already end with the store (they come from a callee's summary).
// named is false for a field of an anonymous struct, which is not a
// package-wide place.
func (f *funcState) fieldStore(pl Place, named bool, field *types.Var, ls labels, pos token.Pos, stepped bool) {
	var sunk map[Kind]bool
	if field != nil {
		for l, p := range ls {
			if sink, ok := f.rules.FieldSink(pl, field, l.kind); ok {
				sink.At, sink.Pkg = f.position(pos), f.pass.Pkg.Path()
				f.sinkEvent(l, p, sink, nil, pos)
				if sunk == nil {
					sunk = map[Kind]bool{}
				}
				sunk[l.kind] = true
			}
		}
	}
	if named && f.tracked(pl) {
		f.placeStoreExcept(pl, ls, pos, stepped, sunk)
	}
}

// placeStore records values stored into a field or context key: a store
// into a place that leaks is a sink, and the place holds what is stored.
func (f *funcState) placeStore(pl Place, ls labels, pos token.Pos, stepped bool) {
	f.placeStoreExcept(pl, ls, pos, stepped, nil)
}

// placeStoreExcept is placeStore, where values of the kinds in sunk are
// not followed into the place: the store itself is their sink (a field
// the rules name a sink: the library's own use of it, found by analyzing
// the library, is the same flow and is not reported a second time).
func (f *funcState) placeStoreExcept(pl Place, ls labels, pos token.Pos, stepped bool, sunk map[Kind]bool) {
	here := f.position(pos)
	role, what := RoleField, "stored in field "
	if pl.Port == Key {
		role, what = RoleKey, "stored in context key "
	}
	for l, p := range ls {
		if l.guard.param1 != 0 && !l.guard.onValue && l.port == Source {
			continue // what a place holds cannot depend on a caller's name
		}
		if sunk[l.kind] {
			continue // the store is the sink (see above)
		}
		stored := p
		if !stepped {
			stored = p.then(here, pos, role, what+pl.String())
		}
		for _, lk := range f.leaksOf(pl)[l.kind] {
			if l.port == Source && l.guard.param1 == 0 {
				f.metHere[Meeting{Place: pl, Kind: l.kind, Sink: lk.sink.At}] = true
				if lk.local {
					// The read that leaks is in this package: it is
					// reported there, where the value leaves for the sink.
					continue
				}
			}
			f.sinkEvent(l, concat(stored, lk.path), lk.sink, nil, pos)
		}
		f.place(l, stored, Flow{To: pl.Port, ToPlace: pl, ToKind: l.kind})
	}
}

func (f *funcState) keyLoad(v ssa.Value, pl Place) {
	here := f.position(v.Pos())
	what := "read from context key " + pl.String()
	for k, p := range f.holdsOf(pl) {
		f.set(v, label{origin{port: Source}, k}, p.then(here, v.Pos(), RoleKey, what))
	}
	for _, k := range f.rules.Assumable(types.Universe.Lookup("any").Type()) {
		f.set(v, label{origin{port: Key, place: f.internPlace(pl), assumed: k}, k}, (*path)(nil).then(here, v.Pos(), RoleKey, what))
	}
}

// place records that a value reached a result, field or key: as a summary
// flow for a symbolic origin, as package knowledge for a concrete one.
func (f *funcState) place(l label, p *path, to Flow) {
	to.Guard = l.guard.flowGuard()
	switch l.port {
	case Source:
		switch to.To {
		case Field, Key:
			if to.Guard != nil {
				if to.Guard.OnValue {
					// The place holds it if the callers' request is the
					// client's: they decide, and make the holding (a
					// handler nothing in sight registers holds it here,
					// provisionally).
					g, marked, now := f.provisionally(to.Guard, p)
					to.Guard = g
					to.From, to.FromKind, to.Path = Source, l.kind, p.steps()
					f.sum.add(f.pkgState, to)
					if now {
						f.addHolding(to.ToPlace, l.kind, marked)
					}
				}
				return // a holding cannot depend on a caller's name
			}
			f.addHolding(to.ToPlace, l.kind, p)
		case Result, Contents, CallOf:
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
			to.From, to.FromPlace, to.FromKind, to.Path = l.port, *l.place, l.assumed, p.steps()
			f.sum.add(f.pkgState, to)
		}
	}
}

// sinkEvent handles a labeled value reaching a sink. cond, when non-nil,
// is the caller's parameter the sink depends on.
func (f *funcState) sinkEvent(l label, p *path, sink SinkInfo, cond *Require, here token.Pos) {
	guard := l.guard.flowGuard()
	switch l.port {
	case Source:
		if cond != nil || guard != nil {
			marked, now := p, false
			if cond == nil {
				// A handler nothing in sight registers: reported here,
				// provisionally, as well as summarized.
				guard, marked, now = f.provisionally(guard, p)
			}
			f.sum.add(f.pkgState, Flow{From: Source, FromKind: l.kind, To: Sink, ToKind: l.kind, Sink: &sink, Require: cond, Guard: guard, Path: p.steps()})
			if !now {
				return
			}
			p = marked
		}
		pos := here
		if sink.Pkg == f.pass.Pkg.Path() {
			if sp := f.resolve(sink.At); sp.IsValid() {
				pos = sp
			}
		}
		f.addFinding(pos, l.kind, sink, p)
	case Param:
		f.sum.add(f.pkgState, Flow{From: Param, FromIndex: l.index, FromKind: l.assumed, To: Sink, ToKind: l.kind, Sink: &sink, Require: cond, Guard: guard, Path: p.steps()})
	case Field, Key:
		if guard != nil && !guard.OnValue {
			return // a leak cannot depend on a caller's argument
		}
		// Library code that writes a field's credential onto a request it
		// was handed: the request is outbound in practice, so the condition
		// is taken as met.
		f.addLeak(*l.place, l.assumed, sink, p)
	}
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
