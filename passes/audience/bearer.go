package audience

import (
	"cmp"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/analysis"
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
	how  string    // what that call does, a format for the token's description
	read token.Pos // where the credential was read
	what string    // the read, as it is described
}

// findUnverifiedBearers finds, in every function of the package, the
// reads of a credential header of a received request (its parameter), and
// judges each: a call that lets the request through (the next handler, a
// context store of the token) reached from the read on a path where the
// token reached no verification is reported. A helper of the package
// that returns the header's value (bearerFrom(r)) is a read where it is
// called.
func findUnverifiedBearers(pass *analysis.Pass, pkg *ssapkg.SSA, isCredential func(string) bool) []letThrough {
	b := &bearers{pass: pass, isCredential: isCredential, helpers: map[*ssa.Function]*bearerFact{}}
	for _, fn := range pkg.SrcFuncs {
		// Other packages can call only exported functions and methods.
		if obj, ok := fn.Object().(*types.Func); ok && obj.Exported() {
			if h := b.helper(fn); h != nil {
				pass.ExportObjectFact(obj, h)
			}
		}
	}
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
	pass         *analysis.Pass
	isCredential func(string) bool
	// helpers are the functions of the package that return the value of
	// a credential header of the request they are given, unverified (nil
	// for a function that is not one).
	helpers map[*ssa.Function]*bearerFact
}

// bearerFact marks a function that returns, as its result Result, the
// value of a credential header of a request it is given, unverified:
// where it is called is a read (func bearerFrom(r *http.Request) string).
type bearerFact struct {
	Result int
	What   string // the read, as messages describe it
}

func (*bearerFact) AFact() {}

func (f *bearerFact) String() string { return fmt.Sprintf("bearer result%d: %s", f.Result, f.What) }

// A read is a call that yields a credential header of request root, in
// value.
type read struct {
	call   *ssa.Call
	value  ssa.Value
	root   ssa.Value
	what   string
	origin string // the header read itself, through any helpers
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
				if h := b.fact(fn, callee); h != nil {
					v := resultValue(call, h.Result)
					for _, a := range common.Args {
						if root := httpflow.RequestRoot(a); v != nil && received(root) {
							out = append(out, read{call, v, root, fmt.Sprintf("%s (which returns %s)", callee.Name(), h.What), h.What})
							break
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
					what = fmt.Sprintf("%s(%q)", readName(common), s)
				}
			}
			if what != "" {
				out = append(out, read{call, call, root, what, what})
			}
		}
	}
	return out
}

