package headerforward

import (
	"go/token"
	"go/types"

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
func findProxies(pkg *ssapkg.SSA, extra []string) []proxyFinding {
	var out []proxyFinding
	for _, instr := range pkg.Instructions() {
		switch v := instr.(type) {
		case *ssa.Call:
			callee := v.Common().StaticCallee()
			if callee != nil && callee.String() == "net/http/httputil.NewSingleHostReverseProxy" {
				if !directorRemoves(v, extra) {
					out = append(out, proxyFinding{pos: v.Pos(), what: "httputil.NewSingleHostReverseProxy, whose Director keeps the client's Authorization header"})
				}
			}
		case *ssa.Alloc:
			if httpflow.IsNamed(v.Type(), "net/http/httputil", "ReverseProxy") {
				if f, ok := literalProxy(v, extra); ok {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// directorRemoves reports whether the function that built a proxy with
// NewSingleHostReverseProxy gives it a Director or Rewrite that removes
// Authorization (often a wrapper that calls the original Director).
func directorRemoves(proxy ssa.Value, extra []string) bool {
	for _, fv := range storedHooks(proxy) {
		if removesInFunc(fv.fn, extra, 0) {
			return true
		}
	}
	return false
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

func literalProxy(alloc *ssa.Alloc, extra []string) (proxyFinding, bool) {
	hooks := storedHooks(alloc)
	if len(hooks) == 0 {
		return proxyFinding{}, false // configured elsewhere: not judged here
	}
	for _, h := range hooks {
		if removesInFunc(h.fn, extra, 0) {
			return proxyFinding{}, false
		}
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

// removesInFunc reports whether fn, or a function it calls statically
// (bounded depth), deletes or replaces a credential header.
func removesInFunc(fn *ssa.Function, extra []string, depth int) bool {
	if fn == nil || depth > 3 {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				c := v.Common()
				if removesCredential(c, extra) {
					return true
				}
				// Follow calls into this package's code, and through the
				// wrappers Go makes for method values.
				if callee := c.StaticCallee(); callee != nil && (callee.Pkg == fn.Pkg || fn.Synthetic != "" || callee.Synthetic != "") &&
					removesInFunc(callee, extra, depth+1) {
					return true
				}
				if mc, ok := c.Value.(*ssa.MakeClosure); ok {
					if callee, ok := mc.Fn.(*ssa.Function); ok && removesInFunc(callee, extra, depth+1) {
						return true
					}
				}
			case *ssa.Store:
				if fa, ok := v.Addr.(*ssa.FieldAddr); ok && isHeaderField(fa) {
					return true // the outgoing header is replaced
				}
			}
		}
	}
	return false
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
