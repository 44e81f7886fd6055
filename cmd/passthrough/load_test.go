package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestPartialLoading: loading the packages that cannot matter from their
// declarations only, and dropping their syntax, reports exactly what a
// full load (go/packages' LoadAllSyntax) reports: every finding, with its
// message, path and fixes, on the demo and on the modules written against
// real frameworks, SDKs and JWT libraries (whose facts cross module
// dependencies).
func TestPartialLoading(t *testing.T) {
	for _, dir := range []string{testdata("demo"), testdata("e2e", "frameworks"), testdata("e2e", "sdks"), testdata("e2e", "jwtlibs")} {
		t.Run(dir, func(t *testing.T) {
			t.Chdir(dir)
			full, partial := findingsOf(t, true), findingsOf(t, false)
			if len(full) == 0 {
				t.Fatal("no findings: the comparison would prove nothing")
			}
			if !slices.Equal(full, partial) {
				t.Errorf("partial loading reports differently\nfull:\n  %s\npartial:\n  %s",
					strings.Join(full, "\n  "), strings.Join(partial, "\n  "))
			}
		})
	}
}

// findingsOf analyzes ./... in the current directory and returns each
// finding in full, sorted.
func findingsOf(t *testing.T, loadAll bool) []string {
	t.Helper()
	o, err := parseFlags([]string{"-cache=off", "./..."}, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	analyzers, err := configure(o)
	if err != nil {
		t.Fatal(err)
	}
	o.phases, o.loadAll = newPhases(io.Discard, false), loadAll
	res, err := analyze(analyzers, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.errors) > 0 {
		t.Fatalf("load errors: %v", res.errors)
	}
	var out []string
	for _, f := range res.findings {
		s := fmt.Sprintf("%s %s %s", f.posn, f.analyzer, f.diag.Message)
		for _, r := range f.related {
			s += fmt.Sprintf("\n    %s %s", r.posn, r.message)
		}
		for _, fix := range f.diag.SuggestedFixes {
			for _, e := range fix.TextEdits {
				s += fmt.Sprintf("\n    fix %s %s-%s %q", fix.Message, res.fset.Position(e.Pos), res.fset.Position(e.End), e.NewText)
			}
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// TestLoaderKeepsWhatMatters: the roots and the dependencies through which
// requests travel have syntax and full type information; the standard
// library and module dependencies that import none of those packages are
// typed from their declarations, without files.
func TestLoaderKeepsWhatMatters(t *testing.T) {
	t.Chdir(testdata("e2e", "frameworks"))
	parse := func(fset *token.FileSet, name string, src []byte) (*ast.File, error) {
		return parser.ParseFile(fset, name, src, parser.ParseComments)
	}
	roots, err := loadPackages(&packages.Config{}, []string{"./..."}, parse, nil)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*packages.Package{}
	packages.Visit(roots, nil, func(p *packages.Package) { byPath[p.PkgPath] = p })
	for _, p := range roots {
		if len(p.Syntax) == 0 || len(p.TypesInfo.Uses) == 0 || p.IllTyped {
			t.Errorf("root %s: no syntax or type information (errors %v)", p.PkgPath, p.Errors)
		}
	}
	for path, full := range map[string]bool{
		"github.com/gin-gonic/gin":         true,  // serves HTTP
		"connectrpc.com/connect":           true,  // so does Connect
		"fmt":                              false, // standard library: modelled
		"net/http":                         false,
		"google.golang.org/protobuf/proto": false, // imports no package requests travel through
		"github.com/mattn/go-isatty":       false,
	} {
		p := byPath[path]
		switch {
		case p == nil:
			t.Errorf("%s not loaded", path)
		case p.Types == nil || !p.Types.Complete():
			t.Errorf("%s: types incomplete", path)
		case full && (len(p.Syntax) == 0 || len(p.TypesInfo.Uses) == 0):
			t.Errorf("%s: loaded without syntax, but the analyzers look inside it", path)
		case !full && (len(p.Syntax) > 0 || len(p.TypesInfo.Uses) > 0):
			t.Errorf("%s: loaded with syntax, but nothing looks inside it", path)
		}
	}
}
