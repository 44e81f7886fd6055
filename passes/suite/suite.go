// Package suite lists the passthrough analyzers, for every driver (the
// command, go vet, golangci-lint, gopls) to run the same set, built from
// one configuration value, with the //passthrough:allow directive applied
// to each.
package suite

import (
	"go/types"
	"slices"
	"sync"

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
		doneWithSSA(out[i])
	}
	return out
}

// doneWithSSA makes a tell ssapkg when it is done with a package (see
// FreeAsItRuns): after its run and the directives, the last readers of
// the package's syntax.
func doneWithSSA(a *analysis.Analyzer) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		defer ssapkg.Done(pass)
		return run(pass)
	}
}

// Analyzers returns the analyzers as go vet and gopls run them: each
// package's configuration is the .passthrough.yml at its module root, if
// any, with the analyzers' flags added (config.Config.ForPackage).
func Analyzers() []*analysis.Analyzer {
	return New(&config.Config{FromModule: true}, suppress.Options{})
}

// perPackage is the one suite that Named serves, built once.
var perPackage = sync.OnceValue(Analyzers)

// Named returns the analyzer called name of one suite shared by every
// caller, as go vet builds it (Analyzers): for drivers that want one
// package-level variable per analyzer, Bazel's nogo (see passes/nogo).
// It panics on a name that is not the suite's.
func Named(name string) *analysis.Analyzer {
	for _, a := range perPackage() {
		if a.Name == name {
			return a
		}
	}
	panic("passthrough: no analyzer " + name)
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
// memory. With the SSA form go the syntax and type information the
// passes hold of each package for which keep is false (the driver keeps
// those it reads after the run: the roots, for their diagnostics); keep
// may drop the driver's own references to them. Call the function it
// returns when the run is over. go vet (one package per process) and
// gopls (which keeps packages for later requests) do not call it.
func FreeAsItRuns(analyzers []*analysis.Analyzer, keep func(*types.Package) bool) (done func()) {
	seen := map[*analysis.Analyzer]bool{}
	n := 0
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		if slices.Contains(a.Requires, ssapkg.Analyzer) {
			n++ // each of them releases it (New, replaced)
		}
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range analyzers {
		visit(a)
	}
	var drop func(*types.Package) bool
	if keep != nil {
		drop = func(p *types.Package) bool { return !keep(p) }
	}
	ssapkg.SetUsers(n, drop)
	return func() { ssapkg.SetUsers(0, nil) }
}

// NeedsSyntax reports whether the analyzers can look inside a package
// that is not a root of the run: not one of the standard library (its
// files' names tell), and one of the main module (or of none) or a module
// dependency that imports, directly or not, a package through which
// requests, headers and tokens travel. A loader may type-check any other
// package from its declarations only and hand it over without files: the
// analyzers skip it either way. path and imports describe the import
// graph the loader has.
func NeedsSyntax[P comparable](p P, pkgPath string, files []string, inMainModule bool, path func(P) string, imports func(P) []P) bool {
	if ssapkg.IsStandardPackage(pkgPath, files) {
		return false
	}
	return ssapkg.MayMatter(p, inMainModule, path, imports)
}
