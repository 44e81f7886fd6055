package dataflow

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Config is what an analyzer hands the engine.
type Config struct {
	Rules Rules
	// SSA is the package to analyze, built once for all analyzers (nil:
	// nothing to analyze, as for a package that cannot matter).
	SSA *ssapkg.SSA
	// NewPackageFact makes an empty value of the analyzer's own package
	// fact type (each analyzer needs distinct fact types).
	NewPackageFact func() PackageFact
	// Modelled lists packages the rules describe by hand, like the
	// standard library: they are not analyzed and their fields are not
	// tracked, because the rules' models are more precise than what
	// flow-insensitive facts would say (an oauth2.Token handed to a token
	// exchange is not one a client sends).
	Modelled []string
	// Events, when set, receives the sources the models produced and
	// every finding for each of its sources.
	Events Events
	// ReportPos, when set, is where the analyzer reports a finding at
	// pos (the diagnostic's start): the package fact lists its
	// provisional findings there (Places.Pending).
	ReportPos func(pos token.Pos) token.Pos
}

// A Finding is a tracked value reaching a sink unconditionally.
type Finding struct {
	Pos     token.Pos // where to report: the sink, or the hand-over to a sink in another package
	Sink    SinkInfo
	SinkPos token.Pos  // the sink itself, when its file is in the pass's file set
	Kind    Kind       // the kind of the value at the sink
	Path    []PathStep // from the source to the sink
	// PathCut is set when the path was longer than the engine keeps
	// (maxPathLen steps): its first steps are shown, the rest is not.
	PathCut bool
	// Provisional names the handlers whose registrations the finding
	// waits on: it was reported because none is in sight, and a driver
	// that sees every package may drop it (Settle).
	Provisional []string
	// Also lists the other sinks the values handed over here reach (a
	// client field and the header it ends in, a live and an unused
	// transport): one diagnostic per position names them all.
	Also []OtherSink
}

// An OtherSink is a further sink of a finding (see Finding.Also).
type OtherSink struct {
	Sink SinkInfo
	Pos  token.Pos // the sink, when its file is in the pass's file set
}

// Source returns the step a message calls the source of the finding: the
// last step at which the value took its kind (the read of the header, not
// the handler whose request it was).
func (f *Finding) Source() PathStep {
	if len(f.Path) == 0 {
		return PathStep{}
	}
	src := f.Path[0]
	for _, st := range f.Path {
		if st.Origin {
			src = st
		}
	}
	return src
}

// Limits that bound the work per package and per function. Reaching one
// is reported (Problem.Limit), never silent.
const (
	maxWorkPerFunc = 50 // analyses per function, on average, before a package's fixpoint is cut short
	maxPasses      = 50 // intraprocedural fixpoint passes
)

// maxInstrsPerFunc: larger functions are not analyzed. (A variable only
// so that a test can lower it.)
var maxInstrsPerFunc = 40000

// Outcome is what the engine found in a package.
type Outcome struct {
	Findings []Finding // sorted by position, one per position
	// Problems are internal errors the engine recovered from (a function,
	// or the whole package, it could not analyze) and limits it reached.
	// They are not returned as errors, because a failed analysis of a
	// dependency would make the driver skip every package that imports it.
	Problems []Problem
}

// A Problem is an internal error or a reached limit, at the function or
// package it concerns.
type Problem struct {
	Pos     token.Pos
	Message string
	Limit   bool // a bound of the analysis, not an error
}

// Run analyzes the package of pass: it summarizes every function to a
// fixpoint, exports facts, and returns the findings sorted by position. A
// panic is recovered and returned as a Problem.
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
	s.meet()
	res.Findings = s.sortedFindings()
	s.exportFacts(s.pendingFindings(res.Findings))
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
// field or key: not for those of the standard library and modelled
// packages.
func (s *pkgState) tracked(pl Place) bool {
	return !isStdPath(pl.Pkg) && !slices.Contains(s.cfg.Modelled, pl.Pkg)
}

