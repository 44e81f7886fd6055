package audience

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

// A use is what an instruction does with a value that carries a raw
// token (the bearer, or a string made from it).
type use int

const (
	// verifies: the instruction may verify the token: a comparison with
	// something other than an authentication scheme or "", a map lookup
	// keyed by it, a constant-time comparison, or a call the analysis
	// does not see through (a verifier function, an interface method, a
	// database lookup, an introspection request). The benefit of the
	// doubt is on purpose: the rules that use this report only tokens
	// that reached nothing that could check them.
	verifies use = iota + 1
	// stores: the instruction puts the token in the request context
	// (context.WithValue, gin's or echo's c.Set): the request goes on
	// carrying it.
	stores
	// carriesReceiver: the call puts the token into its receiver (an
	// internal use of tokenUses, never in its result).
	carriesReceiver
)

// tokenUses follows the values carrying a raw token from roots, through
// the operations that keep its text (string functions, conversions,
// indexing, concatenation, base64 decoding, and the structs and maps it
// is stored in), and returns the instructions that verify or store it.
// Logging, formatting an error, presence, prefix and length checks,
// decoding it as JSON and setting it on a header are none of these.
// ignore, when not nil, names calls that are neither (the unverified
// parse being judged).
func tokenUses(roots []ssa.Value, ignore func(*ssa.CallCommon) bool) map[ssa.Instruction]use {
	out := map[ssa.Instruction]use{}
	seen := map[ssa.Value]bool{}
	work := append([]ssa.Value(nil), roots...)
	carry := func(v ssa.Value) {
		if v != nil && !seen[v] && len(seen) < 256 {
			work = append(work, v)
		}
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		for _, ref := range referrersOf(v) {
			switch ref := ref.(type) {
			case *ssa.BinOp:
				switch ref.Op {
				case token.EQL, token.NEQ:
					other := ref.X
					if other == v {
						other = ref.Y
					}
					if !isScheme(other) {
						out[ref] = verifies
					}
				case token.ADD:
					carry(ref)
				}
			case *ssa.Call:
				switch u, result := callUse(ref.Common(), v, ignore); {
				case u == carriesReceiver:
					carry(ref.Common().Args[0])
				case u != 0:
					out[ref] = u
				case result:
					carry(ref)
					for _, r2 := range referrersOf(ref) {
						if ex, ok := r2.(*ssa.Extract); ok {
							carry(ex)
						}
					}
				}
			case *ssa.Go, *ssa.Defer, *ssa.Send:
				out[ref] = verifies
			case *ssa.Lookup:
				if ref.Index == v {
					out[ref] = verifies // a stored credential looked up by the token
				} else {
					carry(ref)
				}
			case *ssa.MapUpdate:
				if ref.Key == v {
					continue
				}
				carry(ref.Map) // map[string]any{"token": raw}, handed on below
			case *ssa.Store:
				if ref.Val != v {
					continue
				}
				switch addr := ref.Addr.(type) {
				case *ssa.FieldAddr:
					carry(addr.X) // claims.Token = raw: the struct carries it
				case *ssa.IndexAddr:
					carry(addr.X)
				default:
					carry(addr)
				}
			case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Index, *ssa.UnOp, *ssa.Slice, *ssa.Convert,
				*ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.Phi, *ssa.TypeAssert, *ssa.Extract,
				*ssa.MakeClosure: // a function that returns the token, handed on
				carry(ref.(ssa.Value))
			}
		}
	}
	return out
}

// callUse classifies a call with v among its arguments: a use, or whether
// its result carries v's text on.
func callUse(common *ssa.CallCommon, v ssa.Value, ignore func(*ssa.CallCommon) bool) (use, bool) {
	if ignore != nil && ignore(common) {
		return 0, false
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		return 0, b.Name() == "append"
	}
	if common.IsInvoke() {
		if common.Value == v {
			return 0, false // a method of the token's own type (String)
		}
		return verifies, false
	}
	callee := common.StaticCallee()
	if callee == nil {
		return verifies, false // a verifier held in a function value
	}
	if callee.Pkg == nil {
		return 0, true // a wrapper the compiler made
	}
	name := callee.Name()
	arg := func(i int) ssa.Value {
		if i < len(common.Args) {
			return common.Args[i]
		}
		return nil
	}
	switch path := callee.Pkg.Pkg.Path(); path {
	case "strings", "bytes":
		switch name {
		case "EqualFold", "Compare", "Equal":
			other := arg(0)
			if other == v {
				other = arg(1)
			}
			if isScheme(other) {
				return 0, false
			}
			return verifies, false
		case "HasPrefix", "HasSuffix", "Contains", "ContainsAny", "ContainsRune", "Count", "Index", "LastIndex", "IndexByte":
			return 0, false // a presence or prefix check
		}
		return 0, true
	case "strconv", "unicode/utf8", "encoding/base64", "encoding/hex", "unicode":
		return 0, true
	case "net/url":
		if name == "Set" || name == "Add" {
			return carriesReceiver, false // form.Set("token", raw): the form carries it
		}
		return 0, true
	case "fmt":
		return 0, strings.HasPrefix(name, "Sprint")
	case "log", "log/slog", "errors", "encoding/json", "net/http/httputil":
		return 0, false
	case "net/http":
		switch name {
		case "NewRequest", "NewRequestWithContext", "Post", "PostForm", "Get":
			return verifies, false // sent in a request of its own: introspection, userinfo
		case "Set", "Add":
			if len(common.Args) > 0 {
				root := httpflow.RequestRoot(common.Args[0])
				if !received(root) && !httpflow.IsNamed(root.Type(), "net/http", "ResponseWriter") {
					return verifies, false // sent to another server, which may check it (userinfo)
				}
			}
		}
		return 0, false // set back on the received request, an error written back
	case "context":
		if name == "WithValue" && arg(2) == v {
			return stores, false
		}
		return 0, false
	case "crypto/subtle", "crypto/hmac":
		return verifies, false
	case "regexp":
		return 0, false // a format check
	}
	if derivesContext(callee.Signature) {
		return stores, false // ghcontext.WithTokenInfo(ctx, info): a context setter, not a verifier
	}
	if name == "Set" && callee.Signature.Recv() != nil && len(common.Args) == 3 && common.Args[2] == v && httpflow.IsRequestish(common.Args[0].Type()) {
		return stores, false // c.Set("token", raw) on gin's or echo's context
	}
	return verifies, false
}

// isScheme reports whether v is a constant an authentication scheme or
// an emptiness test compares with ("", "Bearer", "Basic", "Token").
func isScheme(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true // nil
	}
	if c.Value.Kind() != constant.String {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(constant.StringVal(c.Value))) {
	case "", "bearer", "basic", "token", "dpop":
		return true
	}
	return false
}

// derivesContext reports whether a function's only result is a
// context.Context: it makes a context (carrying what it is given); a
// verifier returns an error or claims.
func derivesContext(sig *types.Signature) bool {
	return sig.Results().Len() == 1 && httpflow.IsNamed(sig.Results().At(0).Type(), "context", "Context")
}