// readName names a read as messages do: Header.Get, Context.GetHeader.
func readName(common *ssa.CallCommon) string {
	if common.IsInvoke() {
		return common.Method.Name()
	}
	if f, ok := common.StaticCallee().Object().(*types.Func); ok {
		return dataflow.FuncName(f)
	}
	return common.StaticCallee().Name()
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

// fact returns what is known of callee, called in fn: computed for a
// function of the package, a fact for one of another.
func (b *bearers) fact(fn, callee *ssa.Function) *bearerFact {
	if callee.Pkg == fn.Pkg {
		if callee.Blocks == nil {
			return nil
		}
		return b.helper(callee)
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return nil
	}
	f := new(bearerFact)
	if !b.pass.ImportObjectFact(obj, f) {
		return nil
	}
	return f
}

// helper decides whether fn returns a credential header of a request it
// is given without verifying it (func bearerFrom(r *http.Request) string,
// or a parser that returns the token and its type).
func (b *bearers) helper(fn *ssa.Function) *bearerFact {
	if h, ok := b.helpers[fn]; ok {
		return h
	}
	b.helpers[fn] = nil // recursion
	results := fn.Signature.Results()
	for _, r := range b.reads(fn) {
		if len(tokenUses([]ssa.Value{r.value}, nil)) > 0 {
			continue // it checks or stores the token itself
		}
		for i := range results.Len() {
			if isStringish(results.At(i).Type()) && returnsDerived(fn, i, r.value) {
				h := &bearerFact{Result: i, What: r.origin}
				b.helpers[fn] = h
				return h
			}
		}
	}
	return nil
}

// resultValue returns result i of a call: the call itself, or its
// extraction from the tuple (nil when it is not used).
func resultValue(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, ref := range referrersOf(call) {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// returnsDerived reports whether a return of fn returns, as result i, v
// or a string made from it.
func returnsDerived(fn *ssa.Function, i int, v ssa.Value) bool {
	for _, blk := range fn.Blocks {
		ret, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return)
		if ok && i < len(ret.Results) && derivesFrom(ret.Results[i], v) {
			return true
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
	uses := tokenUses([]ssa.Value{r.value}, nil)
	passes := map[ssa.Instruction]string{}
	for instr, u := range uses {
		if u == stores {
			passes[instr] = "this handler stores %s in the request context"
		}
	}
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && uses[instr] != verifies && handsOn(call.Common(), r.root) {
				passes[instr] = "this handler calls the next handler with %s"
			}
		}
	}
	if len(passes) == 0 || !gate(fn, uses) {
		return letThrough{}, false
	}
	absent := absentBranches(r)
	blocked := func(instr ssa.Instruction) bool {
		if uses[instr] == verifies {
			return true
		}
		for _, b := range absent {
			if b.Dominates(instr.Block()) {
				return true // no token on this path: nothing is let through with it
			}
		}
		return false
	}
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

// gate reports whether fn treats the credential as authentication: it
// stores the token for what runs next, or rejects some requests (an
// error status, an abort, an error returned from an echo handler). A
// middleware that only rewrites the header and goes on (a normalizer) is
// not a gate: the one that authenticates is further on.
func gate(fn *ssa.Function, uses map[ssa.Instruction]use) bool {
	for _, u := range uses {
		if u == stores {
			return true
		}
	}
	handlerResultsError := fn.Signature.Results().Len() == 1 && types.Identical(fn.Signature.Results().At(0).Type(), errorType)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				common := instr.Common()
				name := ""
				if common.IsInvoke() {
					name = common.Method.Name()
				} else if callee := common.StaticCallee(); callee != nil {
					name = callee.Name()
					if callee.Pkg != nil && callee.Pkg.Pkg.Path() == "net/http" && name == "Error" {
						return true
					}
				}
				if name == "WriteHeader" || strings.HasPrefix(name, "Abort") {
					return true
				}
			case *ssa.Return:
				if handlerResultsError && len(instr.Results) == 1 && !isEmpty(instr.Results[0]) {
					if _, isCall := instr.Results[0].(*ssa.Call); !isCall {
						return true // return echo.ErrUnauthorized
					}
				}
			}
		}
	}
	return false
}

// absentBranches returns the blocks that start a branch taken when the
// read found no token: if tok == "" (or len(tok) == 0), and, for a helper
// that also returns an error, if err != nil.
func absentBranches(r read) []*ssa.BasicBlock {
	var conds []ssa.Value
	conds = append(conds, r.value)
	for _, ref := range referrersOf(r.value) {
		if call, ok := ref.(*ssa.Call); ok {
			if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
				conds = append(conds, call)
			}
		}
	}
	if results := r.call.Call.Signature().Results(); results.Len() > 1 && types.Identical(results.At(results.Len()-1).Type(), errorType) {
		if errv := resultValue(r.call, results.Len()-1); errv != nil {
			conds = append(conds, errv)
		}
	}
	var out []*ssa.BasicBlock
	for _, v := range conds {
		for _, ref := range referrersOf(v) {
			cmp, ok := ref.(*ssa.BinOp)
			if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) || !isEmpty(cmp.X) && !isEmpty(cmp.Y) {
				continue
			}
			isErr := types.Identical(v.Type(), errorType)
			for _, iref := range referrersOf(cmp) {
				iff, ok := iref.(*ssa.If)
				if !ok {
					continue
				}
				// x == "" (no token) or err != nil (none found).
				absentWhenTrue := (cmp.Op == token.EQL) != isErr
				succ := iff.Block().Succs[1]
				if absentWhenTrue {
					succ = iff.Block().Succs[0]
				}
				if len(succ.Preds) == 1 {
					out = append(out, succ)
				}
			}
		}
	}
	return out
}

var errorType = types.Universe.Lookup("error").Type()

// isEmpty reports whether v is "", 0 or nil.
func isEmpty(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true
	}
	switch c.Value.Kind() {
	case constant.String:
		return constant.StringVal(c.Value) == ""
	case constant.Int:
		return constant.Sign(c.Value) == 0
	}
	return false
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
	if name == "" && !httpflow.IsHandlerSignature(common.Signature()) {
		return false // a function value that is no handler (a token injector)
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