// pkgState is the analysis of one package.
type pkgState struct {
	pass  *analysis.Pass
	cfg   *Config
	rules Rules
	pkg   *ssa.Package

	funcs     []*ssa.Function // the work list, in source order; grows with synthetic wrappers
	summaries map[*ssa.Function]*summaryBuilder
	imported  map[*types.Func]*Summary
	// importedFuncs are the function summaries of the dependencies, by
	// package (Places.Funcs).
	importedFuncs map[*types.Package][]FuncSummary

	holds map[Place]map[Kind]*path // how a field or key came to hold a kind
	leaks map[Place]map[Kind][]*leak
	// What packages that meet only here need: where each holding came
	// from, the meetings dependencies already saw, those seen here (a
	// store into a place that leaks), and those to export.
	importing bool
	holdPkg   map[Place]map[Kind]*types.Package
	met       map[Meeting]bool
	metHere   map[Meeting]bool
	newMet    []Meeting
	local     map[Place]bool // places with holdings or leaks found in this package
	globals   map[*ssa.Global]labels
	methods   map[string][]method // by name, for calls through interfaces; built on the first such call
	targets   map[*ssa.CallCommon][]method

	failed   map[*ssa.Function]bool
	problems []Problem

	// The work list: functions to analyze again, and who read what, so
	// that a change re-queues exactly the functions that depend on it.
	pending       map[*ssa.Function]bool
	callers       map[*ssa.Function]map[*ssa.Function]bool
	readers       map[Place]map[*ssa.Function]bool
	globalReaders map[*ssa.Function]bool

	// handlerUses are the handlers of other packages whose provisional
	// flows this package uses, and whether every use replaces the header.
	handlerUses map[string]*HandlerUse

	// The interned parts of labels (internPlace, internNames).
	places     map[Place]*Place
	guardNames map[guardNames]*guardNames

	findings     map[findingKey]*Finding
	findingPaths map[findingKey]*path
	localFiles   map[string]*token.File // this package's files by name
	files        map[string]*token.File // every file of the file set by name, built on demand
}

// A leak is a sink reached by what a field or key holds.
type leak struct {
	sink  SinkInfo
	path  *path
	pkg   *types.Package // the package whose fact brought it; nil when found here
	local bool           // found in this package
}

func newPkgState(pass *analysis.Pass, cfg *Config) *pkgState {
	s := &pkgState{
		pass:          pass,
		cfg:           cfg,
		rules:         cfg.Rules,
		pkg:           cfg.SSA.Pkg,
		funcs:         slices.Clone(cfg.SSA.SrcFuncs),
		summaries:     make(map[*ssa.Function]*summaryBuilder),
		imported:      make(map[*types.Func]*Summary),
		importedFuncs: make(map[*types.Package][]FuncSummary),
		holds:         make(map[Place]map[Kind]*path),
		leaks:         make(map[Place]map[Kind][]*leak),
		local:         make(map[Place]bool),
		holdPkg:       make(map[Place]map[Kind]*types.Package),
		met:           make(map[Meeting]bool),
		metHere:       make(map[Meeting]bool),
		globals:       make(map[*ssa.Global]labels),
		failed:        make(map[*ssa.Function]bool),

		pending:       make(map[*ssa.Function]bool),
		callers:       make(map[*ssa.Function]map[*ssa.Function]bool),
		readers:       make(map[Place]map[*ssa.Function]bool),
		globalReaders: make(map[*ssa.Function]bool),

		handlerUses:  make(map[string]*HandlerUse),
		places:       make(map[Place]*Place),
		guardNames:   make(map[guardNames]*guardNames),
		findings:     make(map[findingKey]*Finding),
		findingPaths: make(map[findingKey]*path),
	}
	s.importPlaces()
	return s
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
	s.importing = true
	for _, pf := range all {
		p := pf.Fact.(PackageFact).places()
		if len(p.Funcs) > 0 {
			s.importedFuncs[pf.Package] = p.Funcs
		}
		for _, h := range p.Holdings {
			if s.addHolding(h.Place, h.Kind, pathOf(h.Path)) {
				if s.holdPkg[h.Place] == nil {
					s.holdPkg[h.Place] = make(map[Kind]*types.Package)
				}
				s.holdPkg[h.Place][h.Kind] = pf.Package
			}
		}
		for _, l := range p.Leaks {
			if lk := s.addLeak(l.Place, l.Kind, l.Sink, pathOf(l.Path)); lk != nil && lk.pkg == nil {
				lk.pkg = pf.Package
			}
		}
		for _, m := range p.Met {
			s.met[m] = true
		}
	}
	s.importing = false
	clear(s.local) // imported, not found here
}

