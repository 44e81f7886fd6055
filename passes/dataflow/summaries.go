package dataflow

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// funcName is a function's name in Places.Funcs: F for a function, T.M
// for a method of the named type T (pointer receiver or not), "" for a
// method of no named type.
func funcName(obj *types.Func) string {
	recv := obj.Signature().Recv()
	if recv == nil {
		return obj.Name()
	}
	if _, typeName := NamedType(recv.Type()); typeName != "" {
		return typeName + "." + obj.Name()
	}
	return ""
}

// summaryIn returns obj's summary among its package's, nil when it has none.
func summaryIn(funcs []FuncSummary, obj *types.Func) *Summary {
	name := funcName(obj)
	if name == "" {
		return nil
	}
	if i, found := slices.BinarySearchFunc(funcs, name, func(f FuncSummary, name string) int { return strings.Compare(f.Func, name) }); found {
		return &funcs[i].Summary
	}
	return nil
}

// funcOf returns the function or method name denotes in pkg (funcName),
// nil when there is none.
func funcOf(pkg *types.Package, name string) *types.Func {
	typeName, method, isMethod := strings.Cut(name, ".")
	if !isMethod {
		f, _ := pkg.Scope().Lookup(name).(*types.Func)
		return f
	}
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return nil
	}
	n, _ := types.Unalias(tn.Type()).(*types.Named)
	if n == nil {
		return nil
	}
	for m := range n.Methods() {
		if m.Name() == method {
			return m
		}
	}
	return nil
}

// ImportedSummary returns the summary the analyzer whose package fact
// newFact makes exported for obj, a function or method of another
// package; nil when there is none.
func ImportedSummary(pass *analysis.Pass, newFact func() PackageFact, obj *types.Func) *Summary {
	if obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
		return nil
	}
	fact := newFact()
	if !pass.ImportPackageFact(obj.Pkg(), fact) {
		return nil
	}
	return summaryIn(fact.places().Funcs, obj)
}
