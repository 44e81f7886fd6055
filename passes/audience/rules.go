package audience

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/pkgindex"
	"golang.org/x/tools/go/ssa"
)

// The kinds of value the audience analyzer follows.
var (
	// token is a parsed token or its claims, accepted by a parser that did
	// not check the audience.
	jwtToken = dataflow.NewKind("jwt")
	// aud is the audience read from such a token.
	aud = dataflow.NewKind("aud")
	// skipConfig is an oidc.Config with SkipClientIDCheck set, skipVerifier
	// a verifier made from one.
	skipConfig   = dataflow.NewKind("oidcskip")
	skipVerifier = dataflow.NewKind("oidcskipverifier")
)

// Library import paths (versions read: golang-jwt v5.3.1 and v4.5.2,
// go-oidc v3.17.0, jwx v2.1.6 and v3.0.12, go-jose v4.1.3).
const (
	jwtV5 = "github.com/golang-jwt/jwt/v5"
	jwtV4 = "github.com/golang-jwt/jwt/v4"
	oidc  = "github.com/coreos/go-oidc/v3/oidc"
	jwxV2 = "github.com/lestrrat-go/jwx/v2/jwt"
	jwxV3 = "github.com/lestrrat-go/jwx/v3/jwt"
	jose  = "github.com/go-jose/go-jose/v4/jwt"
)

// The sources of the audience analyzer, as their flows are tagged: places
// where a token is accepted without its audience being checked by the
// library. The engine reports them to the analyzer as they are seen.
const (
	// srcAccepted is a parse or claims extraction that does not check the
	// audience; a later manual check makes it right.
	srcAccepted dataflow.Tag = iota + 1
	// srcFixable is srcAccepted for a parse that only lacks the audience
	// option, for which a fix may be offered.
	srcFixable
	// srcUnverified is a token whose signature is not verified: no
	// audience check makes it right.
	srcUnverified
	// srcDeferred is an oidc.Config with SkipClientIDCheck, reported only
	// if a token is seen accepted through it (Verify).
	srcDeferred
)

// The sinks: what it means for a source that a value reached one.
const (
	sinkChecked  dataflow.Tag = iota + 1 // the audience was checked
	sinkAccepted                         // a token was accepted through a deferred source
)

// rules model the JWT and OIDC libraries.
type rules struct {
	dataflow.NoRules
	validators map[string]bool // configured audience validators
	// tokenAware reports whether a package imports a token library,
	// directly or not (only those are analyzed).
	tokenAware func(*types.Package) bool
	callers    callers         // of the package's functions, in the package
	stored     pkgindex.Stores // the values stored into fields and variables in the package
}

const oidcSkipMsg = "oidc.Config{SkipClientIDCheck: true} accepts ID tokens issued to any client: set ClientID to this server's client ID instead, or check IDToken.Audience after Verify"

func (*rules) Derivable(k dataflow.Kind) bool { return k == aud }

// Assumable lets helpers be summarized: a claims value may be an unchecked
// token, and a string or list may be an audience.
func (*rules) Assumable(t types.Type) []dataflow.Kind {
	if isClaims(t) {
		return []dataflow.Kind{jwtToken}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return []dataflow.Kind{jwtToken, aud}
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{aud}
		}
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			return []dataflow.Kind{aud}
		}
	}
	return nil
}

// isClaims reports whether t is a token or claims type: the libraries'
// own, or a struct that embeds or holds one (or has an Audience field).
func isClaims(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if pkg, _ := dataflow.NamedType(t); pkg == jwtV5 || pkg == jwtV4 || pkg == oidc || pkg == jwxV2 || pkg == jwxV3 || pkg == jose {
		return true
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Name() == "Audience" || (f.Embedded() && isClaims(f.Type())) {
			return true
		}
	}
	return false
}

