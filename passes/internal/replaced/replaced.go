package replaced

import (
	"go/types"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/kit"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer computes the replacements of a package, with facts for the
// functions other packages call or register.
var Analyzer = &analysis.Analyzer{
	Name:       "passthroughreplaced",
	Doc:        "find credential headers of received requests that the program replaces with its own before they are read",
	Run:        kit.Safely(run),
	Requires:   []*analysis.Analyzer{ssapkg.Analyzer},
	FactTypes:  []analysis.Fact{new(funcFact)},
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// funcFact is what a function does to the requests it is given. Header
// names are lower case.
type funcFact struct {
	// Replaces lists, for parameter i, the headers of the request (or
	// header set, or framework context) it is given that the function
	// replaces on every path to a return.
	Replaces map[int][]string
	// Wraps lists the headers replaced on the request handed to the next
	// handler by the middleware this function is, or makes.
	Wraps []string
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	for _, i := range slices.Sorted(maps.Keys(f.Replaces)) {
		parts = append(parts, "replaces "+strings.Join(f.Replaces[i], ",")+" of param"+strconv.Itoa(i))
	}
	if len(f.Wraps) > 0 {
		parts = append(parts, "wraps "+strings.Join(f.Wraps, ","))
	}
	return strings.Join(parts, "; ")
}

// Result answers, for the package analyzed, whether a read of a header
// gets the client's value.
type Result struct {
	pass  *analysis.Pass
	pkg   *ssapkg.SSA
	facts map[*ssa.Function]*funcFact
	// uses are the instructions where a function or value is used as a
	// value (a handler being registered), by function.
	uses map[*ssa.Function][]ssa.Value
	// called are the functions the package calls statically.
	called map[*ssa.Function]bool
	// inSight caches middlewareInSight, by header name.
	inSight map[string]bool
}

func run(pass *analysis.Pass) (any, error) {
	pkg := ssapkg.Of(pass)
	defer ssapkg.Done(pass)
	r := &Result{pass: pass, pkg: pkg, facts: map[*ssa.Function]*funcFact{}}
	if pkg == nil {
		return r, nil
	}
	// The analyzers that ask r are users of the SSA too: when the last
	// of them releases it, r lets go of what points into it.
	pkg.OnRelease(func() { r.pass, r.pkg, r.facts, r.uses, r.called, r.inSight = nil, nil, nil, nil, nil, nil })
	// Helpers call helpers: recompute until nothing changes (bounded;
	// each round can only add).
	for round := 0; round < 4; round++ {
		changed := false
		for _, fn := range pkg.SrcFuncs {
			f := r.compute(fn)
			if old := r.facts[fn]; old == nil || !reflect.DeepEqual(old, f) {
				r.facts[fn] = f
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, fn := range pkg.SrcFuncs {
		f := r.facts[fn]
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || len(f.Replaces) == 0 && len(f.Wraps) == 0 {
			continue
		}
		if obj.Pkg() == pass.Pkg {
			pass.ExportObjectFact(obj, f)
		}
	}
	return r, nil
}

// fact returns what is known of fn: computed here, or a fact of its
// package.
func (r *Result) fact(fn *ssa.Function) *funcFact {
	if fn == nil {
		return nil
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if f, ok := r.facts[fn]; ok {
		return f
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == r.pass.Pkg {
		return nil
	}
	f := new(funcFact)
	if r.pass.ImportObjectFact(obj, f) {
		return f
	}
	return nil
}

// compute derives fn's fact from its body and what is known of its
// callees.
func (r *Result) compute(fn *ssa.Function) *funcFact {
	f := &funcFact{}
	if len(fn.Blocks) == 0 {
		return f
	}
	if !r.mayReplace(fn) {
		// Most functions write no header: only what their closures and
		// results make is left to find.
		r.addWraps(fn, f, nil)
		return f
	}
	for i, p := range fn.Params {
		if names := r.onEveryReturn(fn, p); len(names) > 0 {
			if f.Replaces == nil {
				f.Replaces = map[int][]string{}
			}
			f.Replaces[i] = names
		}
	}
	wraps := map[string]bool{}
	for _, p := range fn.Params {
		if httpflow.IsRequestish(p.Type()) {
			for _, n := range r.beforeNext(fn, p) {
				wraps[n] = true
			}
		}
	}
	r.addWraps(fn, f, wraps)
	return f
}

// mayReplace reports whether fn has an instruction that can replace a
// header: a header write or delete, a map update or delete, or a call of
// a function known to replace one.
func (r *Result) mayReplace(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.MapUpdate:
				return true
			case ssa.CallInstruction:
				common := instr.Common()
				if b, ok := common.Value.(*ssa.Builtin); ok && b.Name() == "delete" {
					return true
				}
				if callee := common.StaticCallee(); callee != nil {
					if _, ok := headerWrite(callee, common); ok {
						return true
					}
					if f := r.fact(callee); f != nil && len(f.Replaces) > 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

// addWraps completes f.Wraps with wraps (fn's own) and what a
// constructor of middleware makes: what the function values it returns
// replace, on every return (a constructor that returns next unchanged
// in some mode makes no replacing middleware).
func (r *Result) addWraps(fn *ssa.Function, f *funcFact, wraps map[string]bool) {
	if wraps == nil {
		wraps = map[string]bool{}
	}
	var sets []map[string]bool
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		set := map[string]bool{}
		for _, v := range ret.Results {
			for n := range r.valueWraps(v, 0) {
				set[n] = true
			}
		}
		sets = append(sets, set)
	}
	for _, n := range intersect(sets) {
		wraps[n] = true
	}
	f.Wraps = slices.Sorted(maps.Keys(wraps))
}

// onEveryReturn returns the headers of the request rooted at root that
// fn replaces on every path to a return.
func (r *Result) onEveryReturn(fn *ssa.Function, root ssa.Value) []string {
	var sets []map[string]bool
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			sets = append(sets, r.dominating(b, len(b.Instrs)-1, root))
		}
	}
	return intersect(sets)
}

// beforeNext returns the headers of the request rooted at p that fn
// replaces before every call that hands the request on to the next
// handler (next.ServeHTTP(w, r), next(c), c.Next()); a gin handler with
// no such call hands it on when it returns without aborting.
func (r *Result) beforeNext(fn *ssa.Function, p ssa.Value) []string {
	var sets []map[string]bool
	var aborts []ssa.Instruction
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			switch {
			case httpflow.IsNextCall(common, p):
				sets = append(sets, r.dominating(b, i, p))
			case httpflow.IsMethodOn(common, p, "Abort", "AbortWithStatus", "AbortWithStatusJSON", "AbortWithError"):
				aborts = append(aborts, instr)
			}
		}
	}
	if len(sets) == 0 && httpflow.IsNamed(p.Type(), "github.com/gin-gonic/gin", "Context") {
		for _, b := range fn.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || slices.ContainsFunc(aborts, func(a ssa.Instruction) bool { return dominatesInstr(a, ret) }) {
				continue
			}
			sets = append(sets, r.dominating(b, len(b.Instrs)-1, p))
		}
	}
	return intersect(sets)
}

// dominating returns the headers of the request rooted at root replaced
// by the instructions that run before instruction index of block b on
// every path.
func (r *Result) dominating(b *ssa.BasicBlock, index int, root ssa.Value) map[string]bool {
	out := map[string]bool{}
	for d := b; d != nil; d = d.Idom() {
		for i, instr := range d.Instrs {
			if d == b && i >= index {
				break
			}
			for _, n := range r.replacedBy(instr, root) {
				out[n] = true
			}
		}
	}
	return out
}

// replacedBy returns the headers of the request rooted at root that one
// instruction replaces.
func (r *Result) replacedBy(instr ssa.Instruction, root ssa.Value) []string {
	switch instr := instr.(type) {
	case *ssa.MapUpdate:
		// r.Header["Authorization"] = []string{key}
		if httpflow.RequestRoot(instr.Map) != root {
			return nil
		}
		name, ok := dataflow.ConstString(instr.Key)
		if !ok {
			return nil
		}
		for _, e := range dataflow.Elements(instr.Value) {
			if readsHeader(e, name) {
				return nil
			}
		}
		return []string{strings.ToLower(name)}
	case ssa.CallInstruction:
		common := instr.Common()
		if b, ok := common.Value.(*ssa.Builtin); ok {
			// delete(r.Header, "Authorization")
			if b.Name() == "delete" && len(common.Args) == 2 && httpflow.RequestRoot(common.Args[0]) == root {
				if name, ok := dataflow.ConstString(common.Args[1]); ok {
					return []string{strings.ToLower(name)}
				}
			}
			return nil
		}
		callee := common.StaticCallee()
		if callee == nil {
			return nil
		}
		if name, ok := headerWrite(callee, common); ok {
			if httpflow.RequestRoot(common.Args[0]) == root {
				return []string{name}
			}
			return nil
		}
		f := r.fact(callee)
		if f == nil {
			return nil
		}
		var out []string
		for i, names := range f.Replaces {
			if i < len(common.Args) && httpflow.RequestRoot(common.Args[i]) == root {
				out = append(out, names...)
			}
		}
		return out
	}
	return nil
}

// headerWrite recognizes Header.Set and Header.Del (net/http and
// net/textproto) of a constant name, with a value that does not come
// from a header of a request: the name replaced.
func headerWrite(callee *ssa.Function, common *ssa.CallCommon) (string, bool) {
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return "", false
	}
	switch dataflow.FuncName(obj) {
	case "Header.Set", "Header.Del", "MIMEHeader.Set", "MIMEHeader.Del":
	default:
		return "", false
	}
	if p := obj.Pkg().Path(); p != "net/http" && p != "net/textproto" || len(common.Args) < 2 {
		return "", false
	}
	name, ok := dataflow.ConstString(common.Args[1])
	if !ok {
		return "", false
	}
	if callee.Name() == "Set" && (len(common.Args) < 3 || readsHeader(common.Args[2], name)) {
		return "", false
	}
	return strings.ToLower(name), true
}

// defaults are the credential headers a replacement must not be
// computed from (plus the header replaced): the analysis does not depend
// on the configuration, so its facts serve every analyzer.
var defaults = httpflow.NewCredentialHeaders(nil, true)

// readsHeader reports whether v is computed from a read of the header
// name or of a credential header: the client's token re-formatted.
func readsHeader(v ssa.Value, name string) bool {
	return httpflow.ReadsCredential(v, func(s string) bool { return strings.EqualFold(s, name) || defaults.Is(s) })
}

func dominatesInstr(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, instr := range a.Block().Instrs {
		if instr == a {
			return true
		}
		if instr == b {
			return false
		}
	}
	return false
}

func intersect(sets []map[string]bool) []string {
	if len(sets) == 0 {
		return nil
	}
	var out []string
	for n := range sets[0] {
		all := true
		for _, s := range sets[1:] {
			all = all && s[n]
		}
		if all {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
