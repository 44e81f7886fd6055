package audience

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"github.com/passthroughlint/passthrough/passes/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// audienceName matches the names of values that plausibly hold this
// server's audience.
var audienceName = regexp.MustCompile(`(?i)(audience|resource(uri|url)?|clientid)$`)

// fixParse offers to add jwt.WithAudience(<name>) to a golang-jwt v5 or jwx
// parse that lacks it, when exactly one string constant or variable named
// like an audience is in scope. Otherwise there is no fix: a placeholder
// would not compile.
func fixParse(pass *analysis.Pass, pos token.Pos) (analysis.SuggestedFix, bool) {
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	var call *ast.CallExpr
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok {
			call = c
			break
		}
	}
	if call == nil || call.Ellipsis.IsValid() || !report.Fixable(pass, call.Rparen) {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pkgName, ok := sel.X.(*ast.Ident)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pn, ok := pass.TypesInfo.Uses[pkgName].(*types.PkgName)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	switch pn.Imported().Path() {
	case jwtV5, jwxV2, jwxV3:
	default:
		return analysis.SuggestedFix{}, false
	}
	name, ok := audienceInScope(pass, pos)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := ", " + pkgName.Name + ".WithAudience(" + name + ")"
	return analysis.SuggestedFix{
		Message:   "add " + strings.TrimPrefix(text, ", "),
		TextEdits: []analysis.TextEdit{{Pos: call.Rparen, End: call.Rparen, NewText: []byte(text)}},
	}, true
}

// audienceInScope returns the one string constant or variable visible at
// pos whose name looks like an audience.
func audienceInScope(pass *analysis.Pass, pos token.Pos) (string, bool) {
	inner := pass.Pkg.Scope().Innermost(pos)
	seen := map[string]bool{}
	var found []string
	for s := inner; s != nil && s != types.Universe; s = s.Parent() {
		for _, n := range s.Names() {
			if seen[n] || !audienceName.MatchString(n) {
				continue
			}
			seen[n] = true
			obj := s.Lookup(n)
			if s != pass.Pkg.Scope() && obj.Pos() > pos {
				continue // declared after the call
			}
			switch obj.(type) {
			case *types.Const, *types.Var:
			default:
				continue
			}
			if b, ok := obj.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				found = append(found, n)
			}
		}
	}
	if len(found) != 1 {
		return "", false // none, or a choice the user should make
	}
	return found[0], true
}
