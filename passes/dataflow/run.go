package dataflow

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Config is what an analyzer hands the engine.
type Config struct {
	Rules Rules
	// SSA is the package to analyze, built by the caller (nil: nothing to
	// analyze, as for a package that cannot matter).
	SSA *ssa.Package
	// NewFuncFact and NewPackageFact make empty values of the analyzer's
	// own fact types (each analyzer needs distinct fact types).
	NewFuncFact    func() FuncFact
	NewPackageFact func() PackageFact
	// Modelled lists packages the rules describe by hand, like the
	// standard library: they are not analyzed and their fields are not
	// tracked, because the rules' models are more precise than what
	// flow-insensitive facts would say (an oauth2.Token handed to a token
	// exchange is not one a client sends).
	Modelled []string
	// PerSource keeps one finding per reported position and source,
	// instead of one per position (for analyzers that must know every
	// source that reached a sink).
	PerSource bool
}

// A Finding is a tracked value reaching a sink unconditionally.
type Finding struct {
	Pos     token.Pos // where to report: the sink, or the hand-over to a sink in another package
	Sink    SinkInfo
	SinkPos token.Pos  // the sink itself, when its file is in the pass's file set
	Kind    Kind       // the kind of the value at the sink
	Path    []PathStep // from the source to the sink
}

// Limits that bound the work per package and per function.
const (
	maxRounds        = 12    // package-level fixpoint rounds
	maxPasses        = 12    // intraprocedural fixpoint passes
	maxInstrsPerFunc = 40000 // larger functions are not analyzed
)

// Outcome is what the engine found in a package.
type Outcome struct {
	Findings []Finding // sorted by position
	// SSA is the package the engine built, for analyzers that also look
	// at its structure; nil when the package was skipped.
	SSA *ssa.Package
	// Problems are internal errors the engine recovered from: a function
	// (or the whole package) it could not analyze. They are not returned
	// as errors, because a failed analysis of a dependency would make the
	// driver skip every package that imports it.
	Problems []Problem
}

// A Problem is an internal error, at the function or package it concerns.
type Problem struct {
	Pos     token.Pos
	Message string
}

// Run analyzes the package of pass: it builds SSA, summarizes every
// function to a fixpoint, exports facts, and returns the findings sorted by
// position. A panic is recovered and returned as a Problem.
func Run(pass *analysis.Pass, cfg *Config) (res *Outcome) {
	res = new(Outcome)
	defer func() {
		if r := recover(); r != nil {
			res.Findings = nil
			res.Problems = append(res.Problems, problem(pass.Files[0].Package, pass.Pkg.Path(), r))
		}
	}()
	if cfg.SSA == nil || slices.Contains(cfg.Modelled, pass.Pkg.Path()) {
		return res
	}
	s := newPkgState(pass, cfg)
	s.solve()
	s.exportFacts()
	res.Findings = s.sortedFindings()
	res.SSA = s.pkg
	res.Problems = s.problems
	return res
}

func problem(pos token.Pos, what string, r any) Problem {
	stack := string(debug.Stack())
	if len(stack) > 2000 {
		stack = stack[:2000]
	}
	return Problem{Pos: pos, Message: fmt.Sprintf("internal error analyzing %s (skipped; please report it): %v\n%s", what, r, stack)}
}

