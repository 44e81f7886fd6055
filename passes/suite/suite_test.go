package suite_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/suite"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// withCategory prefixes each message with its category, so that the
// expectations say which kind of diagnostic they are.
func withCategory(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message = fmt.Sprintf("%s: %s", d.Category, d.Message)
			report(d)
		}
		defer func() { pass.Report = report }()
		return run(pass)
	}
	return &b
}

func tokenforward(opts suppress.Options) *analysis.Analyzer { return analyzer("tokenforward", opts) }

// analyzer returns the suite's analyzer called name.
func analyzer(name string, opts suppress.Options) *analysis.Analyzer {
	for _, a := range suite.New(new(config.Config), opts) {
		if a.Name == name {
			return withCategory(a)
		}
	}
	panic("no " + name)
}

// TestResourceDirective: the directive allows a resource finding by its
// analyzer's name, and only by it.
func TestResourceDirective(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer("resource", suppress.Options{}), "example.com/resourceallow")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward(suppress.Options{}), "example.com/directives")
}

func TestUnusedAndShown(t *testing.T) {
	opts := suppress.Options{ReportUnused: true, ShowSuppressed: true}
	analysistest.Run(t, analysistest.TestData(), tokenforward(opts), "example.com/unused")
}

// TestNamesMatchAnalyzers: the names directives are checked against are
// those of the analyzers.
func TestNamesMatchAnalyzers(t *testing.T) {
	as := suite.Analyzers()
	names := suite.Names()
	if len(as) != len(names) {
		t.Fatalf("%d analyzers, %d names", len(as), len(names))
	}
	for i, a := range as {
		if a.Name != names[i] {
			t.Errorf("analyzer %d is %s, name %s", i, a.Name, names[i])
		}
	}
}

// TestTwoConfigurations: two suites in one process keep their own
// configuration (as golangci-lint and gopls may hold them).
func TestTwoConfigurations(t *testing.T) {
	withKey := &config.Config{Headers: []string{"X-Api-Key"}}
	a, b := suite.New(withKey, suppress.Options{}), suite.Analyzers()
	if a[0] == b[0] || a[0].Flags.Lookup("headers").Value.String() != "X-Api-Key" || b[0].Flags.Lookup("headers").Value.String() != "" {
		t.Errorf("configurations leak between suites: %q, %q", a[0].Flags.Lookup("headers").Value, b[0].Flags.Lookup("headers").Value)
	}
}

// TestConfigurationFromModule: as go vet and gopls run them, the
// analyzers read the .passthrough.yml at the module root of each package,
// with their flags' settings added; a module without one gets the flags'
// alone, and a file's disable list switches an analyzer off there.
func TestConfigurationFromModule(t *testing.T) {
	tf := suite.Analyzers()[0]
	if err := tf.Flags.Set("headers", "X-Other-Secret"); err != nil {
		t.Fatal(err)
	}
	for _, module := range []string{"withfile", "nofile", "disabled"} {
		analysistest.Run(t, filepath.Join(analysistest.TestData(), "discover", module), tf, "./...")
	}
}
