package audience

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// CategoryUnverifiedBearer is the category of the diagnostics of a
// handler that lets a request through with a bearer it never verified:
// users (and SARIF, as rule audience/unverified-bearer) tell them from a
// parse that lacks the audience option.
const CategoryUnverifiedBearer = "unverified-bearer"

// A letThrough is a handler letting a request through with a credential
// it read from the request and never verified on the way.
type letThrough struct {
	at   token.Pos // the call that lets the request through
	how  string    // what that call does
	read token.Pos // where the credential was read
	what string    // the read, as it is described
}

// bearerReads finds, in every function of the package, the reads of a
// credential header of a received request (its parameter), and judges
// each: a call that lets the request through (the next handler, a
// context store of the token) reached from the read on a path where the
// token reached no verification is reported. A helper of the package
// that returns the header's value (bearerFrom(r)) is a read where it is
// called.
func findUnverifiedBearers(pkg *ssapkg.SSA, isCredential func(string) bool) []letThrough {
	b := &bearers{isCredential: isCredential, helpers: map[*ssa.Function]string{}}
	var out []letThrough
	seen := map[token.Pos]bool{}
	for _, fn := range pkg.SrcFuncs {
		for _, r := range b.reads(fn) {
			if l, ok := b.judge(fn, r); ok && !seen[l.at] {
				seen[l.at] = true
				out = append(out, l)
			}
		}
	}
	slices.SortFunc(out, func(a, b letThrough) int { return cmp.Compare(a.at, b.at) })
	return out
}

type bearers struct {
	isCredential func(string) bool
	// helpers are the functions that return the value of a credential
	// header of the request they are given, unverified, with how the
	// read is described ("" for a function that is not one).
	helpers map[*ssa.Function]string
}

// A read is a call that yields a credential header of request root.
type read struct {
	call *ssa.Call
	root ssa.Value
	what string
}

// reads returns fn's reads of a credential header of a request that is
// its parameter (or a variable it closes over).
func (b *bearers) reads(fn *ssa.Function) []read {
	var out []read
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			common := call.Common()
			var recv ssa.Value
			var name, what string
			switch {
			case common.IsInvoke():
				recv, name = common.Value, common.Method.Name()
			case common.StaticCallee() != nil:
				callee := common.StaticCallee()
				name = callee.Name()
				if callee.Pkg == fn.Pkg && callee.Blocks != nil && b.helper(callee) != "" {
					h := b.helpers[callee]
					for _, a := range common.Args {
						if received(httpflow.RequestRoot(a)) {
							out = append(out, read{call, httpflow.RequestRoot(a), h})
						}
					}
					continue
				}
				if callee.Signature.Recv() != nil && len(common.Args) > 0 {
					recv = common.Args[0]
				}
			}
			switch name {
			case "Get", "GetHeader", "Values", "Peek":
			default:
				continue
			}
			if recv == nil {
				continue
			}
			root := httpflow.RequestRoot(recv)
			if !received(root) {
				continue
			}
			for _, a := range common.Args {
				if s, ok := dataflow.ConstString(a); ok && b.isCredential(s) {
					what = fmt.Sprintf("%s(%q)", name, s)
				}
			}
			if what != "" {
				out = append(out, read{call, root, what})
			}
		}
	}
	return out
}

// received reports whether a request root is a parameter of its function
// (or a variable a closure captures): a request the handler was given.
func received(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		t := v.Type()
		return httpflow.IsRequestish(t) || httpflow.IsNamed(t, "net/http", "Header")
	}
	return false
}

// helper decides whether fn returns a credential header of a request it
// is given without verifying it (func bearerFrom(r *http.Request) string).
func (b *bearers) helper(fn *ssa.Function) string {
	if h, ok := b.helpers[fn]; ok {
		return h
	}
	b.helpers[fn] = "" // recursion
	sig := fn.Signature
	if sig.Results().Len() == 0 || !isStringish(sig.Results().At(0).Type()) {
		return ""
	}
	for _, r := range b.reads(fn) {
		uses := tokenUses([]ssa.Value{r.call}, nil)
		if len(uses) > 0 {
			continue // it checks or stores the token itself
		}
		if returnsDerived(fn, r.call) {
			h := fmt.Sprintf("%s (which returns %s)", fn.Name(), r.what)
			b.helpers[fn] = h
			return h
		}
	}
	return ""
}