func isStdPath(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// tracked reports whether the engine keeps package-wide knowledge about a
// field or key ID: not for those of modelled packages.
func (s *pkgState) tracked(id string) bool {
	pkg := idPackage(id)
	return !isStdPath(pkg) && !slices.Contains(s.cfg.Modelled, pkg)
}

// pkgState is the analysis of one package.
type pkgState struct {
	pass  *analysis.Pass
	cfg   *Config
	rules Rules
	pkg   *ssa.Package

	funcs     []*ssa.Function
	summaries map[*ssa.Function]*summaryBuilder
	imported  map[*types.Func]*Summary

	holds   map[string]map[Kind]*path // field/key ID -> kind -> how it got there
	leaks   map[string]map[Kind]*leak
	local   map[string]bool // IDs with holdings or leaks found in this package
	globals map[*ssa.Global]labels

	failed   map[*ssa.Function]bool
	problems []Problem

	changed        bool
	globalsChanged bool
	changedFuncs   map[*ssa.Function]bool // summaries that gained a flow this round
	changedIDs     map[string]bool        // fields and keys that gained a holding or leak
	deps           map[*ssa.Function]*deps
	pending        map[*ssa.Function]bool // to analyze in the next round

	findings     map[findingKey]*Finding
	findingPaths map[findingKey]*path
	localFiles   map[string]*token.File // this package's files by name
	files        map[string]*token.File // every file of the file set by name, built on demand
}

type leak struct {
	sink SinkInfo
	path *path
}

func newPkgState(pass *analysis.Pass, cfg *Config) *pkgState {
	s := &pkgState{
		pass:      pass,
		cfg:       cfg,
		rules:     cfg.Rules,
		summaries: make(map[*ssa.Function]*summaryBuilder),
		imported:  make(map[*types.Func]*Summary),
		holds:     make(map[string]map[Kind]*path),
		leaks:     make(map[string]map[Kind]*leak),
		local:     make(map[string]bool),
		globals:   make(map[*ssa.Global]labels),
		findings:  make(map[findingKey]*Finding),

		findingPaths: make(map[findingKey]*path),
		failed:       make(map[*ssa.Function]bool),
		deps:         make(map[*ssa.Function]*deps),
		pending:      make(map[*ssa.Function]bool),
		changedFuncs: make(map[*ssa.Function]bool),
		changedIDs:   make(map[string]bool),
	}
	s.pkg = cfg.SSA
	s.importPlaces()
	s.funcs = sourceFunctions(pass, s.pkg)
	return s
}

// sourceFunctions lists the package's functions, methods and function
// literals in source order.
func sourceFunctions(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		if f == nil {
			return
		}
		out = append(out, f)
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			add(pkg.Prog.FuncValue(obj))
		case *types.TypeName:
			if n, ok := types.Unalias(obj.Type()).(*types.Named); ok && !obj.IsAlias() {
				for i := 0; i < n.NumMethods(); i++ {
					add(pkg.Prog.FuncValue(n.Method(i)))
				}
			}
		}
	}
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// importPlaces merges the field and key knowledge of all dependencies.
func (s *pkgState) importPlaces() {
	want := reflect.TypeOf(s.cfg.NewPackageFact())
	var all []analysis.PackageFact
	for _, pf := range s.pass.AllPackageFacts() {
		if reflect.TypeOf(pf.Fact) == want && pf.Package != s.pass.Pkg {
			all = append(all, pf)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Package.Path() < all[j].Package.Path() })
	for _, pf := range all {
		p := pf.Fact.(PackageFact).places()
		for _, h := range p.Holdings {
			s.addHolding(h.ID, h.Kind, s.pathOf(h.Path))
		}
		for _, l := range p.Leaks {
			s.addLeak(l.ID, l.Kind, l.Sink, s.pathOf(l.Path))
		}
	}
	for id := range s.local {
		delete(s.local, id) // imported, not found here
	}
}

func (s *pkgState) addHolding(id string, k Kind, p *path) {
	m := s.holds[id]
	if m == nil {
		m = make(map[Kind]*path)
		s.holds[id] = m
	}
	if old, ok := m[k]; ok {
		if p.better(old) {
			m[k] = p
		}
		return
	}
	m[k] = p
	s.local[id] = true
	s.changed = true
	s.changedIDs[id] = true
}

func (s *pkgState) addLeak(id string, k Kind, sink SinkInfo, p *path) {
	m := s.leaks[id]
	if m == nil {
		m = make(map[Kind]*leak)
		s.leaks[id] = m
	}
	if old, ok := m[k]; ok {
		if p.better(old.path) {
			m[k] = &leak{sink, p}
		}
		return
	}
	m[k] = &leak{sink, p}
	s.local[id] = true
	s.changed = true
	s.changedIDs[id] = true
}

// solve summarizes all functions until nothing changes (or the round
// limit). After the first round, a function is analyzed again only when
// something it read changed: a callee's summary, a field's or key's
// holdings or leaks, a package variable.
func (s *pkgState) solve() {
	for _, fn := range s.funcs {
		s.pending[fn] = true
	}
	for round := 0; round < maxRounds && len(s.pending) > 0; round++ {
		s.changed, s.globalsChanged = false, false
		s.changedFuncs, s.changedIDs = map[*ssa.Function]bool{}, map[string]bool{}
		for i := 0; i < len(s.funcs); i++ { // s.funcs may grow (wrappers)
			if fn := s.funcs[i]; s.pending[fn] {
				delete(s.pending, fn)
				s.analyzeSafely(fn)
			}
		}
		if !s.changed {
			return
		}
		for _, fn := range s.funcs {
			if d := s.deps[fn]; d == nil || s.affected(d) {
				s.pending[fn] = true
			}
		}
	}
}

