// Package suppress implements the //passthrough:allow directive for every
// analyzer and every driver: an analyzer wrapped by Wrap has the findings
// that a directive allows removed before they reach the driver, so the
// command, go vet, golangci-lint and editors all honor it.
//
//	//passthrough:allow tokenforward,headerforward the upstream is our own token service
//
// A directive applies to findings on its own line and on the line below.
// The reason is required; a directive without one, or naming an unknown
// analyzer, is reported as a finding of category "directive".
package suppress

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts a directive comment.
const Prefix = "//passthrough:allow"

// Category is the category of an allowed finding that Options.ShowSuppressed
// keeps: shown, not counted.
const Category = "suppressed"

// suppressedCategory is the category of an allowed finding of category
// orig, from analyzer name: Category, followed by "/orig" when the
// finding had a category of its own (so that outputs still tell its
// rule).
func suppressedCategory(orig, name string) string {
	if orig == "" || orig == name {
		return Category
	}
	return Category + "/" + orig
}

// Suppressed reports whether a category is that of an allowed finding,
// and the category the finding had.
func Suppressed(category string) (orig string, ok bool) {
	if category == Category {
		return "", true
	}
	return strings.CutPrefix(category, Category+"/")
}

// allowedAt introduces, in the message of a suppressed finding, where it
// was allowed and why: "<message> (allowed at file.go:12: <reason>)".
const allowedAt = "allowed at "

// Justification splits the message of a finding of category Category
// into the finding's own message and the reason its directive gives.
func Justification(msg string) (finding, reason string) {
	i := strings.LastIndex(msg, " ("+allowedAt)
	if i < 0 || !strings.HasSuffix(msg, ")") {
		return msg, ""
	}
	rest := msg[i+len(" ("+allowedAt) : len(msg)-1]
	if _, why, ok := strings.Cut(rest, ": "); ok {
		return msg[:i], why
	}
	return msg[:i], ""
}

// DirectiveCategory is the category of a diagnostic about a directive
// itself (malformed, or with -unused-directives, stale); outputs name
// it "directive", whichever analyzer reported it.
const DirectiveCategory = "directive"

// Options are what the command sets; other drivers keep the zero value.
type Options struct {
	// ShowSuppressed reports allowed findings with category Category
	// instead of dropping them.
	ShowSuppressed bool
	// ReportUnused reports directives that allow nothing.
	ReportUnused bool
}

// A directive is one //passthrough:allow comment.
type directive struct {
	pos       token.Pos
	file      string
	line      int
	analyzers []string
	reason    string
	used      map[string]bool
}

// Wrap makes a's findings subject to directives. known lists the names of
// all analyzers of the suite (to check directives); the first of them
// reports directives that name no known analyzer.
func Wrap(a *analysis.Analyzer, known []string, opts Options) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		var diags []analysis.Diagnostic
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		result, err := run(pass)
		pass.Report = report
		for _, d := range apply(pass, a.Name, known, diags, opts) {
			report(d)
		}
		return result, err
	}
}

// apply filters diags through the package's directives and adds the
// diagnostics about directives themselves that this analyzer owns.
func apply(pass *analysis.Pass, name string, known []string, diags []analysis.Diagnostic, opts Options) []analysis.Diagnostic {
	dirs := parse(pass.Fset, pass.Files)
	var out []analysis.Diagnostic
	for _, d := range dirs {
		if msg := d.problem(known); msg != "" && d.reporter(known) == name {
			out = append(out, analysis.Diagnostic{Pos: d.pos, Category: DirectiveCategory, Message: msg})
		}
	}
	for _, diag := range diags {
		posn := pass.Fset.Position(diag.Pos)
		var by *directive
		for _, d := range dirs {
			if d.file == posn.Filename && (d.line == posn.Line || d.line == posn.Line-1) &&
				d.reason != "" && slices.Contains(d.analyzers, name) {
				by = d
				break
			}
		}
		switch {
		case by == nil:
			out = append(out, diag)
		case opts.ShowSuppressed:
			by.used[name] = true
			diag.Category = suppressedCategory(diag.Category, name)
			diag.Message = fmt.Sprintf("%s (%s%s:%d: %s)", diag.Message, allowedAt, shortName(by.file), by.line, by.reason)
			out = append(out, diag)
		default:
			by.used[name] = true
		}
	}
	if opts.ReportUnused {
		for _, d := range dirs {
			if d.reason != "" && slices.Contains(d.analyzers, name) && !d.used[name] {
				out = append(out, analysis.Diagnostic{Pos: d.pos, Category: DirectiveCategory,
					Message: fmt.Sprintf("%s %s allows no finding here: remove it", Prefix, name)})
			}
		}
	}
	return out
}

// problem says what is wrong with a directive, or "".
func (d *directive) problem(known []string) string {
	if len(d.analyzers) == 0 {
		return fmt.Sprintf("%s needs an analyzer and a reason: %s <%s> <why this is safe>", Prefix, Prefix, strings.Join(known, "|"))
	}
	for _, a := range d.analyzers {
		if !slices.Contains(known, a) {
			return fmt.Sprintf("%s names unknown analyzer %q (known: %s)", Prefix, a, strings.Join(known, ", "))
		}
	}
	if d.reason == "" {
		return fmt.Sprintf("%s %s needs a reason: say why this flow is safe", Prefix, strings.Join(d.analyzers, ","))
	}
	return ""
}

// reporter is the analyzer that reports a problem with the directive, so
// that it is reported once: the first known analyzer it names, else the
// first of the suite.
func (d *directive) reporter(known []string) string {
	for _, a := range d.analyzers {
		if slices.Contains(known, a) {
			return a
		}
	}
	if len(known) > 0 {
		return known[0]
	}
	return ""
}

func parse(fset *token.FileSet, files []*ast.File) []*directive {
	var out []*directive
	for _, f := range files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				rest, ok := strings.CutPrefix(c.Text, Prefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				posn := fset.Position(c.Slash)
				d := &directive{pos: c.Slash, file: posn.Filename, line: posn.Line, used: map[string]bool{}}
				fields := strings.Fields(rest)
				if len(fields) > 0 {
					for _, a := range strings.Split(fields[0], ",") {
						if a = strings.TrimSpace(a); a != "" {
							d.analyzers = append(d.analyzers, a)
						}
					}
					// "//passthrough:allow a // why" reads like nolint; accept it.
					d.reason = strings.TrimSpace(strings.TrimPrefix(strings.Join(fields[1:], " "), "//"))
				}
				out = append(out, d)
			}
		}
	}
	return out
}

func shortName(file string) string {
	if i := strings.LastIndexAny(file, `/\`); i >= 0 {
		return file[i+1:]
	}
	return file
}
