package ssapkg

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// createImports creates, in prog, the SSA packages of pkg's direct imports
// with only the members that building pkg and the analyzers can reach.
//
// Building a package needs its direct imports created: SSA resolves a
// package-level function, variable or constant of another package only in
// a created package. CreatePackage without syntax creates every member of
// an import and every method of each of its named types, for each
// importer: on a module importing large API packages (Kubernetes types,
// generated clients) that was a ninth of a run's CPU time and a fifth of
// its allocations, for members nothing used.
//
// Given declarations without bodies (syntax naming the objects, with an
// Info that defines them), CreatePackage creates those members only. They
// are the same as without syntax: SSA never builds an import's functions
// (the analyzers read other packages' facts, never their bodies), and a
// declaration without a body builds, if ever, as one without syntax does.
// Which members are reachable:
//   - the package-level objects of the import that pkg's source names;
//   - the methods of the import's named types that pkg's values can have,
//     directly or through embedded fields (a method value, a promoted
//     method's wrapper, a method set the analyzers look up). The type of
//     every expression and object of pkg is such a value's type.
//
// A method left out would still be created on demand, but without its
// package (Function.Pkg nil), which the analyzers read, hence the second
// set.
func createImports(prog *ssa.Program, pkg *types.Package, info *types.Info) {
	members := reachableMembers(pkg, info)
	for _, imp := range pkg.Imports() {
		// An import none of whose members is reachable is created all the
		// same (pkg's initializer calls its initializer), from a file
		// without declarations: without a file, CreatePackage would
		// create every member.
		file, defs := declarations(members[imp])
		prog.CreatePackage(imp, []*ast.File{file}, &types.Info{Defs: defs}, true)
	}
}

// reachableMembers returns, per package, the package-level objects and
// methods of other packages that pkg's source can reach (createImports).
func reachableMembers(pkg *types.Package, info *types.Info) map[*types.Package][]types.Object {
	m := &memberSet{own: pkg, seen: map[types.Object]bool{}, types: map[types.Type]bool{}, out: map[*types.Package][]types.Object{}}
	for _, tv := range info.Types {
		m.addType(tv.Type)
	}
	for _, obj := range info.Defs {
		if obj != nil {
			m.addType(obj.Type())
		}
	}
	for _, obj := range info.Uses {
		m.addObject(obj)
		m.addType(obj.Type())
	}
	for _, objs := range m.out {
		// Map order must not decide the order of members.
		sort.Slice(objs, func(i, j int) bool {
			return objs[i].Pos() < objs[j].Pos() || objs[i].Pos() == objs[j].Pos() && objs[i].Name() < objs[j].Name()
		})
	}
	return m.out
}

type memberSet struct {
	own   *types.Package
	seen  map[types.Object]bool
	types map[types.Type]bool
	out   map[*types.Package][]types.Object
}

func (m *memberSet) add(obj types.Object) {
	if m.seen[obj] {
		return
	}
	m.seen[obj] = true
	m.out[obj.Pkg()] = append(m.out[obj.Pkg()], obj)
}

// addObject adds a named object of another package that SSA makes a
// member: a package-level function, variable or constant, or a concrete
// method (a generic one's origin: its instances are made from it).
func (m *memberSet) addObject(obj types.Object) {
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == m.own {
		return
	}
	switch obj := obj.(type) {
	case *types.Func:
		obj = obj.Origin()
		if recv := obj.Signature().Recv(); recv != nil {
			if types.IsInterface(recv.Type()) {
				return // abstract: no function
			}
		} else if obj.Parent() != obj.Pkg().Scope() {
			return
		}
		m.add(obj)
	case *types.Var:
		if !obj.IsField() && obj.Parent() == obj.Pkg().Scope() {
			m.add(obj)
		}
	case *types.Const, *types.TypeName:
		if obj.Parent() == obj.Pkg().Scope() {
			m.add(obj)
		}
	}
}

// addType adds the methods of the named types a value of type t has, with
// those promoted from its embedded fields.
func (m *memberSet) addType(t types.Type) {
	if t == nil || m.types[t] {
		return
	}
	m.types[t] = true
	switch t := t.(type) {
	case *types.Alias:
		m.addType(types.Unalias(t))
	case *types.Pointer:
		m.addType(t.Elem())
	case *types.Named:
		if orig := t.Origin(); orig.Obj().Pkg() != m.own {
			for i := range orig.NumMethods() {
				m.addObject(orig.Method(i))
			}
		}
		m.addType(t.Underlying())
	case *types.Struct:
		for i := range t.NumFields() {
			if f := t.Field(i); f.Embedded() {
				m.addType(f.Type())
			}
		}
	}
}

// declarations returns a file declaring objs without bodies or values, and
// the definitions that tie its names to them: what CreatePackage reads
// to create exactly those members.
func declarations(objs []types.Object) (*ast.File, map[*ast.Ident]types.Object) {
	file := &ast.File{Name: ast.NewIdent("_")}
	defs := make(map[*ast.Ident]types.Object, len(objs))
	for _, obj := range objs {
		id := &ast.Ident{NamePos: obj.Pos(), Name: obj.Name()}
		defs[id] = obj
		var decl ast.Decl
		switch obj.(type) {
		case *types.Func:
			decl = &ast.FuncDecl{Name: id, Type: &ast.FuncType{Params: &ast.FieldList{}}}
		case *types.Var:
			decl = &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id}}}}
		case *types.Const:
			decl = &ast.GenDecl{Tok: token.CONST, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id}}}}
		case *types.TypeName:
			decl = &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{&ast.TypeSpec{Name: id}}}
		}
		file.Decls = append(file.Decls, decl)
	}
	return file, defs
}