func (s *pkgState) affected(d *deps) bool {
	if d.globals && s.globalsChanged {
		return true
	}
	for fn := range d.funcs {
		if s.changedFuncs[fn] {
			return true
		}
	}
	for id := range d.ids {
		if s.changedIDs[id] {
			return true
		}
	}
	return false
}

// analyzeSafely analyzes one function; a panic skips that function from
// then on and is recorded, and the rest of the package is still analyzed.
func (s *pkgState) analyzeSafely(fn *ssa.Function) {
	if s.failed[fn] {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			s.failed[fn] = true
			s.problems = append(s.problems, problem(fn.Pos(), fn.String(), r))
		}
	}()
	s.analyze(fn)
}

// summaryOf returns the current summary of a function of this package,
// adding it to the work list the first time it is seen (synthetic wrappers).
func (s *pkgState) summaryOf(fn *ssa.Function) *summaryBuilder {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	sb := s.summaries[fn]
	if sb == nil {
		sb = &summaryBuilder{fn: fn, flows: make(map[string]*Flow)}
		s.summaries[fn] = sb
		if fn.Synthetic != "" && fn.Blocks != nil {
			s.funcs = append(s.funcs, fn)
			s.pending[fn] = true
			s.changed = true
		}
	}
	return sb
}

// factFlows returns the flows of a function declared in another package.
func (s *pkgState) factFlows(obj *types.Func) []Flow {
	if sum, ok := s.imported[obj]; ok {
		if sum == nil {
			return nil
		}
		return sum.Flows
	}
	fact := s.cfg.NewFuncFact()
	if obj.Pkg() == nil || obj.Pkg() == s.pass.Pkg || !s.pass.ImportObjectFact(obj, fact) {
		s.imported[obj] = nil
		return nil
	}
	sum := fact.summary()
	s.imported[obj] = sum
	return sum.Flows
}

func (s *pkgState) exportFacts() {
	for fn, sb := range s.summaries {
		obj, ok := fn.Object().(*types.Func)
		// Only exported functions can be called from other packages (the
		// engine does not resolve interface calls), so only they get facts.
		if !ok || !obj.Exported() || len(sb.flows) == 0 || fn.Parent() != nil || fn.Synthetic != "" || obj.Pkg() != s.pass.Pkg {
			continue
		}
		fact := s.cfg.NewFuncFact()
		*fact.summary() = sb.sorted()
		s.pass.ExportObjectFact(obj, fact)
	}
	var places Places
	for id := range s.local {
		if !s.visibleOutside(id) {
			continue
		}
		for k, p := range s.holds[id] {
			places.Holdings = append(places.Holdings, Holding{ID: id, Kind: k, Path: p.steps()})
		}
		for k, l := range s.leaks[id] {
			places.Leaks = append(places.Leaks, Leak{ID: id, Kind: k, Sink: l.sink, Path: l.path.steps()})
		}
	}
	if len(places.Holdings)+len(places.Leaks) == 0 {
		return
	}
	sort.Slice(places.Holdings, func(i, j int) bool {
		a, b := places.Holdings[i], places.Holdings[j]
		return a.ID < b.ID || a.ID == b.ID && a.Kind < b.Kind
	})
	sort.Slice(places.Leaks, func(i, j int) bool {
		a, b := places.Leaks[i], places.Leaks[j]
		return a.ID < b.ID || a.ID == b.ID && a.Kind < b.Kind
	})
	fact := s.cfg.NewPackageFact()
	*fact.places() = places
	s.pass.ExportPackageFact(fact)
}

// addFinding records a finding at pos, keeping the shortest explanation.
func (s *pkgState) addFinding(pos token.Pos, k Kind, sink SinkInfo, p *path) {
	key := findingKey{pos: pos}
	if s.cfg.PerSource {
		key.source = originAt(p)
	}
	if old, ok := s.findingPaths[key]; ok && !p.better(old) {
		return
	}
	s.findingPaths[key] = p
	steps := p.pathSteps()
	for i := range steps {
		if !steps[i].Pos.IsValid() {
			steps[i].Pos = s.resolve(steps[i].At)
		}
	}
	s.findings[key] = &Finding{Pos: pos, Sink: sink, SinkPos: s.resolve(sink.At), Kind: k, Path: steps}
}

