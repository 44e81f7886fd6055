// Package report holds what the analyzers share when they turn findings
// into diagnostics.
package report

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Span widens a position inside a statement (such as the parenthesis of a
// call, where SSA places it) to the whole expression that a reader sees as
// the finding: the call, the assignment, the composite-literal field or the
// return. Editors and SARIF consumers underline that range.
func Span(pass *analysis.Pass, pos token.Pos) (token.Pos, token.Pos) {
	for _, f := range pass.Files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			switch n.(type) {
			case *ast.CallExpr, *ast.KeyValueExpr, *ast.AssignStmt, *ast.ReturnStmt:
				return n.Pos(), n.End()
			case *ast.FuncDecl, *ast.FuncLit, *ast.BlockStmt:
				return pos, token.NoPos
			}
		}
	}
	return pos, token.NoPos
}
