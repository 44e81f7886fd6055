// Package ssapkg builds the SSA form of a package once for all the
// passthrough analyzers, and only for packages that can matter: not the
// standard library (the rules model it), and not a module dependency that
// imports none of the packages through which requests, headers and tokens
// travel. It replaces buildssa, which builds every package.
package ssapkg

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/types"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds SSA; its result is a *SSA, nil for a package that was
// skipped.
var Analyzer = &analysis.Analyzer{
	Name:       "passthroughssa",
	Doc:        "build SSA for the packages the passthrough analyzers look at",
	Run:        run,
	ResultType: reflect.TypeOf((*SSA)(nil)),
}

// SSA is a package's SSA form and the one list of its source functions
// that every analyzer and the engine use.
type SSA struct {
	Pkg *ssa.Package
	// SrcFuncs are the functions of the package's source, in source
	// order: declared functions and methods (generic ones in generic
	// form), each init function (init#1, init#2...), the package
	// initializer, and the function literals inside all of these.
	SrcFuncs []*ssa.Function

	build    func() (*ssa.Package, []*ssa.Function)
	err      error        // why build failed
	users    atomic.Int32 // analyzers of the run that have not released it yet
	mu       sync.Mutex   // guards Pkg, SrcFuncs, build, err, passes and released
	released []func()     // what to drop with it (results that point into it)
	// passes are the passes on the package of ssapkg and of the analyzers
	// done with it: with the SSA form, their syntax may go too (SetUsers).
	passes []*analysis.Pass
}

// Of returns the SSA form of the pass's package, built on the first call
// (by the first analyzer that needs it), or nil for a package that cannot
// matter, and for one whose build failed (Err says why; kit's analyzers
// return that as their error rather than report nothing). Building it when it is first needed, rather than when ssapkg's
// own action runs, matters for memory: the checker runs ssapkg's actions
// for every package at once (they depend on nothing), long before the
// analyzers of most packages can run (they wait for their dependencies'
// facts).
func Of(pass *analysis.Pass) *SSA {
	s, _ := pass.ResultOf[Analyzer].(*SSA)
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Pkg == nil {
		if s.build == nil || s.err != nil {
			return nil // released (were a count wrong), or failed: nothing to see
		}
		s.Pkg, s.SrcFuncs, s.err = buildSafely(s.build)
		if s.err != nil {
			return nil
		}
	}
	return s
}

// Err returns why the SSA form of the pass's package could not be built,
// once Of has tried: the analyzers that saw nothing (Of returned nil)
// report it as their error for the package.
func Err(pass *analysis.Pass) error {
	s, _ := pass.ResultOf[Analyzer].(*SSA)
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// buildSafely runs build, with a panic of the SSA builder (on code the
// type checker accepted) turned into an error.
func buildSafely(build func() (*ssa.Package, []*ssa.Function)) (pkg *ssa.Package, funcs []*ssa.Function, err error) {
	defer func() {
		if r := recover(); r != nil {
			pkg, funcs, err = nil, nil, fmt.Errorf("building SSA: %v", r)
		}
	}()
	pkg, funcs = build()
	return pkg, funcs, nil
}

// users is the number of analyzers of a run that use a package's SSA and
// release it (SetUsers); 0 keeps it for the whole run.
var users atomic.Int32

// dropSyntax, when set, tells which packages' syntax and type information
// the passes may let go of once their SSA form is released.
var dropSyntax atomic.Pointer[func(*types.Package) bool]

// SetUsers tells ssapkg how many analyzers of the run use each package's
// SSA and call Release when they are done with it. A driver that runs the
// whole action graph in one process (the command) sets it, so that a
// package's SSA (its function bodies are most of a run's memory) is freed
// as soon as that package's analyzers have run rather than when the run
// ends: dependents read facts, never another package's SSA. Drivers that
// run one package per process (go vet), or keep packages for later
// requests (gopls), leave it at 0.
//
// drop, when not nil, says of a package whether its syntax and type
// information go too: after the last analyzer is done with a package,
// nothing reads them but the driver, which knows which packages it will
// still read (the roots, for their diagnostics). drop may release the
// driver's own references.
func SetUsers(n int, drop func(*types.Package) bool) {
	users.Store(int32(n))
	if drop == nil {
		dropSyntax.Store(nil)
	} else {
		dropSyntax.Store(&drop)
	}
}

// Release says that one analyzer is done with the package's SSA; after
// the last, the SSA form and what registered with OnRelease are dropped.
// It is safe on a nil *SSA and when no count was set.
func (s *SSA) Release() {
	if s == nil || s.users.Load() <= 0 {
		return
	}
	if s.users.Add(-1) != 0 {
		return
	}
	s.mu.Lock()
	hooks, passes := s.released, s.passes
	s.released, s.passes = nil, nil
	s.Pkg, s.SrcFuncs, s.build = nil, nil, nil
	s.mu.Unlock()
	// A result that points into it lets go.
	for _, f := range hooks {
		f()
	}
	// Every pass on the package has run (each user has said so), so
	// nothing reads their syntax any more.
	if drop := dropSyntax.Load(); drop != nil && len(passes) > 0 && (*drop)(passes[0].Pkg) {
		for _, p := range passes {
			p.Files, p.TypesInfo = nil, nil
		}
	}
}

// Done says that the pass's analyzer is done with its package's SSA,
// whether it asked for it or not: each analyzer that requires ssapkg
// calls it once, at the end of its run (see SetUsers).
func Done(pass *analysis.Pass) {
	s, _ := pass.ResultOf[Analyzer].(*SSA)
	if s == nil {
		return
	}
	if s.users.Load() > 0 { // counted: its syntax may go with it
		s.mu.Lock()
		s.passes = append(s.passes, pass)
		s.mu.Unlock()
	}
	s.Release()
}

// OnRelease registers f to run when the SSA form is released: a result
// of another analyzer that points into it drops those pointers.
func (s *SSA) OnRelease(f func()) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.released = append(s.released, f)
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
		return (*SSA)(nil), nil
	}
	out := &SSA{build: func() (*ssa.Package, []*ssa.Function) {
		prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
		createImports(prog, pass.Pkg, pass.TypesInfo)
		pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
		pkg.Build()
		return pkg, srcFuncs(pass, pkg)
	}}
	out.users.Store(users.Load())
	out.passes = []*analysis.Pass{pass}
	return out, nil
}