// findingKey identifies a finding: its position, and with PerSource its
// source.
type findingKey struct {
	pos    token.Pos
	source string
}

// originAt is the position of the last origin step of a path.
func originAt(p *path) string {
	for q := p; q != nil; q = q.prev {
		if q.origin {
			return q.at
		}
	}
	return ""
}

func (s *pkgState) sortedFindings() []Finding {
	out := make([]Finding, 0, len(s.findings))
	for _, f := range s.findings {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Pos != out[j].Pos {
			return out[i].Pos < out[j].Pos
		}
		return len(out[i].Path) > 0 && len(out[j].Path) > 0 && out[i].Path[0].At < out[j].Path[0].At
	})
	return out
}

// posString renders a position as facts store it.
func (s *pkgState) posString(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	p := s.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// resolve turns "file:line:col" back into a Pos when the file is in the
// pass's file set: always for this package's files; for dependencies only
// under drivers that share one file set (the whole set is indexed once,
// and only when a finding needs it).
func (s *pkgState) resolve(at string) token.Pos {
	if at == "" {
		return token.NoPos
	}
	rest, colStr, ok1 := cutLast(at, ":")
	name, lineStr, ok2 := cutLast(rest, ":")
	if !ok1 || !ok2 {
		return token.NoPos
	}
	if s.localFiles == nil {
		s.localFiles = make(map[string]*token.File)
		for _, f := range s.pass.Files {
			if tf := s.pass.Fset.File(f.Pos()); tf != nil {
				s.localFiles[tf.Name()] = tf
			}
		}
	}
	f := s.localFiles[name]
	if f == nil {
		if s.files == nil {
			s.files = make(map[string]*token.File)
			s.pass.Fset.Iterate(func(f *token.File) bool {
				s.files[f.Name()] = f
				return true
			})
		}
		f = s.files[name]
	}
	var line, col int
	if _, err := fmt.Sscan(lineStr, &line); err != nil || f == nil || line < 1 || line > f.LineCount() {
		return token.NoPos
	}
	if _, err := fmt.Sscan(colStr, &col); err != nil {
		col = 1
	}
	pos := f.LineStart(line) + token.Pos(max(col-1, 0))
	if int(pos) > f.Base()+f.Size() {
		return token.NoPos
	}
	return pos
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// pathOf rebuilds a path from a fact's steps.
func (s *pkgState) pathOf(steps []Step) *path {
	var p *path
	for _, st := range steps {
		p = p.step(st, token.NoPos) // resolved if it ends in a finding
	}
	return p
}

// summaryBuilder accumulates the flows of one function.
type summaryBuilder struct {
	fn    *ssa.Function
	flows map[string]*Flow
}

func (b *summaryBuilder) add(s *pkgState, f Flow) {
	k := f.key()
	if old, ok := b.flows[k]; ok {
		if len(f.Path) < len(old.Path) {
			b.flows[k] = &f
		}
		return
	}
	b.flows[k] = &f
	s.changed = true
	s.changedFuncs[b.fn] = true
}

func (b *summaryBuilder) list() []Flow {
	if b == nil {
		return nil
	}
	return b.sorted().Flows
}

func (b *summaryBuilder) sorted() Summary {
	keys := make([]string, 0, len(b.flows))
	for k := range b.flows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := Summary{Flows: make([]Flow, len(keys))}
	for i, k := range keys {
		out.Flows[i] = *b.flows[k]
	}
	return out
}

// visibleOutside reports whether other packages can touch a field or key:
// one declared elsewhere, or an exported one of this package. What an
// unexported one holds or leaks is already part of this package's function
// summaries.
func (s *pkgState) visibleOutside(id string) bool {
	if idPackage(id) != s.pass.Pkg.Path() {
		return true
	}
	_, rest, _ := strings.Cut(id, ":")
	rest = strings.TrimPrefix(rest, "var ")
	rest = strings.TrimPrefix(rest, idPackage(id)+".")
	if i := strings.IndexAny(rest, "{(["); i >= 0 {
		rest = rest[:i]
	}
	for _, part := range strings.Split(rest, ".") {
		if !token.IsExported(part) {
			return false
		}
	}
	return true
}
