package headerforward

import (
	"go/token"
	"go/types"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

// These checks look at the structure of one function: whether it removes
// Authorization from an outbound request, and whether a copy loop skips
// the credential headers. They are flow-insensitive within the function
// (a Del anywhere in it counts), which errs toward silence.

// authorizationRemoved reports whether fn deletes or replaces the
// Authorization header of the request or header v anywhere. except is the
// value being judged when it is itself stored as the header (out.Header =
// in.Header is not a replacement of itself).
func authorizationRemoved(fn *ssa.Function, v ssa.Value, extra []string, except ssa.Value) bool {
	if fn == nil || v == nil {
		return false
	}
	for _, h := range headerValues(v) {
		if removesOn(h, extra, except) {
			return true
		}
	}
	return false
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
	st, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	s, ok := st.Elem().Underlying().(*types.Struct)
	return ok && s.Field(fa.Field).Name() == "Header" && httpflow.IsNamed(st.Elem(), "net/http", "Request")
}

// removesOn reports whether h (a header, or the address of a request's
// Header field) gets Del/Set of a credential header, or is replaced.
func removesOn(h ssa.Value, extra []string, except ssa.Value) bool {
	for _, ref := range referrers(h) {
		switch ref := ref.(type) {
		case *ssa.Call:
			if removesCredential(ref.Common(), extra) {
				return true
			}
		case *ssa.Store:
			// out.Header = make(http.Header) or an allowlisted copy.
			if ref.Addr == h && ref.Val != except {
				return true
			}
		}
	}
	return false
}

// removesCredential reports whether c is Header.Del or Header.Set of a
// credential header (Set replaces the client's value with the server's).
func removesCredential(c *ssa.CallCommon, extra []string) bool {
	if !isHeaderMethod(c, "Del", "Set") || len(c.Args) < 2 {
		return false
	}
	name, ok := dataflow.ConstString(c.Args[1])
	return ok && httpflow.IsCredentialHeader(name, extra)
}

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

// skipsCredentials reports whether the header name key comes from a loop
// over a header set that compares the name with a credential header name,
// or consults a list of names (an allowlist or a denylist), before copying.
func skipsCredentials(key ssa.Value, extra []string) bool {
	root := keyRoot(key, 0)
	if root == nil {
		return false
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
				if s, ok := dataflow.ConstString(other); ok && httpflow.IsCredentialHeader(s, extra) {
					return true
				}
			case *ssa.Lookup:
				if names[ref.Index] {
					return true // a map of names decides
				}
			case *ssa.Call:
				callee := ref.Common().StaticCallee()
				if callee == nil {
					continue
				}
				if callee.String() == "strings.EqualFold" {
					for _, a := range ref.Common().Args {
						if s, ok := dataflow.ConstString(a); ok && httpflow.IsCredentialHeader(s, extra) {
							return true
						}
					}
				}
				if o := callee.Origin(); o != nil && (o.String() == "slices.Contains" || o.String() == "slices.Index") {
					return true // a list of names decides
				}
			}
		}
	}
	return false
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