// addHolding records that pl holds kind k, keeping the best path; it
// reports whether the path is the one kept.
func (s *pkgState) addHolding(pl Place, k Kind, p *path) bool {
	m := s.holds[pl]
	if m == nil {
		m = make(map[Kind]*path)
		s.holds[pl] = m
	}
	if old, ok := m[k]; ok {
		if p.better(old) {
			m[k] = p
			return true
		}
		return false
	}
	m[k] = p
	s.placeChanged(pl)
	return true
}

// addLeak records that what pl holds reaches a sink. Every distinct sink
// is kept (one that is dead code must not hide a live one), with the
// shortest path to it.
// addLeak records that what pl holds of kind k reaches sink, and returns
// the leak, or nil when it was known with a path as good.
func (s *pkgState) addLeak(pl Place, k Kind, sink SinkInfo, p *path) *leak {
	m := s.leaks[pl]
	if m == nil {
		m = make(map[Kind][]*leak)
		s.leaks[pl] = m
	}
	for _, old := range m[k] {
		if old.sink == sink {
			if !s.importing {
				old.local = true
			}
			if p.better(old.path) {
				old.path = p
				return old
			}
			return nil
		}
	}
	lk := &leak{sink: sink, path: p, local: !s.importing}
	m[k] = append(m[k], lk)
	slices.SortFunc(m[k], func(a, b *leak) int { return compareFacts(pl, k, a.sink, pl, k, b.sink) })
	s.placeChanged(pl)
	return lk
}

// placeChanged notes new knowledge about a place: it is this package's,
// and the functions that read the place must be analyzed again.
func (s *pkgState) placeChanged(pl Place) {
	s.local[pl] = true
	for fn := range s.readers[pl] {
		s.pending[fn] = true
	}
}

// solve analyzes functions from the work list until nothing changes: a
// function is queued again when something it read changed (a callee's
// summary, a field's or key's holdings or leaks, a package variable).
// Functions are taken in source order, sweep after sweep, so that the
// result does not depend on declaration order, only the work does. The
// work is bounded (maxWorkPerFunc per function on average); reaching the
// bound is reported.
func (s *pkgState) solve() {
	for _, fn := range s.funcs {
		s.pending[fn] = true
	}
	budget := maxWorkPerFunc * (len(s.funcs) + 1)
	for work := 0; len(s.pending) > 0; {
		for i := 0; i < len(s.funcs); i++ { // s.funcs may grow (wrappers)
			fn := s.funcs[i]
			if !s.pending[fn] {
				continue
			}
			if work == budget {
				s.problems = append(s.problems, Problem{Pos: s.pass.Files[0].Package, Limit: true,
					Message: fmt.Sprintf("analysis of package %s cut short after %d function analyses without reaching a fixpoint: findings may be missing (please report it)", s.pass.Pkg.Path(), work)})
				clear(s.pending)
				return
			}
			delete(s.pending, fn)
			work++
			s.analyzeSafely(fn)
		}
	}
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
	var sum *Summary
	if obj.Pkg() != nil && obj.Pkg() != s.pass.Pkg {
		sum = summaryIn(s.importedFuncs[obj.Pkg()], obj)
	}
	s.imported[obj] = sum
	if sum == nil {
		return nil
	}
	return sum.Flows
}

