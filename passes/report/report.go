// Package report holds what the analyzers share when they turn findings
// into diagnostics.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
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

// Start returns where Flow reports a finding at pos, for the engine's
// list of provisional findings (dataflow.Config.ReportPos).
func Start(pass *analysis.Pass) func(token.Pos) token.Pos {
	return func(pos token.Pos) token.Pos {
		start, _ := Span(pass, pos)
		return start
	}
}

// Flow makes the diagnostic of a finding: the message at the finding's
// span, and the path from source to sink as related information, one step
// each, labeled with its role ("source", "call", "field", "key", "sink"...).
// Steps in files the driver did not load are attached to the finding's
// position, with their own position in the text.
func Flow(pass *analysis.Pass, f dataflow.Finding, category, message string) analysis.Diagnostic {
	d := analysis.Diagnostic{Category: category, Message: message}
	d.Pos, d.End = Span(pass, f.Pos)
	src := f.Source()
	for i, st := range f.Path {
		role := st.Role.String()
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
	for _, o := range f.Also {
		pos, text := o.Pos, "also reaches: "+o.Sink.What
		if !pos.IsValid() {
			pos, text = f.Pos, fmt.Sprintf("also reaches: %s (%s)", o.Sink.What, ShortPos(o.Sink.At))
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: text})
	}
	if f.PathCut {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: d.Pos,
			Message: "note: the path is longer than the analysis keeps; steps between the last one shown and the sink are left out"})
	}
	return d
}

// InlinePaths returns a copy of a whose diagnostics carry their path in
// the message instead of as related information. The golangci-lint plugin
// uses it: golangci-lint turns each related position into an issue of its
// own, which //nolint on the finding would not silence.
func InlinePaths(a *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) { report(inline(pass.Fset, d)) }
		defer func() { pass.Report = report }()
		return a.Run(pass)
	}
	return &b
}

// inline moves a diagnostic's path, from its source on, into the message.
func inline(fset *token.FileSet, d analysis.Diagnostic) analysis.Diagnostic {
	if len(d.Related) == 0 {
		return d
	}
	var hops []string
	started := !slices.ContainsFunc(d.Related, func(r analysis.RelatedInformation) bool { return strings.HasPrefix(r.Message, "source: ") })
	for _, r := range d.Related {
		started = started || strings.HasPrefix(r.Message, "source: ")
		if !started || strings.HasPrefix(r.Message, "note: ") {
			continue
		}
		// A step outside the loaded files names its position in the text.
		if i := strings.LastIndex(r.Message, " ("); i >= 0 && strings.HasSuffix(r.Message, ")") {
			hops = append(hops, r.Message[i+2:len(r.Message)-1])
			continue
		}
		p := fset.Position(r.Pos)
		hops = append(hops, fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line))
	}
	d.Message += " [path: " + strings.Join(dedupAdjacent(hops), " → ") + "]"
	d.Related = nil
	return d
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

// ShortPos renders a position as "file.go:12".
func ShortPos(at dataflow.Position) string {
	if !at.IsValid() {
		return "unknown position"
	}
	return fmt.Sprintf("%s:%d", filepath.Base(at.File), at.Line)
}

// Categories of the diagnostics that are not findings of an analyzer's
// rule. They are still reported (and counted by the command): a run that
// could not look at everything must not look like a clean one.
const (
	CategoryInternal = "internal" // the engine failed on a function or package
	CategoryLimit    = "limit"    // a bound of the analysis cut it short
)

// Problems reports the engine's internal errors (a function it could not
// analyze) and the limits it reached, as diagnostics of category
// CategoryInternal and CategoryLimit.
func Problems(pass *analysis.Pass, problems []dataflow.Problem) {
	for _, p := range problems {
		category := CategoryInternal
		if p.Limit {
			category = CategoryLimit
		}
		pass.Report(analysis.Diagnostic{Pos: p.Pos, Category: category, Message: p.Message})
	}
}
