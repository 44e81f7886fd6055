// Package report holds what the analyzers share when they turn findings
// into diagnostics.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"

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

// Source returns the step a message calls the source of a finding: the
// last step at which the value took its kind (the read of the header, not
// the handler whose request it was).
func Source(f dataflow.Finding) dataflow.PathStep {
	src := f.Path[0]
	for _, st := range f.Path {
		if st.Origin {
			src = st
		}
	}
	return src
}

// InlinePath puts the path into the message instead of the related
// information. The golangci-lint plugin sets it: golangci-lint turns each
// related position into an issue of its own, which //nolint on the finding
// would not silence.
var InlinePath bool

// Flow makes the diagnostic of a finding: the message at the finding's
// span, and the path from source to sink as related information, one step
// each, labeled with its role ("source", "call", "field", "key", "sink"...).
// Steps in files the driver did not load are attached to the finding's
// position, with their own position in the text.
func Flow(pass *analysis.Pass, f dataflow.Finding, category, message string) analysis.Diagnostic {
	d := analysis.Diagnostic{Category: category, Message: message}
	d.Pos, d.End = Span(pass, f.Pos)
	src := Source(f)
	for i, st := range f.Path {
		role := st.Role()
		if st == src {
			role = "source"
		} else if i == 0 {
			role = "from"
		}
		pos, text := st.Pos, fmt.Sprintf("%s: %s", role, st.What)
		if !pos.IsValid() {
			pos, text = f.Pos, fmt.Sprintf("%s: %s (%s)", role, st.What, ShortPos(st.At))
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: text})
	}
	sinkPos, sinkText := f.SinkPos, "sink: "+f.Sink.What
	if !sinkPos.IsValid() {
		sinkPos, sinkText = f.Pos, fmt.Sprintf("sink: %s (%s)", f.Sink.What, ShortPos(f.Sink.At))
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: sinkPos, Message: sinkText})
	if InlinePath {
		var hops []string
		for _, st := range f.Path[indexOf(f.Path, src):] {
			hops = append(hops, ShortPos(st.At))
		}
		hops = append(hops, ShortPos(f.Sink.At))
		d.Message += " [path: " + strings.Join(dedupAdjacent(hops), " → ") + "]"
		d.Related = nil
	}
	return d
}

func indexOf(path []dataflow.PathStep, st dataflow.PathStep) int {
	for i := range path {
		if path[i] == st {
			return i
		}
	}
	return 0
}

func dedupAdjacent(s []string) []string {
	var out []string
	for _, x := range s {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}

// ShortPos renders "dir/file.go:12:3" as "file.go:12".
func ShortPos(at string) string {
	if at == "" {
		return "unknown position"
	}
	base := filepath.Base(at)
	if i := strings.LastIndex(base, ":"); i > 0 {
		base = base[:i]
	}
	return base
}

// Problems reports the engine's internal errors (a function it could not
// analyze) as diagnostics of category "internal".
func Problems(pass *analysis.Pass, problems []dataflow.Problem) {
	for _, p := range problems {
		pass.Report(analysis.Diagnostic{Pos: p.Pos, Category: "internal", Message: p.Message})
	}
}