// Field: a token's claims are the token; an embedded claims struct is the
// claims; the Audience field is the audience.
func (*rules) Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	if base != jwtToken {
		return 0, ""
	}
	switch {
	case f.Name() == "Audience":
		return aud, ""
	case f.Name() == "Claims" || isClaims(f.Type()):
		return jwtToken, ""
	}
	return 0, ""
}

// checked is a flow from argument i, an audience or a token, to the sink
// that marks its source as checked.
func checked(i int, k dataflow.Kind, what string) dataflow.Flow {
	return dataflow.SinkFlow(i, k, dataflow.SinkInfo{What: "audience checked: " + what, Tag: sinkChecked}, nil)
}

// accepted makes a call a source of unchecked tokens (tag says which) in
// result 0 or, with claimsArg >= 0, also in the claims argument it fills.
func accepted(tag dataflow.Tag, msg string, claimsArg int) []dataflow.Flow {
	out := []dataflow.Flow{dataflow.SourceFlow(jwtToken, dataflow.Result, 0, msg, tag)}
	if claimsArg >= 0 {
		out = append(out, dataflow.SourceFlow(jwtToken, dataflow.Contents, claimsArg, msg, tag))
	}
	return out
}

func (r *rules) Model(c *dataflow.Call) ([]dataflow.Flow, bool) {
	switch c.Op {
	case dataflow.OpCompare:
		return []dataflow.Flow{checked(0, aud, "a comparison"), checked(1, aud, "a comparison")}, true
	case dataflow.OpLookup:
		out := []dataflow.Flow{checked(1, aud, "a lookup of the audience")}
		if key, ok := dataflow.ConstString(c.Args[1]); ok && key == "aud" {
			out = append(out, dataflow.Flow{From: dataflow.Param, FromKind: jwtToken, To: dataflow.Result, ToKind: aud})
		}
		return out, true
	case dataflow.OpStore:
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == oidc && c.Field.Name() == "SkipClientIDCheck" && isTrue(c.Args[1]) &&
			!onlyWithoutAudience(c.Fn, c.Pos) {
			return []dataflow.Flow{dataflow.SourceFlow(skipConfig, dataflow.Contents, 0, oidcSkipMsg, srcDeferred)}, true
		}
		return nil, false
	case dataflow.OpMapUpdate:
		return nil, false
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil, false
	}
	if r.validators[c.Callee.FullName()] {
		var out []dataflow.Flow
		for i := range c.Args {
			out = append(out, checked(i, jwtToken, c.Callee.Name()+" (configured validator)"), checked(i, aud, c.Callee.Name()+" (configured validator)"))
		}
		return out, true
	}
	if !r.tokenAware(c.Callee.Pkg()) && !isStdPkg(c.Callee.Pkg().Path()) {
		// Not analyzed (see run): an audience handed to it may be checked
		// there; give it the benefit of the doubt.
		var out []dataflow.Flow
		for i := range c.Args {
			out = append(out, checked(i, aud, c.Callee.Name()))
		}
		return out, true
	}
	name := dataflow.FuncName(c.Callee)
	switch path := c.Callee.Pkg().Path(); path {
	case jwtV5, jwtV4:
		return r.golangJWT(c, path, name), true
	case oidc:
		switch name {
		case "Provider.Verifier", "Provider.VerifierContext", "NewVerifier":
			// A verifier made from the configuration accepts tokens
			// through it: that is what it is made for, wherever it is
			// kept (a field, a closure) until Verify is called.
			cfg := len(c.Args) - 1
			return []dataflow.Flow{
				{From: dataflow.Param, FromIndex: cfg, FromKind: skipConfig, To: dataflow.Result, ToKind: skipVerifier},
				{From: dataflow.Param, FromIndex: cfg, FromKind: skipConfig, To: dataflow.Sink, ToKind: skipConfig,
					Sink: &dataflow.SinkInfo{What: "a verifier made from the configuration", Tag: sinkAccepted}},
			}, true
		case "IDTokenVerifier.Verify":
			return []dataflow.Flow{
				{From: dataflow.Param, FromIndex: 0, FromKind: skipVerifier, To: dataflow.Result, ToKind: jwtToken},
				// The configuration is judged where a token is accepted
				// through it: a verifier made elsewhere (say through a
				// builder function the engine does not follow) is not.
				{From: dataflow.Param, FromIndex: 0, FromKind: skipVerifier, To: dataflow.Sink, ToKind: skipVerifier,
					Sink: &dataflow.SinkInfo{What: "a token accepted through the verifier", Tag: sinkAccepted}},
			}, true
		}
		return nil, true
	case jwxV2, jwxV3:
		return r.jwx(c, name), true
	case jose:
		return r.goJose(c, name), true
	case "slices":
		switch c.Callee.Name() {
		case "Contains", "ContainsFunc", "Index", "IndexFunc":
			return []dataflow.Flow{checked(0, aud, "slices."+c.Callee.Name()), checked(1, aud, "slices."+c.Callee.Name())}, true
		}
	case "strings":
		if c.Callee.Name() == "EqualFold" {
			return []dataflow.Flow{checked(0, aud, "strings.EqualFold"), checked(1, aud, "strings.EqualFold")}, true
		}
	}
	return nil, false
}

