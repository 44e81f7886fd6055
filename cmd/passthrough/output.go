package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"github.com/passthroughlint/passthrough/passes/suppress"
)

// useColor decides whether text output is colored: never when NO_COLOR is
// set, TERM is dumb or the output is not a terminal, unless -color=always.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if !envAllowsColor(os.LookupEnv) {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// envAllowsColor reports whether the environment allows colors: not with
// NO_COLOR set (https://no-color.org) or TERM=dumb.
func envAllowsColor(lookup func(string) (string, bool)) bool {
	if _, ok := lookup("NO_COLOR"); ok {
		return false
	}
	term, _ := lookup("TERM")
	return term != "dumb"
}

// writeText prints each finding as the Go tools do (file:line:col: ...),
// then the source line and the flow path, one step a line, and a summary.
func writeText(w io.Writer, res *result, contextLines int, colored bool) error {
	bw := bufio.NewWriter(w)
	paint := func(c *color.Color, s string) string {
		if !colored {
			return s
		}
		c.EnableColor()
		return c.Sprint(s)
	}
	bold, red, cyan, faint := color.New(color.Bold), color.New(color.FgRed, color.Bold), color.New(color.FgCyan), color.New(color.Faint)
	counts := map[string]int{}
	for _, f := range res.findings {
		if f.suppressed() {
			// Shown with -show-suppressed, in position order, marked.
			fmt.Fprintf(bw, "%s: %s %s\n", paint(faint, fmt.Sprintf("%s:%d:%d", relPath(f.posn.Filename), f.posn.Line, f.posn.Column)),
				paint(faint, f.analyzer+" (suppressed):"), f.diag.Message)
			continue
		}
		counts[ruleOf(f)]++
		fmt.Fprintf(bw, "%s: %s %s\n",
			paint(bold, fmt.Sprintf("%s:%d:%d", relPath(f.posn.Filename), f.posn.Line, f.posn.Column)),
			paint(red, ruleOf(f)+":"), f.diag.Message)
		if contextLines >= 0 {
			writeSource(bw, f.posn.Filename, f.posn.Line, contextLines, paint, faint)
		}
		for i, r := range f.related {
			role, msg, _ := strings.Cut(r.message, ": ")
			arrow := "→ "
			if i == 0 {
				arrow = "  "
			}
			fmt.Fprintf(bw, "    %s%s  %s  %s\n", arrow, paint(cyan, fmt.Sprintf("%-6s", role)), msg, paint(faint, fmt.Sprintf("%s:%d", relPath(r.posn.Filename), r.posn.Line)))
		}
		if len(f.diag.SuggestedFixes) > 0 {
			fmt.Fprintf(bw, "    %s  %s %s\n", paint(cyan, "fix   "), f.diag.SuggestedFixes[0].Message, paint(faint, "(passthrough -fix applies it, -diff shows it)"))
		}
	}
	total := res.count()
	switch {
	case total == 0 && len(res.errors) > 0:
		fmt.Fprintln(bw, "no findings in the packages that could be analyzed")
	case total == 0:
		fmt.Fprintln(bw, "no findings")
	default:
		names := make([]string, 0, len(counts))
		for n := range counts {
			names = append(names, n)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, counts[n])
		}
		noun := "findings"
		if total == 1 {
			noun = "finding"
		}
		fmt.Fprintf(bw, "%d %s: %s\n", total, noun, strings.Join(parts, ", "))
	}
	return bw.Flush()
}

// ruleOf is the name a finding is listed under: its analyzer's, or
// "directive" for a problem with a //passthrough:allow directive.
func ruleOf(f finding) string {
	if f.diag.Category == suppress.DirectiveCategory {
		return suppress.DirectiveCategory
	}
	return f.analyzer
}

// sarifRuleOf returns the SARIF rule of a finding: its analyzer's, or
// the rule of its own its category has (audience/unverified-bearer), for
// allowed findings too. Text and JSON name the analyzer, as go vet does,
// and JSON keeps the category.
func sarifRuleOf(f finding) string {
	category := f.diag.Category
	if orig, ok := suppress.Suppressed(category); ok {
		category = orig
	}
	if category != "" && ruledoc.HasCategory(f.analyzer, category) {
		return f.analyzer + "/" + category
	}
	return ruleOf(f)
}

// suppressed reports whether a finding was allowed by a directive (and
// is shown only because an output keeps allowed findings).
func (f finding) suppressed() bool {
	_, ok := suppress.Suppressed(f.diag.Category)
	return ok
}

// writeSource prints the reported line with n lines of context, like the
// Go compiler's context lines.
func writeSource(w io.Writer, file string, line, n int, paint func(*color.Color, string) string, faint *color.Color) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for l := max(line-n, 1); l <= min(line+n, len(lines)); l++ {
		text := strings.TrimRight(lines[l-1], "\r")
		mark := "   "
		if l == line {
			mark = " > "
		}
		fmt.Fprintf(w, "%s%s\n", paint(faint, fmt.Sprintf("%s%5d | ", mark, l)), text)
	}
}

// The JSON output is the golang.org/x/tools analysis JSON tree:
// package ID -> analyzer name -> diagnostics.
type jsonDiagnostic struct {
	Category       string             `json:"category,omitempty"`
	Posn           string             `json:"posn"`
	End            string             `json:"end"`
	Message        string             `json:"message"`
	SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated      `json:"related,omitempty"`
}

// jsonSuggestedFix and jsonTextEdit are go vet -json's: byte offsets in
// the named file.
type jsonSuggestedFix struct {
	Message string         `json:"message"`
	Edits   []jsonTextEdit `json:"edits"`
}

type jsonTextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// jsonError is how the tree records an analyzer that did not run on a
// package, as go vet -json does.
type jsonError struct {
	Err string `json:"error"`
}

func writeJSON(w io.Writer, res *result, analyzers []string) error {
	tree := map[string]map[string]any{}
	for id, msg := range res.notAnalyzed {
		tree[id] = map[string]any{}
		for _, a := range analyzers {
			tree[id][a] = jsonError{Err: msg}
		}
	}
	for _, f := range res.findings {
		if tree[f.pkgID] == nil {
			tree[f.pkgID] = map[string]any{}
		}
		d := jsonDiagnostic{Category: f.diag.Category, Posn: f.posn.String(), End: f.end.String(), Message: f.diag.Message}
		for _, r := range f.related {
			d.Related = append(d.Related, jsonRelated{Posn: r.posn.String(), End: r.posn.String(), Message: r.message})
		}
		for _, fix := range f.diag.SuggestedFixes {
			jf := jsonSuggestedFix{Message: fix.Message, Edits: []jsonTextEdit{}}
			for _, e := range fix.TextEdits {
				start, end := res.fset.Position(e.Pos), res.fset.Position(e.End)
				if !e.End.IsValid() {
					end = start
				}
				jf.Edits = append(jf.Edits, jsonTextEdit{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		list, _ := tree[f.pkgID][ruleOf(f)].([]jsonDiagnostic)
		tree[f.pkgID][ruleOf(f)] = append(list, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	enc.SetEscapeHTML(false)
	return enc.Encode(tree)
}
