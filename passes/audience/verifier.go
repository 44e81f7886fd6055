package audience

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/ssa"
)

// An acceptance is a go-sdk token verifier returning token information for
// a token it never validated, or validated by introspection without
// looking at the audience.
type acceptance struct {
	ret           token.Pos // the return statement
	require       token.Pos // the RequireBearerToken call
	introspection bool
}

// findBlindVerifiers looks for auth.RequireBearerToken(verifier, ...) calls
// whose verifier returns a non-nil *auth.TokenInfo without the token ever
// reaching anything tokenUses says may verify it (a comparison with other
// than a scheme name or "", a lookup, a request sent with it, a call the
// analysis does not see into: the benefit of the doubt); string
// operations, base64 and JSON decoding and logging are not checks.
func findBlindVerifiers(pkg *ssapkg.SSA) []acceptance {
	var out []acceptance
	for _, instr := range pkg.Instructions() {
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee := call.Common().StaticCallee()
		if callee == nil || callee.String() != httpflow.GoSDKAuth+".RequireBearerToken" || len(call.Common().Args) == 0 {
			continue
		}
		verifier := resolveFunc(call.Common().Args[0])
		if verifier == nil {
			continue
		}
		tok := tokenParam(verifier)
		if tok == nil {
			continue
		}
		blind := !verified(tok)
		audienceBlind := introspects(verifier) && !readsAudience(verifier)
		if !blind && !audienceBlind {
			continue
		}
		for _, ret := range acceptingReturns(verifier) {
			out = append(out, acceptance{ret: ret, require: call.Pos(), introspection: !blind})
		}
	}
	return out
}

// resolveFunc finds the function behind a function value: a function, a
// closure, or a method value (through its wrapper).
func resolveFunc(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.ChangeType:
		return resolveFunc(v.X)
	case *ssa.MakeInterface:
		return resolveFunc(v.X)
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		if fn != nil && strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if c, ok := instr.(*ssa.Call); ok {
						if m := c.Common().StaticCallee(); m != nil {
							return m
						}
					}
				}
			}
		}
		return fn
	}
	return nil
}

// tokenParam is the verifier's string parameter: the bearer token.
func tokenParam(fn *ssa.Function) *ssa.Parameter {
	for _, p := range fn.Params {
		if b, ok := p.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			return p
		}
	}
	return nil
}

// verified reports whether the token reaches anything that could check
// it (tokenUses); storing it in the context is not checking it.
func verified(tok ssa.Value) bool {
	for _, u := range tokenUses([]ssa.Value{tok}, nil) {
		if u == verifies {
			return true
		}
	}
	return false
}

func referrersOf(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// acceptingReturns are the returns of a non-nil *TokenInfo, found in the
// syntax (SSA routes the results of a function with defers through
// variables).
func acceptingReturns(fn *ssa.Function) []token.Pos {
	var body *ast.BlockStmt
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = syn.Body
	case *ast.FuncLit:
		body = syn.Body
	}
	if body == nil {
		return nil
	}
	var out []token.Pos
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				if id, ok := n.Results[0].(*ast.Ident); !ok || id.Name != "nil" {
					out = append(out, n.Pos())
				}
			}
		}
		return true
	})
	return out
}

// introspects reports whether fn posts a token to an RFC 7662 endpoint: it
// builds form values with a "token" entry and decodes a response into a
// struct with an "active" member.
func introspects(fn *ssa.Function) bool {
	form, active := false, false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Call:
				callee := v.Common().StaticCallee()
				if callee != nil && (callee.String() == "(net/url.Values).Set" || callee.String() == "(net/url.Values).Add") &&
					len(v.Common().Args) >= 2 && constIs(v.Common().Args[1], "token") {
					form = true
				}
			case *ssa.MapUpdate:
				if httpflow.IsNamed(v.Map.Type(), "net/url", "Values") && constIs(v.Key, "token") {
					form = true
				}
			case *ssa.Alloc:
				if st, ok := pointee(v.Type()); ok && hasJSONField(st, "active") {
					active = true
				}
			}
		}
	}
	return form && active
}

// readsAudience reports whether fn reads an "aud" member of a decoded
// struct (a field tagged json:"aud", or named Aud or Audience).
func readsAudience(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			fa, ok := instr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if st, ok := pointee(fa.X.Type()); ok {
				f := st.Field(fa.Field)
				if f.Name() == "Aud" || f.Name() == "Audience" || jsonName(st.Tag(fa.Field)) == "aud" {
					return true
				}
			}
		}
	}
	return false
}

func pointee(t types.Type) (*types.Struct, bool) {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	return st, ok
}

func hasJSONField(st *types.Struct, name string) bool {
	for i := 0; i < st.NumFields(); i++ {
		if jsonName(st.Tag(i)) == name || strings.EqualFold(st.Field(i).Name(), name) {
			return true
		}
	}
	return false
}

func jsonName(tag string) string {
	v := reflect.StructTag(tag).Get("json")
	name, _, _ := strings.Cut(v, ",")
	return name
}

func constIs(v ssa.Value, s string) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.ExactString() == strconv.Quote(s)
}
