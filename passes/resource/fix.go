package resource

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// fix offers to add oauth2.SetAuthURLParam("resource", url) to each
// request of the flow that lacks it, where url is what the program gives
// the transport as the MCP server's URL, when that is a constant or a
// variable in scope at every one of those calls. Otherwise there is no
// fix: a placeholder would not compile, and a guess could bind the token
// to the wrong server.
func (r *rules) fix(pass *analysis.Pass, fc *flowCall, f dataflow.Finding) (analysis.SuggestedFix, bool) {
	if fc.never || fc.params || fc.sdk != "" || !f.SinkPos.IsValid() {
		return analysis.SuggestedFix{}, false
	}
	endpoint := serverURL(pass, f.SinkPos)
	if endpoint == nil {
		return analysis.SuggestedFix{}, false
	}
	var edits []analysis.TextEdit
	for _, l := range fc.lacks {
		call := callAt(pass, l.pos)
		if call == nil || call.Ellipsis.IsValid() || len(call.Args) == 0 || !report.Fixable(pass, call.Rparen) {
			return analysis.SuggestedFix{}, false
		}
		oauth2Name, ok := importName(pass, l.pos, oauth2Pkg)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		text, ok := inScope(pass, endpoint, l.pos)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		last := call.Args[len(call.Args)-1]
		edits = append(edits, analysis.TextEdit{Pos: last.End(), End: last.End(),
			NewText: []byte(", " + oauth2Name + `.SetAuthURLParam("resource", ` + text + ")")})
	}
	text, _ := inScope(pass, endpoint, fc.lacks[0].pos)
	return analysis.SuggestedFix{
		Message:   "send resource=" + text + " (the MCP server's URL) in the OAuth requests",
		TextEdits: edits,
	}, true
}

// fileOf returns the file of the package that holds pos.
func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// callAt returns the innermost call around pos.
func callAt(pass *analysis.Pass, pos token.Pos) *ast.CallExpr {
	file := fileOf(pass, pos)
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok {
			return c
		}
	}
	return nil
}

// serverURL finds the MCP server's URL given to the transport that the
// sink at pos configures: the Endpoint of the go-sdk transport literal,
// or the URL argument of the mcp-go constructor the option is given to.
func serverURL(pass *analysis.Pass, pos token.Pos) ast.Expr {
	file := fileOf(pass, pos)
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for i, n := range path {
		switch n := n.(type) {
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Endpoint" {
						return kv.Value
					}
				}
			}
			return nil
		case *ast.CallExpr:
			// The option call; the constructor it is an argument of
			// takes the URL first.
			if i+1 < len(path) {
				if outer, ok := path[i+1].(*ast.CallExpr); ok && len(outer.Args) > 1 && isString(pass.TypesInfo.TypeOf(outer.Args[0])) {
					return outer.Args[0]
				}
			}
			return nil
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		}
	}
	return nil
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// inScope returns the text of url for use at pos: a string literal, or
// an identifier (possibly package-qualified) of a constant or variable
// that denotes the same object there.
func inScope(pass *analysis.Pass, url ast.Expr, pos token.Pos) (string, bool) {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", false
	}
	switch u := url.(type) {
	case *ast.BasicLit:
		if u.Kind == token.STRING {
			if _, err := strconv.Unquote(u.Value); err == nil {
				return u.Value, true
			}
		}
	case *ast.Ident:
		obj := pass.TypesInfo.Uses[u]
		if !isValue(obj) {
			return "", false
		}
		if _, there := scope.LookupParent(u.Name, pos); there == obj {
			return u.Name, true
		}
	case *ast.SelectorExpr:
		x, ok := u.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		pn, ok := pass.TypesInfo.Uses[x].(*types.PkgName)
		if !ok || !isValue(pass.TypesInfo.Uses[u.Sel]) {
			return "", false
		}
		if _, there := scope.LookupParent(x.Name, pos); there != nil {
			if p, ok := there.(*types.PkgName); ok && p.Imported() == pn.Imported() {
				return x.Name + "." + u.Sel.Name, true
			}
		}
	}
	return "", false
}

func isValue(obj types.Object) bool {
	switch obj.(type) {
	case *types.Const, *types.Var:
		return true
	}
	return false
}

// importName returns the name the file holding pos imports path under.
func importName(pass *analysis.Pass, pos token.Pos, path string) (string, bool) {
	file := fileOf(pass, pos)
	if file == nil {
		return "", false
	}
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err != nil || p != path {
			continue
		}
		if spec.Name != nil {
			if spec.Name.Name == "_" || spec.Name.Name == "." {
				return "", false
			}
			return spec.Name.Name, true
		}
		if pkg, ok := pass.TypesInfo.Implicits[spec].(*types.PkgName); ok {
			return pkg.Name(), true
		}
	}
	return "", false
}
