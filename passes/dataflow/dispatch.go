package dataflow

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A method is a concrete method a call through an interface may reach:
// one of this package (local, whose summary is computed here) or one of a
// dependency that has a summary (a fact).
type method struct {
	obj   *types.Func
	recv  types.Type
	local *ssa.Function
}

// implementations returns the methods a call through an interface may
// reach: those of the same name, declared in this package or (with a
// summary) in a dependency, whose receiver type implements the interface.
// No call graph is built: what the package and its dependencies declare
// is what it can call (an Upstream interface with two clients, a
// RoundTripper-like wrapper, a token fetcher).
func (s *pkgState) implementations(common *ssa.CallCommon) []method {
	if out, ok := s.targets[common]; ok {
		return out
	}
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if s.methods == nil {
		s.methods = s.indexMethods()
		s.targets = make(map[*ssa.CallCommon][]method)
	}
	var out []method
	for _, m := range s.methods[common.Method.Name()] {
		if implements(m.recv, iface) {
			out = append(out, m)
		}
	}
	s.targets[common] = out
	return out
}

func implements(recv types.Type, iface *types.Interface) bool {
	if types.Implements(recv, iface) {
		return true
	}
	if _, isPtr := recv.(*types.Pointer); !isPtr {
		return types.Implements(types.NewPointer(recv), iface)
	}
	return false
}

// indexMethods indexes by name the methods that calls through interfaces
// in this package may reach: those of this package and those of its
// dependencies that have summaries, for the method names it invokes. (The
// order does not matter: labels are sets and paths are chosen by content.)
func (s *pkgState) indexMethods() map[string][]method {
	invoked := map[string]bool{}
	for _, fn := range s.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() {
					invoked[call.Common().Method.Name()] = true
				}
			}
		}
	}
	index := map[string][]method{}
	add := func(obj *types.Func, local *ssa.Function) {
		if !invoked[obj.Name()] {
			return
		}
		sig, ok := obj.Type().(*types.Signature)
		if !ok || sig.Recv() == nil || sig.TypeParams() != nil || sig.RecvTypeParams() != nil {
			return
		}
		if _, isIface := sig.Recv().Type().Underlying().(*types.Interface); isIface {
			return // an interface's own method: not an implementation
		}
		index[obj.Name()] = append(index[obj.Name()], method{obj: obj, recv: sig.Recv().Type(), local: local})
	}
	for _, fn := range s.funcs {
		if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic == "" && fn.Parent() == nil {
			add(obj, fn)
		}
	}
	for pkg, funcs := range s.importedFuncs {
		for _, f := range funcs {
			if _, name, isMethod := strings.Cut(f.Func, "."); isMethod && invoked[name] {
				if obj := funcOf(pkg, f.Func); obj != nil {
					add(obj, nil)
				}
			}
		}
	}
	return index
}
