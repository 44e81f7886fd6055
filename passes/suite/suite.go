// Package suite lists the passthrough analyzers, for every driver (the
// command, go vet, golangci-lint, gopls) to run the same set, built from
// one configuration value, with the //passthrough:allow directive applied
// to each.
package suite

import (
	"slices"

	"github.com/passthroughlint/passthrough/passes/audience"
	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/headerforward"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/resource"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis"
)

// constructors build the analyzers, in the suite's order.
var constructors = []func(*config.Config) *analysis.Analyzer{
	tokenforward.New,
	headerforward.New,
	audience.New,
	resource.New,
}

// names are the analyzers' names, as directives and flags use them.
var names = config.AnalyzerNames

// New returns the analyzers of the suite configured by cfg (all of them:
// cfg.Disable is for the driver to apply, see Enabled), each honoring
// //passthrough:allow as opts say. Their flags write into cfg. Each call
// returns new analyzers, so that one process can run two configurations.
func New(cfg *config.Config, opts suppress.Options) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(constructors))
	for i, c := range constructors {
		out[i] = c(cfg)
		suppress.Wrap(out[i], names, opts)
	}
	return out
}

// Analyzers returns the analyzers as go vet and gopls run them: each
// package's configuration is the .passthrough.yml at its module root, if
// any, with the analyzers' flags added (config.Config.ForPackage).
func Analyzers() []*analysis.Analyzer {
	return New(&config.Config{FromModule: true}, suppress.Options{})
}

// Enabled returns the analyzers cfg does not disable.
func Enabled(analyzers []*analysis.Analyzer, cfg *config.Config) []*analysis.Analyzer {
	return slices.DeleteFunc(slices.Clone(analyzers), func(a *analysis.Analyzer) bool {
		return slices.Contains(cfg.Disable, a.Name)
	})
}

// Names returns the names of the analyzers, as directives and flags use them.
func Names() []string { return slices.Clone(names) }

// FreeAsItRuns makes a run of analyzers that executes the whole action
// graph in one process (the command, with the checker) free each
// package's SSA as soon as the analyzers that use it are done with that
// package, instead of when the run ends: dependents read facts, never
// another package's SSA, and the function bodies are most of a run's
// memory. Call the function it returns when the run is over. go vet (one
// package per process) and gopls (which keeps packages for later
// requests) do not call it.
func FreeAsItRuns(analyzers []*analysis.Analyzer) (done func()) {
	seen := map[*analysis.Analyzer]bool{}
	n := 0
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		if slices.Contains(a.Requires, ssapkg.Analyzer) {
			n++ // each of them releases it (kit.New, replaced)
		}
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range analyzers {
		visit(a)
	}
	ssapkg.SetUsers(n)
	return func() { ssapkg.SetUsers(0) }
}
