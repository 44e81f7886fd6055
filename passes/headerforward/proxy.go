package headerforward

import (
	"go/token"
	"go/types"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// A proxyFinding is a reverse proxy that forwards the client's
// Authorization header: built by NewSingleHostReverseProxy, or a literal
// whose Director or Rewrite never removes it.
type proxyFinding struct {
	pos  token.Pos
	what string
	// fix, when set, is the function literal to insert the removal into,
	// and whether it is a Rewrite (which gets a ProxyRequest).
	fix     *ssa.Function
	rewrite bool
}

// findProxies looks at every function of the package for reverse proxies.
func (r *rules) findProxies(pkg *ssapkg.SSA) []proxyFinding {
	var out []proxyFinding
	for _, instr := range pkg.Instructions() {
		switch v := instr.(type) {
		case *ssa.Call:
			if f, ok := r.modelledProxy(v); ok {
				out = append(out, f)
				continue
			}
			callee := v.Common().StaticCallee()
			if callee != nil && callee.String() == "net/http/httputil.NewSingleHostReverseProxy" {
				if !r.directorRemoves(v) && !r.behindReplacement(v) {
					out = append(out, proxyFinding{pos: v.Pos(), what: "httputil.NewSingleHostReverseProxy, whose Director keeps the client's Authorization header"})
				}
			}
		case *ssa.Alloc:
			if httpflow.IsNamed(v.Type(), "net/http/httputil", "ReverseProxy") {
				if f, ok := r.literalProxy(v); ok && !r.behindReplacement(v) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// behindReplacement reports whether every registration of a reverse
// proxy passes through a middleware that replaces each credential header
// with the server's own value.
func (r *rules) behindReplacement(proxy ssa.Value) bool {
	if r.replaced == nil {
		return false
	}
	for _, name := range r.mustRemove {
		if !r.replaced.ValueCovered(proxy, name) {
			return false
		}
	}
	return true
}

// modelledProxy reports a call of a library function that forwards the
// received request with its headers (echo's middleware.Proxy, fiber's
// proxy.Do), unless the calling function removes the credential headers
// first (by any Del or Set of their names, on whatever header type the
// framework has).
func (r *rules) modelledProxy(call *ssa.Call) (proxyFinding, bool) {
	callee := call.Common().StaticCallee()
	if callee == nil || len(r.proxies) == 0 {
		return proxyFinding{}, false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return proxyFinding{}, false
	}
	full := httpflow.FullName(obj)
	if !r.proxies[full] {
		return proxyFinding{}, false
	}
	if removedByName(call.Parent(), r) || r.covers(chainRemoval(call), transportRemoval(call)) {
		return proxyFinding{}, false
	}
	return proxyFinding{pos: call.Pos(), what: httpflow.ShortFunc(full) + ", which forwards the received request with all its headers"}, true
}

// chainRemoval is what the middleware registered in the same call as a
// proxy middleware remove (e.Group("/x", stripAuth, middleware.Proxy(b))).
func chainRemoval(call *ssa.Call) removal {
	var r removal
	for _, ref := range referrers(call) {
		st, ok := ref.(*ssa.Store)
		if !ok {
			continue
		}
		ia, ok := st.Addr.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, e := range dataflow.Elements(ia.X) {
			if e != nil && e != ssa.Value(call) {
				removesInFunc(funcOf(e), 0, &r)
			}
		}
	}
	return r
}

// transportRemoval is what the RoundTrip methods of the transports stored
// in a proxy's configuration struct remove (echo's ProxyConfig.Transport).
func transportRemoval(call *ssa.Call) removal {
	var r removal
	for _, arg := range call.Common().Args {
		load, ok := arg.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		for _, ref := range referrers(load.X) {
			fa, ok := ref.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			for _, ref2 := range referrers(fa) {
				st, ok := ref2.(*ssa.Store)
				if !ok || st.Addr != fa {
					continue
				}
				mi, ok := st.Val.(*ssa.MakeInterface)
				if !ok {
					continue
				}
				prog := call.Parent().Prog
				if sel := prog.MethodSets.MethodSet(mi.X.Type()).Lookup(nil, "RoundTrip"); sel != nil {
					removesInFunc(prog.MethodValue(sel), 0, &r)
				}
			}
		}
	}
	return r
}

// directorRemoves reports whether the function that built a proxy with
// NewSingleHostReverseProxy gives it a Director or Rewrite that removes
// Authorization (often a wrapper that calls the original Director).
func (ch *checker) directorRemoves(proxy ssa.Value) bool {
	var rs []removal
	for _, fv := range storedHooks(proxy) {
		var r removal
		removesInFunc(fv.fn, 0, &r)
		rs = append(rs, r)
	}
	return ch.covers(rs...)
}

type hook struct {
	fn      *ssa.Function
	rewrite bool
}

// storedHooks returns the functions stored into the proxy's Director and
// Rewrite fields.
func storedHooks(proxy ssa.Value) []hook {
	var out []hook
	for _, ref := range referrers(proxy) {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		name := fieldName(fa)
		if name != "Director" && name != "Rewrite" {
			continue
		}
		for _, ref2 := range referrers(fa) {
			st, ok := ref2.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			if fn := funcOf(st.Val); fn != nil {
				out = append(out, hook{fn: fn, rewrite: name == "Rewrite"})
			}
		}
	}
	return out
}

func (ch *checker) literalProxy(alloc *ssa.Alloc) (proxyFinding, bool) {
	hooks := storedHooks(alloc)
	if len(hooks) == 0 {
		return proxyFinding{}, false // configured elsewhere: not judged here
	}
	if ch.directorRemoves(alloc) {
		return proxyFinding{}, false
	}
	f := proxyFinding{pos: alloc.Pos(), what: "an httputil.ReverseProxy whose Director or Rewrite keeps the client's Authorization header"}
	if h := hooks[0]; len(hooks) == 1 && h.fn.Syntax() != nil {
		f.fix, f.rewrite = h.fn, h.rewrite
	}
	return f, true
}

// funcOf resolves a function value: a function, a closure, a method value.
func funcOf(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	case *ssa.ChangeType:
		return funcOf(v.X)
	case *ssa.MakeInterface:
		return funcOf(v.X)
	}
	return nil
}

// removesInFunc adds to r the credential headers fn, or a function it
// calls statically (bounded depth), deletes or replaces.
func removesInFunc(fn *ssa.Function, depth int, r *removal) {
	if fn == nil || depth > 3 {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				c := v.Common()
				if name, ok := removedHeader(c); ok {
					r.add(name)
				}
				// Follow calls into this package's code, and through the
				// wrappers Go makes for method values.
				if callee := c.StaticCallee(); callee != nil && (callee.Pkg == fn.Pkg || fn.Synthetic != "" || callee.Synthetic != "") {
					removesInFunc(callee, depth+1, r)
				}
				if mc, ok := c.Value.(*ssa.MakeClosure); ok {
					if callee, ok := mc.Fn.(*ssa.Function); ok {
						removesInFunc(callee, depth+1, r)
					}
				}
			case *ssa.Store:
				if fa, ok := v.Addr.(*ssa.FieldAddr); ok && isHeaderField(fa) && !filledByName(v.Val) {
					r.all = true // the outgoing header is replaced
				}
			case *ssa.MakeClosure:
				// A middleware constructor: the handler it returns.
				if fn, ok := v.Fn.(*ssa.Function); ok {
					removesInFunc(fn, depth+1, r)
				}
			}
		}
	}
}

func fieldName(fa *ssa.FieldAddr) string {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	s, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return ""
	}
	return s.Field(fa.Field).Name()
}
