package headerforward

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

// These checks look at the structure of one function: whether it removes
// the credential headers from an outbound request, and whether a copy
// loop skips them. Removal is judged per header name: Authorization and
// each configured credential header must each be removed (deleted,
// replaced, skipped); removing one never counts for another. They are
// flow-insensitive within the function (a Del of the same header map
// anywhere in it counts: the map is one object), which errs toward
// silence.

// checker holds the header names a wholesale copy must remove.
type checker struct {
	mustRemove []string // lower case
}

// removal is what a function does to a header set: the header names it
// removes (lower case), or all of them (the set is replaced).
type removal struct {
	names map[string]bool
	all   bool
}

func (r *removal) add(name string) {
	if r.names == nil {
		r.names = map[string]bool{}
	}
	r.names[strings.ToLower(name)] = true
}

// covers reports whether the removals together take out every header
// that must go.
func (ch *checker) covers(rs ...removal) bool {
	for _, name := range ch.mustRemove {
		removed := false
		for _, r := range rs {
			if r.all || r.names[name] {
				removed = true
				break
			}
		}
		if !removed {
			return false
		}
	}
	return true
}

// removed reports whether the function removes every credential header
// from the request or header v.
func (ch *checker) removed(v ssa.Value) bool {
	return ch.covers(removedOn(v, nil))
}

// removedOn returns what is done to the header of the request or header
// v in its function: Del and Set calls and replacements. except is the
// value being judged when it is itself stored as the header (out.Header
// = in.Header is not a replacement of itself).
func removedOn(v ssa.Value, except ssa.Value) removal {
	var r removal
	if v == nil {
		return r
	}
	for _, h := range headerValues(v) {
		removesOn(h, except, &r)
	}
	return r
}

// headerValues returns the values that denote the header of v: v itself
// when it is a header, and every load of Header from the request v (or
// from the request a header v was loaded from).
func headerValues(v ssa.Value) []ssa.Value {
	var reqs []ssa.Value
	out := []ssa.Value{v}
	if httpflow.IsNamed(v.Type(), "net/http", "Request") {
		reqs = append(reqs, v)
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			reqs = append(reqs, fa.X)
		}
	}
	// A request held in a field is loaded anew at each use (req.Header =
	// h; req.Header.Del(k) through retryablehttp's embedded request).
	for _, r := range reqs {
		reqs = append(reqs, httpflow.SameFieldLoads(r)...)
	}
	for _, r := range reqs {
		for _, ref := range referrers(r) {
			fa, ok := ref.(*ssa.FieldAddr)
			if !ok || !isHeaderField(fa) {
				continue
			}
			out = append(out, fa)
			for _, ref2 := range referrers(fa) {
				if load, ok := ref2.(*ssa.UnOp); ok && load.Op == token.MUL {
					out = append(out, load)
				}
			}
		}
	}
	return out
}

func isHeaderField(fa *ssa.FieldAddr) bool {
	f, st := httpflow.FieldOf(fa)
	return f != nil && f.Name() == "Header" && httpflow.IsNamed(st, "net/http", "Request")
}

// removesOn adds to r what is done to h (a header, or the address of a
// request's Header field): Del/Set of a named header, or a replacement
// of the whole set by one that is not then filled with every inbound
// header.
func removesOn(h ssa.Value, except ssa.Value, r *removal) {
	for _, ref := range referrers(h) {
		switch ref := ref.(type) {
		case *ssa.Call:
			if name, ok := removedHeader(ref.Common()); ok {
				r.add(name)
			}
		case *ssa.Store:
			// out.Header = make(http.Header) or an allowlisted copy.
			if ref.Addr == h && ref.Val != except && !filledByName(ref.Val) {
				r.all = true
			}
		}
	}
}

// filledByName reports whether a header map the function made is written
// under names that are not constants (a copy of every inbound header):
// assigning it replaces nothing.
func filledByName(v ssa.Value) bool {
	if _, ok := v.(*ssa.MakeMap); !ok {
		return false
	}
	for _, ref := range referrers(v) {
		switch ref := ref.(type) {
		case *ssa.MapUpdate:
			if len(dataflow.ConstStrings(ref.Key)) == 0 {
				return true
			}
		case *ssa.Call:
			c := ref.Common()
			if isHeaderMethod(c, "Set", "Add") && len(c.Args) > 1 && len(dataflow.ConstStrings(c.Args[1])) == 0 {
				return true
			}
			if callee := c.StaticCallee(); callee != nil && callee.Origin() != nil && callee.Origin().String() == "maps.Copy" {
				return true
			}
		}
	}
	return false
}

