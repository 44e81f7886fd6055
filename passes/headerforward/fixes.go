package headerforward

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Suggested fixes insert the statements that remove Authorization (and
// each configured credential header), where that is mechanical: the
// copy's target or the request is a plain expression in scope. Each keeps
// the file compiling and gofmt-clean.

// dels returns one statement per header that must go: target.Del("...").
func (ch *checker) dels(target string) string {
	var b strings.Builder
	for i, name := range ch.mustRemove {
		if i > 0 {
			b.WriteString("\n%INDENT%")
		}
		fmt.Fprintf(&b, "%s.Del(%q)", target, textproto.CanonicalMIMEHeaderKey(name))
	}
	return b.String()
}

func (ch *checker) fixFinding(pass *analysis.Pass, f dataflow.Finding) (analysis.SuggestedFix, bool) {
	file, path := enclosing(pass, f.Pos)
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	switch f.Sink.Tag {
	case sinkCopyLoop:
		return ch.fixLoop(pass, file, path)
	case sinkAssign:
		for _, n := range path {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
				if sel, ok := as.Lhs[0].(*ast.SelectorExpr); ok && sel.Sel.Name == "Header" {
					return insertAfter(pass, as, ch.dels(types.ExprString(sel.X)+".Header"), "delete Authorization after copying the inbound header")
				}
			}
		}
	case sinkMapsCopy:
		for _, n := range path {
			if es, ok := n.(*ast.ExprStmt); ok {
				if call, ok := es.X.(*ast.CallExpr); ok && len(call.Args) == 2 {
					return insertAfter(pass, es, ch.dels(types.ExprString(call.Args[0])), "delete Authorization after copying the inbound header")
				}
			}
		}
	case sinkSendReceived:
		for _, n := range path {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				continue
			}
			id, ok := call.Args[0].(*ast.Ident)
			if !ok {
				return analysis.SuggestedFix{}, false
			}
			if stmt := enclosingStmt(path); stmt != nil {
				return insertBefore(pass, stmt, ch.dels(id.Name+".Header"), "delete Authorization before sending the received request")
			}
		}
	}
	return analysis.SuggestedFix{}, false
}

// fixLoop adds, at the start of the loop over the inbound header set,
// a continue for Authorization (and the configured credential headers).
func (ch *checker) fixLoop(pass *analysis.Pass, file *ast.File, path []ast.Node) (analysis.SuggestedFix, bool) {
	for _, n := range path {
		rs, ok := n.(*ast.RangeStmt)
		if !ok {
			continue
		}
		if _, isMap := pass.TypesInfo.TypeOf(rs.X).Underlying().(*types.Map); !isMap {
			continue
		}
		key, ok := rs.Key.(*ast.Ident)
		if !ok || key.Name == "_" {
			return analysis.SuggestedFix{}, false
		}
		httpName := importName(file, "net/http")
		if httpName == "" || httpName == "_" || httpName == "." {
			return analysis.SuggestedFix{}, false
		}
		stmt := fmt.Sprintf(`if %s.CanonicalHeaderKey(%s) == "Authorization" {`+"\n%[3]s\tcontinue\n%[3]s}", httpName, key.Name, "%INDENT%")
		if len(ch.mustRemove) > 1 {
			var names []string
			for _, n := range ch.mustRemove {
				names = append(names, strconv.Quote(textproto.CanonicalMIMEHeaderKey(n)))
			}
			stmt = fmt.Sprintf(`switch %s.CanonicalHeaderKey(%s) {`+"\n%[4]scase %[3]s:\n%[4]s\tcontinue\n%[4]s}", httpName, key.Name, strings.Join(names, ", "), "%INDENT%")
		}
		return insertAtStart(pass, rs.Body, stmt, "skip Authorization when copying the inbound header")
	}
	return analysis.SuggestedFix{}, false
}

// fixProxy adds the removal at the start of a Director or Rewrite literal.
func (ch *checker) fixProxy(pass *analysis.Pass, p proxyFinding) (analysis.SuggestedFix, bool) {
	if p.fix == nil {
		return analysis.SuggestedFix{}, false
	}
	lit, ok := p.fix.Syntax().(*ast.FuncLit)
	if !ok || len(lit.Type.Params.List) != 1 || len(lit.Type.Params.List[0].Names) != 1 {
		return analysis.SuggestedFix{}, false
	}
	param := lit.Type.Params.List[0].Names[0].Name
	if param == "_" {
		return analysis.SuggestedFix{}, false
	}
	stmt := ch.dels(param + ".Header")
	if p.rewrite {
		stmt = ch.dels(param + ".Out.Header")
	}
	return insertAtStart(pass, lit.Body, stmt, "delete Authorization from the outgoing request")
}

func enclosing(pass *analysis.Pass, pos token.Pos) (*ast.File, []ast.Node) {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return f, path
		}
	}
	return nil, nil
}

func enclosingStmt(path []ast.Node) ast.Stmt {
	for _, n := range path {
		if s, ok := n.(ast.Stmt); ok {
			if _, isBlock := n.(*ast.BlockStmt); !isBlock {
				return s
			}
		}
	}
	return nil
}

func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && p == path {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return path[strings.LastIndex(path, "/")+1:]
		}
	}
	return ""
}

// indentOf returns the leading white space of the line holding pos.
func indentOf(pass *analysis.Pass, pos token.Pos) (string, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return "", false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	// The line in this file, not the one a //line directive names.
	start := tf.Offset(tf.LineStart(tf.PositionFor(pos, false).Line))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(bytes.Clone(src[start:end])), true
}

// insertAfter inserts a statement on the line after stmt (after any
// comment that ends stmt's line).
func insertAfter(pass *analysis.Pass, stmt ast.Stmt, text, msg string) (analysis.SuggestedFix, bool) {
	ind, ok := indentOf(pass, stmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(stmt.End())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	off := tf.Offset(stmt.End())
	for off < len(src) && src[off] != '\n' {
		off++
	}
	return edit(pass, msg, tf.Pos(off), "\n"+ind+indent(text, ind))
}

func insertBefore(pass *analysis.Pass, stmt ast.Stmt, text, msg string) (analysis.SuggestedFix, bool) {
	ind, ok := indentOf(pass, stmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return edit(pass, msg, stmt.Pos(), indent(text, ind)+"\n"+ind)
}

func insertAtStart(pass *analysis.Pass, body *ast.BlockStmt, text, msg string) (analysis.SuggestedFix, bool) {
	ind, ok := indentOf(pass, body.Lbrace)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	ind += "\t"
	return edit(pass, msg, body.Lbrace+1, "\n"+ind+indent(text, ind))
}

func indent(text, ind string) string { return strings.ReplaceAll(text, "%INDENT%", ind) }

// edit inserts text at pos, unless pos is in a cgo file (see
// report.Fixable).
func edit(pass *analysis.Pass, msg string, pos token.Pos, text string) (analysis.SuggestedFix, bool) {
	if !report.Fixable(pass, pos) {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}}, true
}