func (r *rules) golangJWT(c *dataflow.Call, path, name string) []dataflow.Flow {
	v := "jwt"
	fix := "add jwt.WithAudience(<this server's resource URI>)"
	if path == jwtV4 {
		fix = "golang-jwt v4 has no audience option: check claims.VerifyAudience(<this server's resource URI>, true) before accepting the token"
	}
	switch name {
	case "Parse", "ParseWithClaims":
		if r.callers.issued(c.Args[0], 0) {
			return nil // client side: a token this program got from a token endpoint
		}
		opts := options(c.Args[len(c.Args)-1])
		claims := -1
		if name == "ParseWithClaims" {
			claims = 1
		}
		return r.judgeJWT(v+"."+name, fix, opts, claims)
	case "Parser.Parse", "Parser.ParseWithClaims":
		if r.callers.issued(c.Args[1], 0) {
			return nil
		}
		opts, ok := r.parserOptions(c.Args[0])
		if !ok {
			return nil // a parser configured elsewhere: not judged here
		}
		claims := -1
		if name == "Parser.ParseWithClaims" {
			claims = 2
		}
		if path == jwtV5 {
			fix = "add jwt.WithAudience(<this server's resource URI>) to the options of the jwt.NewParser that made the parser"
		}
		return r.judgeJWT("(*jwt.Parser)."+strings.TrimPrefix(name, "Parser."), fix, opts, claims)
	case "Parser.ParseUnverified":
		if len(c.Args) < 3 || !r.unverifiedTrusted(c, c.Args[1], claimsOf(c.Value, c.Args[2])) {
			return nil // a peek at kid or exp, a token from a token endpoint, or one verified on the way
		}
		return accepted(srcUnverified, "(*jwt.Parser).ParseUnverified does not verify the token's signature, and its claims are trusted (returned, stored or compared) with the token verified nowhere on the way: verify it with jwt.ParseWithClaims, the key and jwt.WithAudience(<this server's resource URI>)", -1)
	case "RegisteredClaims.GetAudience", "MapClaims.GetAudience", "Claims.GetAudience", "GetAudience":
		return []dataflow.Flow{{From: dataflow.Param, FromIndex: 0, FromKind: jwtToken, To: dataflow.Result, ToKind: aud}}
	case "RegisteredClaims.VerifyAudience", "MapClaims.VerifyAudience", "StandardClaims.VerifyAudience":
		return []dataflow.Flow{checked(0, jwtToken, "VerifyAudience")}
	}
	return nil
}