// removedHeader returns the header a call of Header.Del or Header.Set
// removes (Set replaces the client's value with the server's, unless the
// value is the client's credential re-formatted).
func removedHeader(c *ssa.CallCommon) (string, bool) {
	if !isHeaderMethod(c, "Del", "Set") || len(c.Args) < 2 {
		return "", false
	}
	if len(c.Args) == 3 && httpflow.ReadsCredential(c.Args[2], anyCredential) {
		return "", false // re-formatting the client's token replaces nothing
	}
	return dataflow.ConstString(c.Args[1])
}

// anyCredential tells the names whose values are credentials when judging
// whether a value re-formats one: the default list and Authorization.
var anyCredential = httpflow.NewCredentialHeaders(nil, true).Is

func isHeaderMethod(c *ssa.CallCommon, names ...string) bool {
	callee := c.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil {
		return false
	}
	if !httpflow.IsNamed(callee.Signature.Recv().Type(), "net/http", "Header") {
		return false
	}
	for _, n := range names {
		if callee.Name() == n {
			return true
		}
	}
	return false
}

func referrers(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// skipped returns the header names a copy loop does not copy: the key
// comes from a loop over a header set and is compared with a constant
// name, or looked up in a list of names that decides what is copied (an
// allowlist without the credential headers, or a denylist with them). A
// list whose names or whose use cannot be read is taken to decide
// everything, which errs toward silence.
func (ch *checker) skipped(write *dataflow.Call, key ssa.Value) removal {
	var r removal
	root := keyRoot(key, 0)
	if root == nil {
		return r
	}
	names := derivedNames(root)
	for v := range names {
		for _, ref := range referrers(v) {
			switch ref := ref.(type) {
			case *ssa.BinOp:
				if ref.Op != token.EQL && ref.Op != token.NEQ {
					continue
				}
				other := ref.X
				if names[other] {
					other = ref.Y
				}
				if s, ok := dataflow.ConstString(other); ok {
					r.add(s)
				}
			case *ssa.Lookup:
				if names[ref.Index] {
					ch.listDecides(write, ref, ref.X, &r)
				}
			case *ssa.Call:
				callee := ref.Common().StaticCallee()
				if callee == nil {
					continue
				}
				if callee.String() == "strings.EqualFold" {
					for _, a := range ref.Common().Args {
						if s, ok := dataflow.ConstString(a); ok {
							r.add(s)
						}
					}
				}
				if o := callee.Origin(); o != nil && (o.String() == "slices.Contains" || o.String() == "slices.Index") {
					ch.listDecides(write, ref, ref.Common().Args[0], &r)
				} else if list := listArgument(ref, names); list != nil {
					// A project's own contains(list, k): a test of the
					// name against a list of names.
					ch.listDecides(write, ref, list, &r)
				}
			}
		}
	}
	return r
}

// listArgument returns the list of names a call that returns a bool
// tests the loop's key against (a project's contains(list, k) helper),
// or nil when the call is not such a test.
func listArgument(call *ssa.Call, names map[ssa.Value]bool) ssa.Value {
	sig := call.Common().Signature()
	if sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool]) {
		return nil
	}
	var list ssa.Value
	hasKey := false
	for _, a := range call.Common().Args {
		if names[a] {
			hasKey = true
			continue
		}
		switch a.Type().Underlying().(type) {
		case *types.Slice, *types.Map:
			list = a
		}
	}
	if !hasKey {
		return nil
	}
	return list
}

// listDecides adds to r what a membership test of the loop's key in list
// removes. test is the lookup or the call whose result decides.
func (ch *checker) listDecides(write *dataflow.Call, test ssa.Value, list ssa.Value, r *removal) {
	members, known := listMembers(list)
	copiesWhen, decided := branchOf(write, test)
	if !known || !decided {
		r.all = true
		return
	}
	for _, name := range ch.mustRemove {
		if members[name] != copiesWhen { // a denylist that lists it, an allowlist that does not
			r.add(name)
		}
	}
}

// listMembers returns the constant names, lower case, of a map or slice
// of names made in place or held in a package variable.
func listMembers(list ssa.Value) (map[string]bool, bool) {
	var made []ssa.Value
	if load, ok := list.(*ssa.UnOp); ok && load.Op == token.MUL {
		if g, ok := load.X.(*ssa.Global); ok {
			made = initializers(g)
		}
	} else {
		made = append(made, list)
	}
	if len(made) == 0 {
		return nil, false
	}
	members := map[string]bool{}
	for _, m := range made {
		var names []ssa.Value
		switch m := m.(type) {
		case *ssa.MakeMap:
			for _, ref := range referrers(m) {
				if mu, ok := ref.(*ssa.MapUpdate); ok {
					names = append(names, mu.Key)
				}
			}
		case *ssa.Slice:
			names = dataflow.Elements(m)
		}
		if len(names) == 0 {
			return nil, false
		}
		for _, n := range names {
			s, ok := dataflow.ConstString(n)
			if !ok {
				return nil, false
			}
			members[strings.ToLower(s)] = true
		}
	}
	return members, true
}

