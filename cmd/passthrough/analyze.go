package main

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/suite"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A finding is one diagnostic, resolved to file positions.
type finding struct {
	analyzer string
	pkgID    string
	posn     token.Position
	end      token.Position
	at       token.Position // posn not adjusted by //line directives, as facts hold it
	diag     analysis.Diagnostic
	related  []relatedStep
}

type relatedStep struct {
	posn    token.Position
	message string
}

type result struct {
	findings []finding
	errors   []string // package load and analysis errors, one line each
	fset     *token.FileSet
	// roots are the packages the patterns matched; notAnalyzed maps those
	// that could not be analyzed (they or a dependency do not load or
	// type-check) to their first error.
	roots       int
	notAnalyzed map[string]string
	// parsed is the hash of each file as it was analyzed; noEdit names
	// the files -fix must not edit (generated, or in a cgo package), and
	// why.
	parsed map[string][sha256.Size]byte
	noEdit map[string]string
	// funcs are the functions and methods of the loaded packages, by the
	// name the configuration spells them with.
	funcs map[string]*types.Func
}

// lookupFunc finds a function of the loaded packages by its
// configuration name.
func (r *result) lookupFunc(name string) *types.Func { return r.funcs[name] }

// indexFuncs records the functions and methods of p's package scope.
func indexFuncs(p *types.Package, into map[string]*types.Func) {
	scope := p.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			into[config.FunctionName(obj)] = obj
		case *types.TypeName:
			if named, ok := obj.Type().(*types.Named); ok {
				for i := 0; i < named.NumMethods(); i++ {
					m := named.Method(i)
					into[config.FunctionName(m)] = m
				}
			}
			if iface, ok := obj.Type().Underlying().(*types.Interface); ok {
				for i := 0; i < iface.NumMethods(); i++ {
					m := iface.Method(i)
					into[config.FunctionName(m)] = m
				}
			}
		}
	}
}

// incomplete reports whether some requested package was not analyzed.
func (r *result) incomplete() bool { return len(r.notAnalyzed) > 0 || len(r.errors) > 0 }

