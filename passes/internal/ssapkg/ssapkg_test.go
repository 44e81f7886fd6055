package ssapkg

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A -trimpath build of the tool knows no GOROOT (and one built with another
// Go than the loader's knows the wrong one): the root comes from $GOROOT,
// else from the go command.
func TestFindGOROOT(t *testing.T) {
	goEnv := func() (string, error) { return "/opt/go", nil }
	noGo := func() (string, error) { return "", errors.New("no go command") }
	mustNotAsk := func() (string, error) { t.Error("go env asked though $GOROOT is set"); return "", nil }
	for _, c := range []struct {
		name, env   string
		goEnv       func() (string, error)
		built, want string
	}{
		{"trimpath build", "", goEnv, "", "/opt/go"},
		{"trimpath build, cleaned to dot", "", goEnv, ".", "/opt/go"},
		{"other toolchain than the build's", "", goEnv, "/usr/local/go", "/opt/go"},
		{"environment first", "/env/go/", mustNotAsk, "", "/env/go"},
		{"no go command", "", noGo, "/usr/local/go", "/usr/local/go"},
		{"nothing usable", "", noGo, ".", ""},
	} {
		if got := findGOROOT(c.env, c.goEnv, c.built); got != c.want {
			t.Errorf("%s: findGOROOT = %q, want %q", c.name, got, c.want)
		}
	}
}

// With no GOROOT from the build or the environment, the standard library is
// still recognized (and not built into SSA), and testdata packages with
// dotless paths are not mistaken for it.
func TestIsStandardWithoutBuildGOROOT(t *testing.T) {
	root, err := goEnvGOROOT()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	saved := goroot
	t.Cleanup(func() { goroot = saved })
	goroot = sync.OnceValue(func() string { return findGOROOT("", goEnvGOROOT, "") })

	for _, c := range []struct {
		path, file string
		want       bool
	}{
		{"net/http/httputil", filepath.Join(root, "src/net/http/httputil/reverseproxy.go"), true},
		{"vendor/golang.org/x/net/http/httpguts", filepath.Join(root, "src/vendor/golang.org/x/net/http/httpguts/guts.go"), true},
		{"a", "/work/passes/x/testdata/src/a/a.go", false},
		{"net/http/httputil", "/work/passes/x/testdata/src/net/http/httputil/fake.go", false},
		{"example.com/x", filepath.Join(root, "src/example.com/x/x.go"), false},
	} {
		if got := IsStandard(fakePass(t, c.path, c.file)); got != c.want {
			t.Errorf("IsStandard(%s in %s) = %v, want %v", c.path, c.file, got, c.want)
		}
	}
}

func fakePass(t *testing.T, path, file string) *analysis.Pass {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, "package "+filepath.Base(path)+"\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: types.NewPackage(path, f.Name.Name)}
}

// TestBuildAndRelease: the SSA form is built by the first Of, once, and
// dropped, with what registered for it, when the last of the run's users
// releases it; with no count set (go vet, gopls) it is kept.
func TestBuildAndRelease(t *testing.T) {
	builds := 0
	newSSA := func(n int) (*SSA, *analysis.Pass) {
		s := &SSA{build: func() (*ssa.Package, []*ssa.Function) {
			builds++
			return new(ssa.Package), []*ssa.Function{new(ssa.Function)}
		}}
		s.users.Store(int32(n))
		return s, &analysis.Pass{ResultOf: map[*analysis.Analyzer]any{Analyzer: s}}
	}
	s, pass := newSSA(2)
	if s.Pkg != nil || builds != 0 {
		t.Fatal("built before it was asked for")
	}
	if Of(pass) != s || Of(pass).Pkg == nil || builds != 1 {
		t.Fatalf("Of: built %d times, Pkg %v", builds, s.Pkg)
	}
	dropped := false
	s.OnRelease(func() { dropped = true })
	s.Release()
	if s.Pkg == nil || dropped {
		t.Fatal("released while a user remains")
	}
	s.Release()
	if s.Pkg != nil || s.SrcFuncs != nil || !dropped {
		t.Fatal("not released after the last user")
	}

	kept, pass := newSSA(0)
	Of(pass)
	kept.Release()
	if kept.Pkg == nil {
		t.Fatal("released without a count")
	}
	if Of(&analysis.Pass{ResultOf: map[*analysis.Analyzer]any{Analyzer: (*SSA)(nil)}}) != nil {
		t.Fatal("a package that cannot matter has no SSA")
	}
}

// TestDropSyntax: when the driver says a package's syntax may go, the
// passes that were done with its SSA let go of their files and type
// information once the last of them is done, not before; a package the
// driver keeps (a root) keeps them.
func TestDropSyntax(t *testing.T) {
	t.Cleanup(func() { SetUsers(0, nil) })
	newPasses := func(pkg *types.Package) (*SSA, []*analysis.Pass) {
		s := &SSA{build: func() (*ssa.Package, []*ssa.Function) { return new(ssa.Package), nil }}
		s.users.Store(2)
		var passes []*analysis.Pass
		for range 3 { // ssapkg's own pass, then two users
			passes = append(passes, &analysis.Pass{Pkg: pkg, Files: []*ast.File{{}}, TypesInfo: &types.Info{},
				ResultOf: map[*analysis.Analyzer]any{Analyzer: s}})
		}
		s.passes = passes[:1]
		return s, passes
	}
	dep, root := types.NewPackage("example.com/dep", "dep"), types.NewPackage("example.com/root", "root")
	SetUsers(2, func(p *types.Package) bool { return p != root })

	s, passes := newPasses(dep)
	Of(passes[1])
	Done(passes[1])
	for _, p := range passes {
		if p.Files == nil || p.TypesInfo == nil {
			t.Fatal("syntax dropped while a user remains")
		}
	}
	Done(passes[2])
	if s.Pkg != nil || s.build != nil {
		t.Fatal("SSA kept after the last user")
	}
	for i, p := range passes {
		if p.Files != nil || p.TypesInfo != nil {
			t.Errorf("pass %d keeps the syntax of a package the driver let go", i)
		}
	}
	if Of(passes[1]) != nil {
		t.Error("Of after the release must not rebuild from dropped syntax")
	}

	_, passes = newPasses(root)
	Done(passes[1])
	Done(passes[2])
	for i, p := range passes {
		if p.Files == nil || p.TypesInfo == nil {
			t.Errorf("pass %d lost the syntax of a package the driver keeps", i)
		}
	}
}

// TestBuildFailure: a panic of the SSA builder is the package's error
// (Err), Of returns nil for it, and the build is not tried again by the
// next analyzer.
func TestBuildFailure(t *testing.T) {
	builds := 0
	s := &SSA{build: func() (*ssa.Package, []*ssa.Function) {
		builds++
		panic("no concrete method")
	}}
	pass := &analysis.Pass{ResultOf: map[*analysis.Analyzer]any{Analyzer: s}}
	if Err(pass) != nil {
		t.Fatal("an error before any build")
	}
	for range 2 { // the second analyzer to ask
		if Of(pass) != nil {
			t.Fatal("Of returned the SSA of a package whose build panicked")
		}
	}
	if err := Err(pass); err == nil || err.Error() != "building SSA: no concrete method" {
		t.Errorf("Err = %v, want the builder's panic", err)
	}
	if builds != 1 {
		t.Errorf("built %d times, want once", builds)
	}
	if Err(&analysis.Pass{ResultOf: map[*analysis.Analyzer]any{Analyzer: (*SSA)(nil)}}) != nil {
		t.Error("a package that cannot matter has no error")
	}
}