// judgeJWT decides whether a golang-jwt parse checks the audience.
func (r *rules) judgeJWT(call, fix string, opts []string, claims int) []dataflow.Flow {
	has := func(n string) bool {
		for _, o := range opts {
			if o == n {
				return true
			}
		}
		return false
	}
	switch {
	case has("WithoutClaimsValidation"):
		return accepted(srcAccepted, call+" with jwt.WithoutClaimsValidation accepts the token without checking its audience (or expiry): remove the option and add jwt.WithAudience(<this server's resource URI>)", claims)
	case has("WithAudience") || has("WithAllAudiences"):
		return nil
	}
	return accepted(srcFixable, call+" accepts the token without checking its audience: "+fix, claims)
}

func (r *rules) jwx(c *dataflow.Call, name string) []dataflow.Flow {
	switch name {
	case "Parse", "ParseString", "ParseRequest", "ParseReader":
		opts := options(c.Args[len(c.Args)-1])
		if hasFalse(c.Args[len(c.Args)-1], "WithVerify") || hasFalse(c.Args[len(c.Args)-1], "WithValidate") {
			return accepted(srcAccepted, "jwt."+name+" with verification or validation turned off accepts any token: remove the option and add jwt.WithAudience(<this server's resource URI>)", -1)
		}
		for _, o := range opts {
			if o == "WithAudience" {
				return nil
			}
		}
		return accepted(srcFixable, "jwt."+name+" accepts the token without checking its audience: add jwt.WithAudience(<this server's resource URI>)", -1)
	case "ParseInsecure":
		if !r.unverifiedTrusted(c, c.Args[0], claimsOf(c.Value)) {
			return nil
		}
		return accepted(srcAccepted, "jwt.ParseInsecure neither verifies nor validates the token: use jwt.Parse with jwt.WithKey and jwt.WithAudience(<this server's resource URI>)", -1)
	case "Validate":
		for _, o := range options(c.Args[len(c.Args)-1]) {
			if o == "WithAudience" {
				return []dataflow.Flow{checked(0, jwtToken, "jwt.Validate with jwt.WithAudience")}
			}
		}
		return nil
	case "Audience", "Token.Audience":
		return []dataflow.Flow{{From: dataflow.Param, FromIndex: 0, FromKind: jwtToken, To: dataflow.Result, ToKind: aud}}
	}
	return nil
}

// options returns the names of the option functions called to build a
// variadic option list made in place.
func options(v ssa.Value) []string {
	var out []string
	for _, e := range elements(v) {
		if call, ok := unwrap(e).(*ssa.Call); ok {
			if callee := call.Common().StaticCallee(); callee != nil {
				out = append(out, callee.Name())
			}
		}
	}
	return out
}

// hasFalse reports whether the option list calls name(false).
func hasFalse(v ssa.Value, name string) bool {
	for _, e := range elements(v) {
		call, ok := unwrap(e).(*ssa.Call)
		if !ok {
			continue
		}
		if callee := call.Common().StaticCallee(); callee != nil && callee.Name() == name && len(call.Common().Args) == 1 && isFalse(call.Common().Args[0]) {
			return true
		}
	}
	return false
}

// parserOptions returns the options of the jwt.NewParser call that made p,
// when p comes from one in the same function, or is loaded from a field
// or variable the package stores only parsers it makes into (then the
// options of one that lacks the audience, if one does).
func (r *rules) parserOptions(p ssa.Value) ([]string, bool) {
	if load, ok := p.(*ssa.UnOp); ok && load.Op == token.MUL {
		key := pkgindex.StoreKey(load.X)
		if key == nil || len(r.stored[key]) == 0 {
			return nil, false
		}
		var worst []string
		for i, v := range r.stored[key] {
			opts, ok := newParserOptions(v)
			if !ok {
				return nil, false // one made elsewhere: not judged
			}
			if i == 0 || !slices.Contains(opts, "WithAudience") && !slices.Contains(opts, "WithAllAudiences") {
				worst = opts
			}
		}
		return worst, true
	}
	return newParserOptions(p)
}