// initializers returns the values the package initializer stores into a
// package variable (globals have no referrers in SSA).
func initializers(g *ssa.Global) []ssa.Value {
	init := g.Pkg.Func("init")
	if init == nil {
		return nil
	}
	var out []ssa.Value
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				out = append(out, st.Val)
			}
		}
	}
	return out
}

// branchOf tells whether the write happens when test (a membership test)
// is true or when it is false, from the if that decides it: the write's
// block is dominated by one of its successors only. decided is false
// when that cannot be told.
func branchOf(write *dataflow.Call, test ssa.Value) (copiesWhen, decided bool) {
	wb := blockOf(write)
	if wb == nil {
		return false, false
	}
	cond := test
	for _, ref := range referrers(test) {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 1 {
			cond = ex // _, ok := m[k]
		}
	}
	negated := false
	for range 4 {
		var next ssa.Value
		for _, ref := range referrers(cond) {
			switch ref := ref.(type) {
			case *ssa.UnOp:
				if ref.Op == token.NOT {
					next = ref
				}
			case *ssa.If:
				// A successor that also dominates the if is the loop's
				// head (a continue): the write is not behind it.
				ib := ref.Block()
				t, f := ib.Succs[0], ib.Succs[1]
				onTrue := t.Dominates(wb) && !t.Dominates(ib)
				onFalse := f.Dominates(wb) && !f.Dominates(ib)
				switch {
				case onTrue && !onFalse:
					return !negated, true
				case onFalse && !onTrue:
					return negated, true
				}
			}
		}
		if next == nil {
			break
		}
		cond, negated = next, !negated
	}
	return false, false
}

// blockOf finds the block of a header write: the call, or the map
// update of the same map and key.
func blockOf(w *dataflow.Call) *ssa.BasicBlock {
	if w.Fn == nil {
		return nil
	}
	for _, b := range w.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				if w.Common != nil && instr.Common() == w.Common {
					return b
				}
			case *ssa.MapUpdate:
				if w.Op == dataflow.OpMapUpdate && len(w.Args) > 1 && instr.Map == w.Args[0] && instr.Key == w.Args[1] {
					return b
				}
			}
		}
	}
	return nil
}

// keyRoot walks back from a header name to the Extract of the range loop
// that produced it.
func keyRoot(v ssa.Value, depth int) ssa.Value {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case *ssa.Extract:
		if _, ok := x.Tuple.(*ssa.Next); ok {
			return x
		}
	case *ssa.ChangeType:
		return keyRoot(x.X, depth+1)
	case *ssa.MakeInterface:
		return keyRoot(x.X, depth+1)
	case *ssa.Call:
		if isCanonicalizer(x.Common()) && len(x.Common().Args) == 1 {
			return keyRoot(x.Common().Args[0], depth+1)
		}
	case *ssa.Phi:
		for _, e := range x.Edges {
			if r := keyRoot(e, depth+1); r != nil {
				return r
			}
		}
	}
	return nil
}

// derivedNames is the name and what canonicalizing it produces.
func derivedNames(root ssa.Value) map[ssa.Value]bool {
	names := map[ssa.Value]bool{root: true}
	work := []ssa.Value{root}
	for len(work) > 0 {
		v := work[0]
		work = work[1:]
		for _, ref := range referrers(v) {
			var next ssa.Value
			switch ref := ref.(type) {
			case *ssa.Call:
				if isCanonicalizer(ref.Common()) {
					next = ref
				}
			case *ssa.ChangeType:
				next = ref
			case *ssa.Phi:
				next = ref
			}
			if next != nil && !names[next] && len(names) < 64 {
				names[next] = true
				work = append(work, next)
			}
		}
	}
	return names
}

func isCanonicalizer(c *ssa.CallCommon) bool {
	callee := c.StaticCallee()
	if callee == nil {
		return false
	}
	switch callee.String() {
	case "net/http.CanonicalHeaderKey", "net/textproto.CanonicalMIMEHeaderKey", "strings.ToLower", "strings.ToUpper", "strings.TrimSpace":
		return true
	}
	return false
}
