package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"sync"

	"github.com/passthroughlint/passthrough/passes/suite"
	"golang.org/x/tools/go/packages"
)

// loadMode is what the loader asks the go command for: the package graph
// and files, not syntax or types (loadPackages makes those).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes

// loadPackages loads the packages matching patterns as go/packages'
// LoadAllSyntax mode does, with one difference that halves the memory of
// a run on a large module: a dependency that cannot matter to the
// analyzers (the standard library, and module dependencies that import
// none of the packages requests and tokens travel through: the analyzers skip them) is type-checked without
// its function bodies, and its syntax is dropped once its types exist.
// Its importers need only its declarations; the analyzers see it as a
// package without files, as they would skip it anyway. Roots and the
// packages that can matter get syntax and full type information.
//
// parseFile parses the files of those (it records what -fix may edit);
// the others are parsed here.
//
// cached, when not nil, is told the package graph (and which packages
// need syntax) before anything is type-checked, and says which packages
// the results cache will serve: those are typed from their declarations
// too (a root keeps its files, for the report).
func loadPackages(cfg *packages.Config, patterns []string, parseFile func(*token.FileSet, string, []byte) (*ast.File, error),
	cached func(roots []*packages.Package, needsSyntax func(*packages.Package) bool) (fromCache, replayOnly func(*packages.Package) bool)) ([]*packages.Package, error) {
	meta := *cfg
	meta.Mode = loadMode
	roots, err := packages.Load(&meta, patterns...)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	l := &loader{fset: fset, parseFile: parseFile, isRoot: isRoot, fromCache: func(*packages.Package) bool { return false },
		done: map[*packages.Package]*sync.Once{}, cpu: make(chan struct{}, runtime.GOMAXPROCS(0))}
	replayOnly := func(*packages.Package) bool { return false }
	if cached != nil {
		l.fromCache, replayOnly = cached(roots, l.needsSyntax)
	}
	packages.Visit(roots, nil, func(p *packages.Package) { l.done[p] = new(sync.Once) })
	// The packages to type-check: those the roots analyzed in this run
	// import. A root replayed whole is only parsed, for the report.
	typed := map[*packages.Package]bool{}
	var mark func(p *packages.Package)
	mark = func(p *packages.Package) {
		if !typed[p] {
			typed[p] = true
			for _, q := range p.Imports {
				mark(q)
			}
		}
	}
	for _, p := range roots {
		if !replayOnly(p) {
			mark(p)
		}
	}
	var wg sync.WaitGroup
	for _, p := range roots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if typed[p] {
				l.load(p)
			} else {
				l.parseOnly(p)
			}
		}()
	}
	wg.Wait()
	return roots, nil
}

// parseOnly parses a root that is replayed whole: its findings need its
// files' positions, the report whether they are generated, -fix what it
// read.
func (l *loader) parseOnly(p *packages.Package) {
	l.done[p].Do(func() {
		p.Fset = l.fset
		p.Syntax = l.parse(p, true)
	})
}

// parse parses p's files, recording errors in p: with the command's
// parser (comments kept, what -fix may edit recorded) when its syntax is
// kept, else as cheaply as its declarations allow.
func (l *loader) parse(p *packages.Package, keep bool) []*ast.File {
	var files []*ast.File
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: name, Msg: err.Error(), Kind: packages.ParseError})
			continue
		}
		var f *ast.File
		if keep {
			f, err = l.parseFile(l.fset, name, src)
		} else {
			f, err = parser.ParseFile(l.fset, name, src, parser.SkipObjectResolution|parser.ParseComments)
		}
		if f != nil {
			files = append(files, f)
		}
		addParseErrors(p, err)
	}
	return files
}

type loader struct {
	fset      *token.FileSet
	parseFile func(*token.FileSet, string, []byte) (*ast.File, error)
	isRoot    map[*packages.Package]bool
	fromCache func(*packages.Package) bool
	done      map[*packages.Package]*sync.Once
	cpu       chan struct{} // type checking is CPU bound: one token per core
}

// load type-checks p once its imports are, in parallel with its
// siblings.
func (l *loader) load(p *packages.Package) {
	l.done[p].Do(func() {
		var wg sync.WaitGroup
		for _, imp := range p.Imports {
			wg.Add(1)
			go func() { defer wg.Done(); l.load(imp) }()
		}
		wg.Wait()
		l.cpu <- struct{}{}
		defer func() { <-l.cpu }()
		l.check(p)
	})
}

// needsSyntax reports whether the analyzers may look inside p: it is a
// root, or a package ssapkg would analyze.
func (l *loader) needsSyntax(p *packages.Package) bool {
	if l.isRoot[p] {
		return true
	}
	files := append(append([]string(nil), p.GoFiles...), p.CompiledGoFiles...)
	return suite.NeedsSyntax(p, p.PkgPath, files, p.Module == nil || p.Module.Version == "",
		func(p *packages.Package) string { return p.PkgPath },
		func(p *packages.Package) []*packages.Package {
			out := make([]*packages.Package, 0, len(p.Imports))
			for _, q := range p.Imports {
				out = append(out, q)
			}
			return out
		})
}

// check parses and type-checks p, as go/packages does (same errors, same
// Go version, same sizes), in full or, for a package that cannot matter,
// its declarations only.
func (l *loader) check(p *packages.Package) {
	p.Fset = l.fset
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
		return
	}
	full := l.needsSyntax(p) && !l.fromCache(p)
	keep := full || l.isRoot[p] // a root served from the cache keeps its files for the report
	files := l.parse(p, keep)
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	info := &types.Info{}
	if full {
		info = &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Instances:    make(map[*ast.Ident]types.Instance),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			FileVersions: make(map[*ast.File]string),
		}
	}
	tc := &types.Config{
		Importer:         importer(p),
		IgnoreFuncBodies: !full,
		Sizes:            p.TypesSizes,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				p.TypeErrors = append(p.TypeErrors, te)
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	typErr := types.NewChecker(tc, l.fset, p.Types, info).Files(files)
	if typErr != nil && len(p.Errors) == 0 {
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: typErr.Error(), Kind: packages.TypeError})
	}
	p.TypesInfo = info
	if keep {
		p.Syntax = files
	} // else nothing looks inside it: its importers have its types.
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		if imp.IllTyped {
			p.IllTyped = true
		}
	}
}

// addParseErrors records a parser's errors as go/packages does.
func addParseErrors(p *packages.Package, err error) {
	if err == nil {
		return
	}
	var list scanner.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
		}
		return
	}
	p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
}

// importer resolves p's imports to the packages the go command listed
// for it (vendoring and test variants included).
func importer(p *packages.Package) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		imp := p.Imports[path]
		if imp == nil || imp.Types == nil {
			return nil, fmt.Errorf("no metadata for %s", path)
		}
		return imp.Types, nil
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