func newParserOptions(p ssa.Value) ([]string, bool) {
	call, ok := unwrap(p).(*ssa.Call)
	if !ok {
		return nil, false
	}
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Name() != "NewParser" || len(call.Common().Args) != 1 {
		return nil, false
	}
	return options(call.Common().Args[0]), true
}

// elements returns the values stored into the array behind a variadic
// slice built in place.
func elements(v ssa.Value) []ssa.Value {
	return slices.DeleteFunc(dataflow.Elements(v), func(e ssa.Value) bool { return e == nil })
}

func unwrap(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface: // jwx: a ValidateOption passed as a ParseOption
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

func isTrue(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value)
}

func isFalse(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && !constant.BoolVal(c.Value)
}

// goJose models go-jose v4's jwt package: Claims fills its destinations
// with verified claims whose audience is not checked; Validate checks it
// only when the Expected has AnyAudience.
func (r *rules) goJose(c *dataflow.Call, name string) []dataflow.Flow {
	switch name {
	case "JSONWebToken.Claims", "JSONWebToken.UnsafeClaimsWithoutVerification":
		msg := "(*jwt.JSONWebToken).Claims accepts the claims without checking their audience: call claims.Validate with jwt.Expected{AnyAudience: jwt.Audience{<this server's resource URI>}}"
		tag := srcAccepted
		if name == "JSONWebToken.UnsafeClaimsWithoutVerification" {
			msg = "jwt.UnsafeClaimsWithoutVerification does not verify the signature, and the claims are trusted (returned, stored or compared) with the token verified nowhere on the way: use Claims with the key, then Validate with AnyAudience"
			tag = srcUnverified
		}
		// The destinations are filled with the claims; without a list
		// built in place, the variadic slice stands for them.
		dests := elements(c.Args[len(c.Args)-1])
		if name == "JSONWebToken.UnsafeClaimsWithoutVerification" && !r.unverifiedTrusted(c, c.Args[0], claimsOf(append(dests, c.Args[len(c.Args)-1])...)) {
			return nil
		}
		if len(dests) == 0 {
			return []dataflow.Flow{dataflow.SourceFlow(jwtToken, dataflow.Contents, len(c.Args)-1, msg, tag)}
		}
		var out []dataflow.Flow
		for _, dest := range dests {
			c.Args = append(c.Args, dest)
			out = append(out, dataflow.SourceFlow(jwtToken, dataflow.Contents, len(c.Args)-1, msg, tag))
		}
		return out
	case "Claims.Validate", "Claims.ValidateWithLeeway":
		if len(c.Args) < 2 {
			return nil
		}
		has, known := r.expectsAudience(c.Args[1], 0)
		switch {
		case has:
			return []dataflow.Flow{checked(0, jwtToken, "Claims.Validate with AnyAudience")}
		case !known || filledByClaims(c.Fn, c.Args[0]):
			// An expectation made elsewhere is not judged; claims that
			// (*JSONWebToken).Claims filled are reported there.
			return nil
		}
		// Claims decoded some other way (a verified JWS's payload): the
		// validation is where they are accepted.
		return []dataflow.Flow{dataflow.SourceFlow(jwtToken, dataflow.Contents, 0,
			"jwt.Claims."+strings.TrimPrefix(name, "Claims.")+" with an Expected that has no AnyAudience accepts a token issued for any audience: set AnyAudience: jwt.Audience{<this server's resource URI>}", srcAccepted)}
	case "Audience.Contains":
		return []dataflow.Flow{checked(0, aud, "Audience.Contains")}
	}
	return nil
}