func (s *pkgState) exportFacts(pending []PendingFinding) {
	var places Places
	for fn, sb := range s.summaries {
		obj, ok := fn.Object().(*types.Func)
		// Only exported functions (and methods with exported names, which
		// calls through interfaces reach) can be called from other
		// packages, so only they are summarized for them.
		if !ok || !obj.Exported() || len(sb.flows) == 0 || fn.Parent() != nil || fn.Synthetic != "" || obj.Pkg() != s.pass.Pkg {
			continue
		}
		if name := funcName(obj); name != "" {
			places.Funcs = append(places.Funcs, FuncSummary{Func: name, Summary: sb.sorted()})
		}
	}
	slices.SortFunc(places.Funcs, func(a, b FuncSummary) int { return strings.Compare(a.Func, b.Func) })
	for pl := range s.local {
		// What a place of this package that no other package can name
		// holds or leaks is already part of its function summaries.
		if pl.Pkg == s.pass.Pkg.Path() && !pl.Exported {
			continue
		}
		for k, p := range s.holds[pl] {
			places.Holdings = append(places.Holdings, Holding{Place: pl, Kind: k, Path: p.steps()})
		}
		for k, ls := range s.leaks[pl] {
			for _, l := range ls {
				places.Leaks = append(places.Leaks, Leak{Place: pl, Kind: k, Sink: l.sink, Path: l.path.steps()})
			}
		}
	}
	places.Met = s.newMet
	for _, h := range slices.Sorted(maps.Keys(s.handlerUses)) {
		places.Uses = append(places.Uses, *s.handlerUses[h])
	}
	places.Pending = pending
	if len(places.Holdings)+len(places.Leaks)+len(places.Met)+len(places.Uses)+len(places.Pending)+len(places.Funcs) == 0 {
		return
	}
	slices.SortFunc(places.Holdings, func(a, b Holding) int {
		return compareFacts(a.Place, a.Kind, SinkInfo{}, b.Place, b.Kind, SinkInfo{})
	})
	slices.SortFunc(places.Leaks, func(a, b Leak) int { return compareFacts(a.Place, a.Kind, a.Sink, b.Place, b.Kind, b.Sink) })
	slices.SortFunc(places.Met, func(a, b Meeting) int {
		return compareFacts(a.Place, a.Kind, SinkInfo{At: a.Sink}, b.Place, b.Kind, SinkInfo{At: b.Sink})
	})
	fact := s.cfg.NewPackageFact()
	*fact.places() = places
	s.pass.ExportPackageFact(fact)
}

// addFinding records a finding at pos, keeping the shortest explanation
// for each source.
func (s *pkgState) addFinding(pos token.Pos, k Kind, sink SinkInfo, p *path) {
	key := findingKey{pos: pos, sink: sink.At, source: originAt(p)}
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
	s.findings[key] = &Finding{Pos: pos, Sink: sink, SinkPos: s.resolve(sink.At), Kind: k, Path: steps, PathCut: p.wasCut(), Provisional: p.handlers()}
}

// pendingFindings lists where the analyzer reports findings that are
// all provisional (Config.ReportPos), with their handlers.
func (s *pkgState) pendingFindings(findings []Finding) []PendingFinding {
	if s.cfg.ReportPos == nil {
		return nil
	}
	handlers := map[Position][]string{}
	firm := map[Position]bool{}
	for _, f := range findings {
		at := s.position(s.cfg.ReportPos(f.Pos))
		if len(f.Provisional) == 0 {
			firm[at] = true
			continue
		}
		handlers[at] = append(handlers[at], f.Provisional...)
	}
	var out []PendingFinding
	for at, hs := range handlers {
		if firm[at] {
			continue
		}
		slices.Sort(hs)
		out = append(out, PendingFinding{At: at, Handlers: slices.Compact(hs)})
	}
	slices.SortFunc(out, func(a, b PendingFinding) int { return a.At.compare(b.At) })
	return out
}

// used records that this package uses handler, whose package reported
// flows of it provisionally (Guard.Reported): covered when this use
// replaces the header, by the middleware named by when known. A handler
// is covered when every use is.
func (s *pkgState) used(handler string, covered bool, by string) {
	u := s.handlerUses[handler]
	if u == nil {
		u = &HandlerUse{Handler: handler, Covered: true}
		s.handlerUses[handler] = u
	}
	u.Covered = u.Covered && covered
	if covered && u.By == "" {
		u.By = by
	}
}

// findingKey identifies a finding: its position, its sink (a hand-over
// to a place that leaks in two sinks is two flows) and its source.
type findingKey struct {
	pos    token.Pos
	sink   Position
	source Position
}

// originAt is the position of the last origin step of a path.
func originAt(p *path) Position {
	for q := p; q != nil; q = q.prev {
		if q.origin {
			return q.at
		}
	}
	return Position{}
}