// analyze loads the packages matching patterns and runs the analyzers on
// them. Packages that fail to load or type-check are reported as errors
// and skipped; the others are analyzed.
func analyze(analyzers []*analysis.Analyzer, o *options) (*result, error) {
	patterns := o.patterns
	parsed := map[string][sha256.Size]byte{}
	var mu sync.Mutex
	// As go/packages parses by default, recording what was read, so that
	// -fix can refuse a file edited since.
	parseFile := func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		sum := sha256.Sum256(src)
		mu.Lock()
		parsed[filename] = sum
		mu.Unlock()
		return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
	}
	cfg := &packages.Config{Tests: o.tests}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	o.phases.begin("loading packages")
	var pkgs []*packages.Package
	var err error
	var cache *resultsCache
	var cacheErr error
	if o.loadAll {
		cfg.Mode, cfg.ParseFile = packages.LoadAllSyntax|packages.NeedModule, parseFile
		pkgs, err = packages.Load(cfg, patterns...)
	} else {
		var plan func([]*packages.Package, func(*packages.Package) bool) (func(*packages.Package) bool, func(*packages.Package) bool)
		cache, cacheErr = newResultsCache(o.cacheDir, analyzers, o)
		if cache != nil {
			plan = cache.plan
			// A root held whole by the cache needs no types, unless the
			// configuration's functions are to be found among them.
			names := false
			_, _ = o.cfg.CheckFunctions(func(string) *types.Func { names = true; return nil })
			cache.replayRoots = !names
		}
		pkgs, err = loadPackages(cfg, patterns, parseFile, plan)
	}
	loaded := 0
	packages.Visit(pkgs, nil, func(*packages.Package) { loaded++ })
	o.phases.end(fmt.Sprintf("%d packages matched, %d with dependencies", len(pkgs), loaded))
	if err != nil {
		return nil, fmt.Errorf("loading packages: %v", firstLine(err.Error()))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	res := &result{fset: pkgs[0].Fset, notAnalyzed: map[string]string{}, parsed: parsed, noEdit: map[string]string{}, funcs: map[string]*types.Func{}}
	seenErr := map[string]bool{}
	firstErr := map[*packages.Package]string{} // a package's own first error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types != nil {
			indexFuncs(p.Types, res.funcs)
		}
		for _, e := range p.Errors {
			// One line per error: the go command's continuation lines
			// ("to add it:\n\tgo get ...") are joined.
			msg := strings.Join(strings.Fields(strings.TrimPrefix(e.Error(), "-: ")), " ") // go list's "no package" position
			if e.Kind == packages.ListError && strings.Contains(msg, "no Go files") || strings.Contains(msg, "matched no packages") {
				msg = fmt.Sprintf("%s matched no packages", strings.Join(patterns, " "))
			}
			if _, ok := firstErr[p]; !ok {
				firstErr[p] = msg
			}
			if !seenErr[msg] {
				seenErr[msg] = true
				res.errors = append(res.errors, msg)
			}
		}
	})
	// A root is not analyzed when it or a dependency has errors (the
	// analyzers need the facts of every dependency).
	brokenDep := map[*packages.Package]string{}
	var broken func(p *packages.Package) string
	broken = func(p *packages.Package) string {
		if msg, ok := brokenDep[p]; ok {
			return msg
		}
		brokenDep[p] = "" // cycles cannot happen; this only guards the walk
		msg := firstErr[p]
		if msg == "" {
			for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
				if broken(p.Imports[path]) != "" {
					msg = fmt.Sprintf("%s: not analyzed: its dependency %s has errors", p.PkgPath, p.Imports[path].PkgPath)
					break
				}
			}
		}
		brokenDep[p] = msg
		return msg
	}
	rootIDs := map[string]bool{}
	for _, p := range pkgs {
		rootIDs[p.ID] = true
		if msg := broken(p); msg != "" {
			res.notAnalyzed[p.ID] = msg
		}
	}
	res.roots = len(rootIDs)
	var good, replayed []*packages.Package
	for _, p := range pkgs {
		switch {
		case cache != nil && cache.replayOnly[p]:
			replayed = append(replayed, p)
		case p.Types != nil && len(p.Syntax) > 0:
			good = append(good, p)
		}
	}
	if len(good) == 0 && len(replayed) == 0 {
		if len(res.errors) > 0 {
			return nil, fmt.Errorf("%s", res.errors[0])
		}
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	analyzing := fmt.Sprintf("analyzing %d packages", len(good))
	if cache != nil {
		cache.bind(pkgs)
		defer cache.store() // and the run no longer uses it
		hits, misses := cache.counts()
		analyzing += fmt.Sprintf(" (results cache: %d packages replayed, %d analyzed)", hits, misses)
	}
	if cacheErr != nil {
		analyzing += fmt.Sprintf(" (results cache not used: %v)", firstLine(cacheErr.Error()))
	}
	o.phases.begin(analyzing)
	var graph *checker.Graph
	if len(good) > 0 {
		collectSoonerIfLarge()
		done := suite.FreeAsItRuns(analyzers, keepSyntax(pkgs))
		graph, err = checker.Analyze(analyzers, good, nil)
		done()
	}
	o.phases.end(fmt.Sprintf("%d analyzers", len(analyzers)))
	if err != nil {
		return nil, err
	}
	c := &collector{res: res, generated: o.generated, seen: map[string]bool{}}
	if graph != nil {
		for act := range graph.All() {
			if act.Err != nil && act.IsRoot {
				if _, known := res.notAnalyzed[act.Package.ID]; !known {
					if msg, ok := actionError(act); ok {
						res.notAnalyzed[act.Package.ID] = msg
						if !seenErr[msg] {
							seenErr[msg] = true
							res.errors = append(res.errors, msg)
						}
					}
				}
			}
			if act.IsRoot {
				c.add(act.Package, act.Analyzer.Name, act.Diagnostics)
			}
		}
	}
	// The roots the cache holds whole: their findings, not re-analyzed.
	for _, p := range replayed {
		for _, a := range analyzers {
			diags, err := cache.diagnostics(p, a.Name)
			if err != nil {
				return nil, err
			}
			c.add(p, a.Name, diags)
		}
	}
	settle(res, analyzers, graph, replayed, cache)
	sort.Slice(res.findings, func(i, j int) bool {
		a, b := res.findings[i], res.findings[j]
		if a.posn.Filename != b.posn.Filename {
			return a.posn.Filename < b.posn.Filename
		}
		if a.posn.Offset != b.posn.Offset {
			return a.posn.Offset < b.posn.Offset
		}
		return a.analyzer < b.analyzer
	})
	res.findings = dedupLimits(res.findings)
	sort.Strings(res.errors)
	return res, nil
}

// collector turns the diagnostics of the roots into findings: file
// positions, generated files left out unless asked for, the files -fix
// must not edit noted, one finding per position, analyzer and message
// (a file can belong to a package and to its test variant).
type collector struct {
	res       *result
	generated bool
	seen      map[string]bool
}