// expectsAudience reports whether a go-jose Expected sets AnyAudience,
// and whether that is known: made here (a variable or literal), returned
// by a helper of the package on every path, or refreshed with WithTime.
func (r *rules) expectsAudience(v ssa.Value, depth int) (has, known bool) {
	if depth > 4 {
		return false, false
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.Alloc); ok {
			return setsField(x, "AnyAudience"), true
		}
	case *ssa.Call:
		callee := x.Common().StaticCallee()
		if callee == nil || callee.Pkg == nil {
			return false, false
		}
		if callee.Pkg.Pkg.Path() == jose && callee.Name() == "WithTime" && len(x.Common().Args) > 0 {
			return r.expectsAudience(x.Common().Args[0], depth+1)
		}
		if callee.Blocks == nil || callee.Pkg.Pkg != x.Parent().Pkg.Pkg {
			return false, false
		}
		has, known = true, false
		for _, b := range callee.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || len(ret.Results) == 0 {
				continue
			}
			h, k := r.expectsAudience(ret.Results[0], depth+1)
			if !k {
				return false, false
			}
			has, known = has && h, true
		}
		return has, known
	}
	return false, false
}

// filledByClaims reports whether claims (a value loaded from a variable)
// were decoded into by a (*JSONWebToken).Claims call in fn.
func filledByClaims(fn *ssa.Function, claims ssa.Value) bool {
	load, ok := claims.(*ssa.UnOp)
	if !ok {
		return false
	}
	addr := load.X
	for fa, ok := addr.(*ssa.FieldAddr); ok; fa, ok = addr.(*ssa.FieldAddr) {
		addr = fa.X // c.Claims of a struct that embeds them
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != jose || callee.Name() != "Claims" {
				continue
			}
			args := call.Common().Args
			for _, d := range elements(args[len(args)-1]) {
				if unwrap(d) == addr {
					return true
				}
			}
		}
	}
	return false
}

// setsField reports whether the struct value v (loaded from a variable or
// built as a literal in this function) has field name stored into it.
func setsField(v ssa.Value, name string) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	for _, ref := range referrersOf(load.X) {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		st, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			continue
		}
		s, ok := st.Elem().Underlying().(*types.Struct)
		if !ok || s.Field(fa.Field).Name() != name {
			continue
		}
		for _, r2 := range referrersOf(fa) {
			if store, ok := r2.(*ssa.Store); ok && store.Addr == fa {
				return true
			}
		}
	}
	return false
}

// onlyWithoutAudience reports whether the store at pos runs only when a
// string is empty: if audience == "" { cfg.SkipClientIDCheck = true }.
// The SPEC counts a check that is conditional on configuration as a
// check: with an audience configured, ClientID is checked.
func onlyWithoutAudience(fn *ssa.Function, pos token.Pos) bool {
	var block *ssa.BasicBlock
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Pos() == pos {
				block = b
			}
		}
	}
	for d := block; d != nil && d.Idom() != nil; d = d.Idom() {
		cond, ok := d.Idom().Instrs[len(d.Idom().Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := cond.Cond.(*ssa.BinOp)
		if !ok || !isEmptyString(cmp.X) && !isEmptyString(cmp.Y) {
			continue
		}
		branch := d.Idom().Succs[0] // where x == "" holds
		if cmp.Op == token.NEQ {
			branch = d.Idom().Succs[1]
		} else if cmp.Op != token.EQL {
			continue
		}
		if branch.Dominates(block) {
			return true
		}
	}
	return false
}

func isEmptyString(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.String && constant.StringVal(c.Value) == ""
}

// claimsOf returns the values an unverified parse fills: its result and
// the claims it decodes into.
func claimsOf(values ...ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, v := range values {
		if v != nil {
			out = append(out, v, unwrap(v))
		}
	}
	return out
}

// unverifiedTrusted is the rule for unverified parses (unverified.go),
// applied at the call a model sees.
func (r *rules) unverifiedTrusted(c *dataflow.Call, raw ssa.Value, claims []ssa.Value) bool {
	call, ok := c.Instr.(ssa.CallInstruction)
	return !ok || r.callers.unverifiedClaimsTrusted(call, raw, claims)
}

// isStdPkg reports whether path looks like a standard library package.
func isStdPkg(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