// sortedFindings returns one finding per position (the best explanation
// among its sources and sinks: a value stored in a client's field that
// a model names a sink and the engine also follows to the header it ends
// in is one finding), sorted, and hands every per-source finding to the
// rule's Events.
func (s *pkgState) sortedFindings() []Finding {
	keys := make([]findingKey, 0, len(s.findings))
	for k := range s.findings {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		if a.sink != b.sink {
			return a.sink.before(b.sink)
		}
		return a.source.before(b.source)
	})
	var out []Finding
	var best *path
	sinks := map[Position]SinkInfo{} // of the position being collected
	flush := func() {
		if len(out) == 0 {
			return
		}
		last := &out[len(out)-1]
		for at, sk := range sinks {
			if at != last.Sink.At {
				last.Also = append(last.Also, OtherSink{Sink: sk, Pos: s.resolve(at)})
			}
		}
		slices.SortFunc(last.Also, func(a, b OtherSink) int { return a.Sink.At.compare(b.Sink.At) })
		clear(sinks)
	}
	for i, k := range keys {
		f := s.findings[k]
		if s.cfg.Events != nil {
			s.cfg.Events.Found(*f)
		}
		p := s.findingPaths[k]
		if i == 0 || k.pos != keys[i-1].pos {
			flush()
			out = append(out, *f)
			best = p
		} else if p.better(best) {
			out[len(out)-1], best = *f, p
		}
		sinks[f.Sink.At] = f.Sink
	}
	flush()
	return out
}

// position renders a position as facts store it: not adjusted by //line
// directives, so that it maps back to the file that holds it.
func (s *pkgState) position(pos token.Pos) Position {
	if !pos.IsValid() {
		return Position{}
	}
	p := s.pass.Fset.PositionFor(pos, false)
	return Position{File: p.Filename, Line: p.Line, Col: p.Column}
}

// resolve turns a Position back into a Pos when its file is in the pass's
// file set: always for this package's files; for dependencies only under
// drivers that share one file set (the whole set is indexed once, and only
// when a finding needs it).
func (s *pkgState) resolve(at Position) token.Pos {
	if !at.IsValid() {
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
	f := s.localFiles[at.File]
	if f == nil {
		if s.files == nil {
			s.files = make(map[string]*token.File)
			s.pass.Fset.Iterate(func(f *token.File) bool {
				s.files[f.Name()] = f
				return true
			})
		}
		f = s.files[at.File]
	}
	if f == nil || at.Line > f.LineCount() {
		return token.NoPos
	}
	// A file of a dependency read from export data (go vet, gopls) has a
	// line table exact only at declarations: a position is kept only if
	// it maps back to the same line, else its line start if that does,
	// else none (the step is then described with its position in text).
	start := f.LineStart(at.Line)
	for _, pos := range []token.Pos{start + token.Pos(max(at.Col-1, 0)), start} {
		if int(pos) > f.Base()+f.Size() {
			continue
		}
		if p := f.PositionFor(pos, false); p.Line == at.Line && p.Filename == at.File {
			return pos
		}
	}
	return token.NoPos
}

// pathOf rebuilds a path from a fact's steps.
func pathOf(steps []Step) *path {
	var p *path
	for _, st := range steps {
		p = p.add(st, token.NoPos) // resolved if it ends in a finding
	}
	return p
}

// summaryBuilder accumulates the flows of one function.
type summaryBuilder struct {
	fn     *ssa.Function
	flows  map[string]*Flow
	cached []Flow // the sorted flows, until one is added or replaced
}

// add adds a flow; a new one queues the function's callers again.
func (b *summaryBuilder) add(s *pkgState, f Flow) {
	k := f.key()
	if old, ok := b.flows[k]; ok {
		if len(f.Path) < len(old.Path) {
			b.flows[k] = &f
			b.cached = nil
		}
		return
	}
	b.flows[k] = &f
	b.cached = nil
	for fn := range s.callers[b.fn] {
		s.pending[fn] = true
	}
}

// list returns the flows, sorted; callers do not modify them.
func (b *summaryBuilder) list() []Flow {
	if b == nil {
		return nil
	}
	if b.cached == nil && len(b.flows) > 0 {
		b.cached = b.sorted().Flows
	}
	return b.cached
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
