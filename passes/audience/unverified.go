package audience

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/pkgindex"
	"golang.org/x/tools/go/ssa"
)

// Unverified parses (golang-jwt ParseUnverified, go-jose
// UnsafeClaimsWithoutVerification, jwx ParseInsecure) are findings only
// when the claims are trusted: they become the identity and the same raw
// token is verified nowhere on the way, and the token is one a client
// presented (not one the program obtained from a token endpoint itself).
// See the SPEC's paragraph on unverified parses.

// maxCallerDepth bounds how far the callers of a helper are followed to
// find where its raw token comes from or is verified.
const maxCallerDepth = 2

// unverifiedTrusted reports whether the unverified parse at call, of the
// raw token raw, yielding claims in roots, is a finding.
func (cg callers) unverifiedClaimsTrusted(call ssa.CallInstruction, raw ssa.Value, claims []ssa.Value) bool {
	fn := call.Parent()
	if cg.issued(raw, 0) {
		return false
	}
	if cg.verifiedOnTheWay(fn, raw, call, 0) {
		return false
	}
	return trusted(claims, call)
}

// issued reports whether a raw token is one the program received from a
// token endpoint: a field of golang.org/x/oauth2's Token, its Extra
// values (the id_token), a member of a response decoded into a struct
// with the token response's names (access_token, id_token,
// refresh_token: RFC 6749 section 5.1), or a parameter that every caller
// in the package gives such a token.
func (cg callers) issued(v ssa.Value, depth int) bool {
	for _, a := range ancestors(v) {
		switch x := a.(type) {
		case *ssa.FieldAddr:
			if issuedField(x) {
				return true
			}
		case *ssa.Call:
			if callee := x.Common().StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == oauth2Pkg && callee.Name() == "Extra" {
				return true
			}
		case *ssa.Phi:
			any := false
			for _, e := range x.Edges {
				if isScheme(e) {
					continue // "" on the path without a token
				}
				if !cg.issued(e, depth) {
					return false
				}
				any = true
			}
			return any
		case *ssa.Parameter:
			if depth >= maxCallerDepth {
				return false
			}
			args := cg.Args(x)
			if len(args) == 0 {
				return false
			}
			for _, a := range args {
				if !cg.issued(a, depth+1) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// issuedField reports whether a field is one a token endpoint's response
// fills: of golang.org/x/oauth2's Token, or tagged with a token
// response's name.
func issuedField(fa *ssa.FieldAddr) bool {
	f, st := httpflow.FieldOf(fa)
	if f == nil {
		return false
	}
	if httpflow.IsNamed(st, oauth2Pkg, "Token") {
		return true
	}
	if s, ok := st.Underlying().(*types.Struct); ok {
		for i := range s.NumFields() {
			if s.Field(i) == f {
				switch jsonName(s.Tag(i)) {
				case "access_token", "id_token", "refresh_token":
					return true
				}
			}
		}
	}
	return false
}

const oauth2Pkg = "golang.org/x/oauth2"

// callers are the static calls of each function of the package, made
// in the package.
type callers struct{ pkgindex.Calls }

// verifiedOnTheWay reports whether the raw token of the unverified parse
// at call (or a string it was cut from) is also verified in fn — by a
// verifying parse, a verifier, an introspection or policy call: anything
// tokenUses says may verify — or, when it is fn's parameter, whether
// every caller in the package verifies what it passes (or what fn
// returns, which may carry it).
func (cg callers) verifiedOnTheWay(fn *ssa.Function, raw ssa.Value, call ssa.CallInstruction, depth int) bool {
	ignore := func(c *ssa.CallCommon) bool {
		return c == call.Common() || nonVerifying(c)
	}
	roots := ancestors(raw)
	for _, u := range tokenUses(roots, ignore) {
		if u == verifies {
			return true
		}
	}
	if depth >= maxCallerDepth {
		return false
	}
	for _, r := range roots {
		p, ok := r.(*ssa.Parameter)
		if !ok || p.Parent() != fn {
			continue
		}
		i := slices.Index(fn.Params, p)
		calls := cg.Calls[fn]
		if len(calls) == 0 {
			return false
		}
		for _, c := range calls {
			if i >= len(c.Common().Args) {
				return false
			}
			caller := c.Parent()
			roots := ancestors(c.Common().Args[i])
			if v := c.Value(); v != nil {
				roots = append(roots, v)
			}
			self := c.Common()
			ok := false
			for _, u := range tokenUses(roots, func(cc *ssa.CallCommon) bool { return cc == self || nonVerifying(cc) }) {
				ok = ok || u == verifies
			}
			if !ok && !cg.verifiedOnTheWay(caller, c.Common().Args[i], c, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// ancestors returns v and the values it was cut from by string
// operations (parts[1] of strings.Split(bearer, " "), TrimPrefix...),
// conversions and token parses, up to where it came from (a field, a
// call, a parameter).
func ancestors(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	for range 8 {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return out
			}
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Extract:
			v = x.Tuple
		case *ssa.Slice:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.Call:
			callee := x.Common().StaticCallee()
			if callee == nil || callee.Pkg == nil || len(x.Common().Args) == 0 {
				return out
			}
			switch callee.Pkg.Pkg.Path() {
			case "strings", "bytes":
			case jwtV5, jwtV4, jose, jwxV2, jwxV3:
				if !strings.HasPrefix(callee.Name(), "Parse") {
					return out
				}
			default:
				return out
			}
			v = x.Common().Args[0]
		default:
			return out
		}
		out = append(out, v)
	}
	return out
}

// nonVerifying reports whether a call of a token library parses or
// reads a token without verifying it.
func nonVerifying(c *ssa.CallCommon) bool {
	callee := c.StaticCallee()
	if callee == nil || callee.Pkg == nil {
		return false
	}
	switch callee.Pkg.Pkg.Path() {
	case jwtV5, jwtV4, jose, jwxV2, jwxV3, "github.com/go-jose/go-jose/v4":
		switch callee.Name() {
		case "ParseUnverified", "UnsafeClaimsWithoutVerification", "ParseInsecure", "ParseSigned", "NewParser",
			"GetIssuer", "GetExpirationTime", "GetNotBefore", "GetIssuedAt", "GetSubject", "GetAudience":
			return true
		}
	}
	return false
}

// trusted reports whether the claims of an unverified parse become an
// identity: they (or a claim other than the key id, issuer and times) are
// returned, put in the request context, stored in a go-sdk TokenInfo,
// compared, or handed to a function other than logging. Reading kid to
// pick a key, iss to pick a tenant or exp to schedule a refresh is not
// trusting the token.
func trusted(roots []ssa.Value, call ssa.CallInstruction) bool {
	seen := map[ssa.Value]bool{}
	work := append([]ssa.Value(nil), roots...)
	for len(work) > 0 && len(seen) < 256 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		for _, ref := range referrersOf(v) {
			if ref == call {
				continue
			}
			switch ref := ref.(type) {
			case *ssa.Return:
				return true
			case *ssa.BinOp:
				if (ref.Op == token.EQL || ref.Op == token.NEQ) && !isScheme(ref.X) && !isScheme(ref.Y) {
					return true
				}
			case *ssa.FieldAddr:
				if f, _ := httpflow.FieldOf(ref); f != nil && timeOrKeyClaim(f.Name()) {
					continue
				}
				work = append(work, ref)
			case *ssa.Field:
				work = append(work, ref)
			case *ssa.Lookup:
				if key, ok := dataflow.ConstString(ref.Index); ok && timeOrKeyClaim(key) {
					continue
				}
				if ref.X == v {
					work = append(work, ref)
				}
			case *ssa.Store:
				if ref.Val != v {
					continue
				}
				if fa, ok := ref.Addr.(*ssa.FieldAddr); ok {
					if httpflow.IsNamed(fa.X.Type(), httpflow.GoSDKAuth, "TokenInfo") {
						return true
					}
					work = append(work, fa.X)
				} else {
					work = append(work, ref.Addr)
				}
			case *ssa.MapUpdate:
				if ref.Value == v {
					work = append(work, ref.Map)
				}
			case *ssa.Call:
				callee := ref.Common().StaticCallee()
				if callee != nil && callee.Pkg != nil {
					switch callee.Pkg.Pkg.Path() {
					case "fmt", "log", "log/slog", "errors":
						continue
					case jwtV5, jwtV4, jose, jwxV2, jwxV3:
						if timeOrKeyClaim(strings.TrimPrefix(callee.Name(), "Get")) {
							continue
						}
						work = append(work, ref)
						continue
					}
				}
				if b, ok := ref.Common().Value.(*ssa.Builtin); ok && b.Name() == "len" {
					continue
				}
				return true
			case *ssa.Extract:
				if !types.Identical(ref.Type(), errorType) {
					work = append(work, ref) // the token or the claims, not the parse's error
				}
			case *ssa.UnOp, *ssa.TypeAssert, *ssa.ChangeType, *ssa.MakeInterface,
				*ssa.ChangeInterface, *ssa.Phi, *ssa.Convert, *ssa.Slice, *ssa.IndexAddr, *ssa.Index:
				work = append(work, ref.(ssa.Value))
			}
		}
	}
	return false
}

// timeOrKeyClaim reports whether a claim (or a field or getter named for
// it) only picks a key or a tenant or times a refresh.
func timeOrKeyClaim(name string) bool {
	switch strings.ToLower(name) {
	case "kid", "alg", "typ", "iss", "issuer", "exp", "expiresat", "expirationtime", "nbf", "notbefore", "iat", "issuedat", "header":
		return true
	}
	return false
}