// returnsDerived reports whether a return of fn returns v or a string
// made from it.
func returnsDerived(fn *ssa.Function, v ssa.Value) bool {
	for _, blk := range fn.Blocks {
		ret, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, res := range ret.Results {
			if derivesFrom(res, v) {
				return true
			}
		}
	}
	return false
}

// derivesFrom reports whether v is computed from src through the
// operations that keep a string's text.
func derivesFrom(v, src ssa.Value) bool {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value, depth int) bool
	walk = func(v ssa.Value, depth int) bool {
		if v == src {
			return true
		}
		if v == nil || depth > 16 || seen[v] {
			return false
		}
		seen[v] = true
		instr, ok := v.(ssa.Instruction)
		if !ok {
			return false
		}
		for _, op := range instr.Operands(nil) {
			if walk(*op, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(v, 0)
}

func isStringish(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && (b.Info()&types.IsString != 0 || b.Kind() == types.Byte)
	}
	return false
}

// judge looks, from read r in fn, for a call letting the request through
// on a path where the token reached nothing that verifies it.
func (b *bearers) judge(fn *ssa.Function, r read) (letThrough, bool) {
	uses := tokenUses([]ssa.Value{r.call}, nil)
	passes := map[ssa.Instruction]string{}
	for instr, u := range uses {
		if u == stores {
			passes[instr] = "stores the token in the request context"
		}
	}
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && uses[instr] != verifies && handsOn(call.Common(), r.root) {
				passes[instr] = "calls the next handler"
			}
		}
	}
	if len(passes) == 0 {
		return letThrough{}, false
	}
	blocked := func(instr ssa.Instruction) bool { return uses[instr] == verifies }
	var found []ssa.Instruction
	for _, at := range reachable(r.call, blocked) {
		if _, ok := passes[at]; ok {
			found = append(found, at)
		}
	}
	if len(found) == 0 {
		return letThrough{}, false
	}
	first := slices.MinFunc(found, func(a, b ssa.Instruction) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return letThrough{at: first.Pos(), how: passes[first], read: r.call.Pos(), what: r.what}, true
}

// handsOn reports whether a call hands request root on to the next
// handler: next.ServeHTTP(w, r), a handler function value called with it
// (next(w, r), echo's next(c)), or gin's c.Next().
func handsOn(common *ssa.CallCommon, root ssa.Value) bool {
	if httpflow.IsMethodOn(common, root, "Next") {
		return true
	}
	name := ""
	switch {
	case common.IsInvoke():
		name = common.Method.Name()
	case common.StaticCallee() != nil:
		name = common.StaticCallee().Name()
	}
	if name != "" && name != "ServeHTTP" {
		return false
	}
	for _, a := range common.Args {
		if httpflow.RequestRoot(a) == root {
			return true
		}
	}
	return false
}

// reachable returns the instructions of from's function that a path from
// from reaches without passing an instruction blocked says stops it.
func reachable(from ssa.Instruction, blocked func(ssa.Instruction) bool) []ssa.Instruction {
	var out []ssa.Instruction
	visited := map[*ssa.BasicBlock]bool{}
	var scan func(b *ssa.BasicBlock, start int)
	scan = func(b *ssa.BasicBlock, start int) {
		for _, instr := range b.Instrs[start:] {
			if blocked(instr) {
				return
			}
			out = append(out, instr)
		}
		for _, s := range b.Succs {
			if !visited[s] {
				visited[s] = true
				scan(s, 0)
			}
		}
	}
	blk := from.Block()
	for i, instr := range blk.Instrs {
		if instr == from {
			scan(blk, i+1)
			break
		}
	}
	return out
}
