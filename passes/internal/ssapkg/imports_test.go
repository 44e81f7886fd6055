package ssapkg

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
)

const importsLib = `package lib

type Handler interface{ ServeHTTP(int) }

type Base struct{}

func (Base) Promoted()     {}
func (*Base) PtrPromoted() {}

type Client struct{ Base }

func (c *Client) Do()     {}
func (c *Client) Unused() {}

type Hidden struct{}

func (Hidden) ServeHTTP(int) {}

type Inner struct{ Hidden }

type Gen[T any] struct{ v T }

func (g Gen[T]) Get() T { return g.v }

type Other struct{}

func (Other) Never() {}

func New() *Client                { return nil }
func Helper()                     {}
func Map[T any](x T) T            { return x }
func Unreferenced()               {}
func Serve() Handler              { return Hidden{} }
func Make() Inner                 { return Inner{} }

var Default = &Client{}

const Limit = 3
`

const importsApp = `package app

import "example.com/lib"

type wrap struct{ lib.Inner }

func use() int {
	c := lib.New()
	c.Do()
	f := c.Promoted
	f()
	lib.Helper()
	_ = lib.Map(1)
	c2 := lib.Default
	c2.PtrPromoted()
	var g lib.Gen[int]
	var h lib.Handler = wrap{}
	_ = h
	var i any = lib.Make()
	_ = i
	return g.Get() + lib.Limit
}
`

// TestCreateImports: the imports are created with the members building
// the package reaches, which then have their package (the analyzers read
// Function.Pkg), and the package's SSA is the same as with every member
// of every import created; a member nothing reaches is not created.
func TestCreateImports(t *testing.T) {
	fset := token.NewFileSet()
	lib, _, _ := check(t, fset, "example.com/lib", importsLib, nil)
	imp := importerFunc(func(string) (*types.Package, error) { return lib, nil })
	app, files, info := check(t, fset, "example.com/app", importsApp, imp)

	build := func(create func(*ssa.Program)) (*ssa.Program, *ssa.Package) {
		prog := ssa.NewProgram(fset, ssa.BuilderMode(0))
		create(prog)
		pkg := prog.CreatePackage(app, files, info, false)
		pkg.Build()
		return prog, pkg
	}
	fullProg, full := build(func(prog *ssa.Program) {
		for _, p := range app.Imports() {
			prog.CreatePackage(p, nil, nil, true)
		}
	})
	prog, pkg := build(func(prog *ssa.Program) { createImports(prog, app, info) })

	// Same SSA, callee for callee, with the same package.
	if got, want := dump(pkg), dump(full); got != want {
		t.Errorf("SSA differs from a build with every import member created:\n--- got\n%s\n--- want\n%s", got, want)
	}

	libObj := func(name string) *types.Func {
		if i := bytes.IndexByte([]byte(name), '.'); i >= 0 {
			recv := lib.Scope().Lookup(name[:i]).Type()
			obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(recv), true, lib, name[i+1:])
			return obj.(*types.Func)
		}
		return lib.Scope().Lookup(name).(*types.Func)
	}
	libPkg := prog.Package(lib)
	for _, name := range []string{"New", "Helper", "Map", "Client.Do", "Client.Unused", "Base.Promoted", "Base.PtrPromoted", "Gen.Get", "Hidden.ServeHTTP"} {
		fn := prog.FuncValue(libObj(name))
		if fn == nil || fn.Pkg != libPkg {
			t.Errorf("%s: not created in lib's package (%v)", name, fn)
		}
		if full := fullProg.FuncValue(libObj(name)); full == nil {
			t.Errorf("%s: not in the full build either", name)
		}
	}
	for _, name := range []string{"Unreferenced", "Other.Never", "Serve"} {
		if fn := prog.FuncValue(libObj(name)); fn != nil {
			t.Errorf("%s: created though nothing reaches it", name)
		}
	}
	// A promoted method of an import's type that the analyzers look up in
	// a method set of the package's own type.
	wrapT := app.Scope().Lookup("wrap").Type()
	sel := prog.MethodSets.MethodSet(wrapT).Lookup(lib, "ServeHTTP")
	if sel == nil {
		sel = prog.MethodSets.MethodSet(wrapT).Lookup(nil, "ServeHTTP")
	}
	if w := prog.MethodValue(sel); w == nil || !slices.ContainsFunc(calls(w), func(c *ssa.Function) bool { return c.Pkg == libPkg }) {
		t.Errorf("wrap.ServeHTTP's wrapper does not call lib's Hidden.ServeHTTP in lib's package")
	}
}

func check(t *testing.T, fset *token.FileSet, path, src string, imp types.Importer) (*types.Package, []*ast.File, *types.Info) {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Implicits: map[ast.Node]types.Object{}, Instances: map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{}, FileVersions: map[*ast.File]string{},
	}
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, []*ast.File{f}, info
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// dump prints the package's functions, and for each call the callee's
// package.
func dump(pkg *ssa.Package) string {
	var b bytes.Buffer
	var fns []*ssa.Function
	for _, m := range pkg.Members {
		if fn, ok := m.(*ssa.Function); ok {
			fns = append(fns, fn)
			fns = append(fns, fn.AnonFuncs...)
		}
	}
	slices.SortFunc(fns, func(a, b *ssa.Function) int { return int(a.Pos() - b.Pos()) })
	for _, fn := range fns {
		_, _ = fn.WriteTo(&b)
		for _, c := range calls(fn) {
			pkgName := "<nil>"
			if c.Pkg != nil {
				pkgName = c.Pkg.Pkg.Path()
			}
			b.WriteString("calls " + c.String() + " in " + pkgName + "\n")
		}
	}
	return b.String()
}

func calls(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				if callee := c.Common().StaticCallee(); callee != nil {
					out = append(out, callee)
					if o := callee.Origin(); o != nil {
						out = append(out, o)
					}
				}
			}
		}
	}
	return out
}
