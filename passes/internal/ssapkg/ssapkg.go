// Package ssapkg builds the SSA form of a package once for all the
// passthrough analyzers, and only for packages that can matter: not the
// standard library (the rules model it), and not a module dependency that
// imports none of the packages through which requests, headers and tokens
// travel. It replaces buildssa, which builds every package.
package ssapkg

import (
	"go/build"
	"go/types"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds SSA; its result is a *ssa.Package, or nil for a package
// that was skipped.
var Analyzer = &analysis.Analyzer{
	Name:       "passthroughssa",
	Doc:        "build SSA for the packages the passthrough analyzers look at",
	Run:        run,
	ResultType: reflect.TypeOf((*ssa.Package)(nil)),
}

// Relevant are the import paths that make a dependency worth analyzing.
var Relevant = []string{
	"net/http",
	"golang.org/x/oauth2",
	"google.golang.org/grpc/metadata",
	"google.golang.org/grpc/credentials",
}

func run(pass *analysis.Pass) (any, error) {
	if !worthAnalyzing(pass) {
		return (*ssa.Package)(nil), nil
	}
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg, nil
}

// worthAnalyzing skips, cheaply, the packages that cannot matter. Packages
// of the main module are always analyzed (they may carry values between
// others).
func worthAnalyzing(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || IsStandard(pass) {
		return false
	}
	if pass.Module == nil || pass.Module.Version == "" {
		return true
	}
	want := make(map[string]bool, len(Relevant))
	for _, p := range Relevant {
		want[p] = true
	}
	seen := make(map[*types.Package]bool)
	var reaches func(p *types.Package) bool
	reaches = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if want[p.Path()] {
			return true
		}
		for _, q := range p.Imports() {
			if reaches(q) {
				return true
			}
		}
		return false
	}
	return reaches(pass.Pkg)
}

var goroot = filepath.Clean(build.Default.GOROOT)

// IsStandard reports whether the package is part of the standard library:
// a path without a dot in its first element, with files under GOROOT.
func IsStandard(pass *analysis.Pass) bool {
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	if strings.Contains(first, ".") {
		return false
	}
	f := pass.Fset.File(pass.Files[0].Pos())
	return f != nil && strings.HasPrefix(filepath.Clean(f.Name()), goroot+string(filepath.Separator))
}

// Functions lists the package's functions, methods and function literals,
// in source order.
func Functions(pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		out = append(out, f)
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Function:
			add(m)
		case *ssa.Type:
			if n, ok := m.Type().(*types.Named); ok {
				for i := 0; i < n.NumMethods(); i++ {
					if f := pkg.Prog.FuncValue(n.Method(i)); f != nil {
						add(f)
					}
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}