// worthAnalyzing skips, cheaply, the packages that cannot matter.
func worthAnalyzing(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || IsStandard(pass) {
		return false
	}
	return MayMatter(pass.Pkg, pass.Module == nil || pass.Module.Version == "",
		(*types.Package).Path, (*types.Package).Imports)
}

// MayMatter reports whether a package that is not part of the standard
// library can matter: one of the main module (or of no module: it may
// carry values between others) always can, a module dependency only when
// it imports, directly or not, one of the Relevant packages. It serves
// both the analyzers (on types) and a loader deciding which packages need
// syntax (on the import graph, before any type checking).
func MayMatter[P comparable](p P, inMainModule bool, path func(P) string, imports func(P) []P) bool {
	if inMainModule {
		return true
	}
	want := make(map[string]bool, len(Relevant))
	for _, r := range Relevant {
		want[r] = true
	}
	seen := make(map[P]bool)
	var reaches func(p P) bool
	reaches = func(p P) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if want[path(p)] {
			return true
		}
		for _, q := range imports(p) {
			if reaches(q) {
				return true
			}
		}
		return false
	}
	return reaches(p)
}

// IsStandard reports whether the package is part of the standard library:
// a path without a dot in its first element, with files in GOROOT/src.
// (Testdata packages such as "a" lie in a GOPATH of their own.)
func IsStandard(pass *analysis.Pass) bool {
	var names []string
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.Pos()); tf != nil {
			names = append(names, tf.Name())
		}
	}
	return IsStandardPackage(pass.Pkg.Path(), names)
}

// IsStandardPackage is IsStandard for a package path and the names of its
// files.
func IsStandardPackage(path string, files []string) bool {
	first, _, _ := strings.Cut(path, "/")
	if strings.Contains(first, ".") {
		return false
	}
	root := goroot()
	if root == "" {
		return false
	}
	src := filepath.Join(root, "src") + string(filepath.Separator)
	for _, name := range files {
		// The file's own name: one in the build cache is cgo's copy (of
		// a file of net or os/user, say), and another of the package's
		// files tells. A //line directive cannot make a file standard.
		if strings.HasPrefix(filepath.Clean(name), src) {
			return true
		}
	}
	return false
}

// goroot is the Go root whose packages are the standard library: that of
// the go command that listed the packages. It is $GOROOT when set (go vet
// sets it for its tool), else what "go env GOROOT" reports, else the root
// this tool was built with. That one comes last: a -trimpath build has
// none, and after a toolchain switch (a go.mod asking for a newer Go) it
// is not the loader's.
var goroot = sync.OnceValue(func() string {
	return findGOROOT(os.Getenv("GOROOT"), goEnvGOROOT, build.Default.GOROOT)
})

// findGOROOT returns the first usable (absolute) of the Go roots from the
// environment, from the go command, and from the build, asking the go
// command only when the environment names none. It returns "" when none
// is usable.
func findGOROOT(env string, goEnv func() (string, error), built string) string {
	if usable(env) {
		return filepath.Clean(env)
	}
	if dir, err := goEnv(); err == nil && usable(dir) {
		return filepath.Clean(dir)
	}
	if usable(built) {
		return filepath.Clean(built)
	}
	return ""
}

func usable(dir string) bool { return dir != "" && filepath.IsAbs(dir) }

func goEnvGOROOT() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	return strings.TrimSpace(string(out)), err
}

// srcFuncs lists the functions of the package's source, as buildssa does:
// each function declaration (init functions included: they are not
// package members), and the package initializer, which holds the function
// literals of package-level variable initializers; each followed by its
// function literals.
func srcFuncs(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		out = append(out, f)
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Name.Name == "_" {
				continue // SSA builds no function for a blank name
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := pkg.Prog.FuncValue(obj); f != nil {
				add(f)
			}
		}
	}
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// Instructions yields every instruction of the source functions, with the
// function that holds it, in source order of the functions.
func (s *SSA) Instructions() iter.Seq2[*ssa.Function, ssa.Instruction] {
	return func(yield func(*ssa.Function, ssa.Instruction) bool) {
		for _, fn := range s.SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if !yield(fn, instr) {
						return
					}
				}
			}
		}
	}
}