func (c *collector) add(p *packages.Package, analyzer string, diags []analysis.Diagnostic) {
	res, fset := c.res, p.Fset
	generated := generatedFiles(p)
	for name := range generated {
		res.noEdit[name] = "generated"
	}
	if usesCgo(p) {
		for _, f := range p.Syntax {
			if tf := fset.File(f.FileStart); tf != nil {
				res.noEdit[tf.Name()] = "in a cgo package"
			}
		}
	}
	for _, d := range diags {
		f := finding{analyzer: analyzer, pkgID: p.ID, posn: fset.Position(d.Pos), at: fset.PositionFor(d.Pos, false), end: fset.Position(d.End), diag: d}
		if generated[f.posn.Filename] && !c.generated {
			// As golangci-lint does: nobody edits generated code by
			// hand (-generated reports it).
			continue
		}
		if !d.End.IsValid() {
			f.end = f.posn
		}
		key := fmt.Sprintf("%s|%s|%s", f.posn, f.analyzer, d.Message)
		if c.seen[key] {
			continue
		}
		c.seen[key] = true
		for _, r := range d.Related {
			f.related = append(f.related, relatedStep{posn: fset.Position(r.Pos), message: r.Message})
		}
		res.findings = append(res.findings, f)
	}
}

// generatedFiles are the files of a package that say they are generated
// ("// Code generated ... DO NOT EDIT.").
func generatedFiles(p *packages.Package) map[string]bool {
	out := map[string]bool{}
	for _, f := range p.Syntax {
		if ast.IsGenerated(f) {
			if tf := p.Fset.File(f.FileStart); tf != nil {
				out[tf.Name()] = true
			}
		}
	}
	return out
}

// usesCgo reports whether a package imports "C".
func usesCgo(p *packages.Package) bool {
	for _, f := range p.Syntax {
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				return true
			}
		}
	}
	return false
}

// dedupLimits keeps one report of each limit the engine reached: every
// analyzer runs the engine, and a function too large for one is too large
// for all (the first analyzer, in name order, reports it).
func dedupLimits(findings []finding) []finding {
	seen := map[string]bool{}
	return slices.DeleteFunc(findings, func(f finding) bool {
		if f.diag.Category != report.CategoryLimit {
			return false
		}
		key := fmt.Sprintf("%s|%s", f.posn, f.diag.Message)
		dup := seen[key]
		seen[key] = true
		return dup
	})
}

// actionError returns the line that says why a root action failed, or
// false when that was reported before the analysis: a package with
// errors, or one whose dependency has them (the checker's "analysis
// skipped due to errors"). When the action failed because a prerequisite
// did ("failed prerequisites", naming internal analyzers), the line is
// the error of the action that failed first, on whichever package: an
// analyzer's error on a dependency fails the analysis of every package
// that imports it.
func actionError(act *checker.Action) (string, bool) {
	seen := map[*checker.Action]bool{}
	var cause func(a *checker.Action) *checker.Action
	cause = func(a *checker.Action) *checker.Action {
		if seen[a] || a.Err == nil {
			return nil
		}
		seen[a] = true
		if !strings.Contains(a.Err.Error(), "failed prerequisites") {
			return a
		}
		for _, d := range a.Deps {
			if c := cause(d); c != nil {
				return c
			}
		}
		return nil
	}
	c := cause(act)
	if c == nil || strings.Contains(c.Err.Error(), "analysis skipped due to errors") {
		return "", false
	}
	return fmt.Sprintf("%s: %s: %v", c.Package.PkgPath, c.Analyzer.Name, firstLine(c.Err.Error())), true
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// relPath shows a file relative to the working directory when it is below it.
func relPath(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

// count is the number of findings that count: suppressed ones shown with
// -show-suppressed do not.
func (r *result) count() int {
	n := 0
	for _, f := range r.findings {
		if !f.suppressed() {
			n++
		}
	}
	return n
}

// keepSyntax tells which packages' syntax the command reads after the
// analysis (the roots: their diagnostics, generated files, fixes) and,
// of any other, drops its own reference once the analyzers are done with
// it.
func keepSyntax(roots []*packages.Package) func(*types.Package) bool {
	root := map[*types.Package]bool{}
	for _, p := range roots {
		root[p.Types] = true
	}
	var mu sync.Mutex
	deps := map[*types.Package]*packages.Package{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if !root[p.Types] {
			deps[p.Types] = p
		}
	})
	return func(t *types.Package) bool {
		if root[t] {
			return true
		}
		mu.Lock()
		defer mu.Unlock()
		if p := deps[t]; p != nil {
			p.Syntax, p.TypesInfo = nil, nil
			delete(deps, t)
		}
		return false
	}
}
