// Package pkgindex indexes what the rules of several analyzers look up
// across a package's functions: who calls each function, and what is
// stored into each field and package variable. Facts carry the rest
// across packages; these questions stay inside one.
package pkgindex

import (
	"slices"

	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// Calls are the static calls of each function of the package, made in
// the package.
type Calls map[*ssa.Function][]ssa.CallInstruction

// Stores are the values the package stores into each field (a
// *types.Var) and package variable (an *ssa.Global).
type Stores map[any][]ssa.Value

// New returns the package's calls of its own functions and its stores
// into fields and variables (empty for a package without SSA).
func New(pkg *ssapkg.SSA) (Calls, Stores) {
	cg, st := Calls{}, Stores{}
	if pkg == nil {
		return cg, st
	}
	for _, instr := range pkg.Instructions() {
		switch instr := instr.(type) {
		case ssa.CallInstruction:
			if callee := instr.Common().StaticCallee(); callee != nil && callee.Pkg == pkg.Pkg {
				cg[callee] = append(cg[callee], instr)
			}
		case *ssa.Store:
			if key := StoreKey(instr.Addr); key != nil {
				st[key] = append(st[key], instr.Val)
			}
		}
	}
	return cg, st
}

// StoreKey names the place an address denotes, when it is a field or a
// package variable: the key of Stores.
func StoreKey(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		if f, _ := httpflow.FieldOf(a); f != nil {
			return f
		}
	case *ssa.Global:
		return a
	}
	return nil
}

// Args returns, for each static call of p's function in its package, the
// argument given for p.
func (cg Calls) Args(p *ssa.Parameter) []ssa.Value {
	fn := p.Parent()
	i := slices.Index(fn.Params, p)
	var out []ssa.Value
	for _, call := range cg[fn] {
		args := call.Common().Args
		if i >= 0 && i < len(args) {
			out = append(out, args[i])
		}
	}
	return out
}
