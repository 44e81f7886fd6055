// Package kit makes the analyzers of the suite alike: each is built by
// New from its name, its doc.go and its run function.
package kit

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// New makes an analyzer of the suite: its documentation is the
// "# Analyzer name" section of its doc.go, its URL its package's
// documentation, it requires the SSA that ssapkg builds once for all (the
// suite says when it is done with it, ssapkg.Done, after the directives
// are applied), and it exports facts of the given types. A package whose
// SSA could not be built, or on which run panics, is an error of the
// analyzer for that package (Safely), not a crash of the driver.
func New(name, docGo string, run func(*analysis.Pass) (any, error), facts ...analysis.Fact) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: name,
		Doc:  ruledoc.Extract(docGo, name),
		URL:  "https://pkg.go.dev/github.com/passthroughlint/passthrough/passes/" + name,
		Run: Safely(func(pass *analysis.Pass) (any, error) {
			res, err := run(pass)
			if err == nil {
				err = ssapkg.Err(pass)
			}
			return res, err
		}),
		Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
		FactTypes: facts,
	}
}

// Safely returns run, with a panic turned into its error: the drivers
// (the x/tools checker, go vet's unitchecker) do not recover, so a bug
// met on one package of the user's code would otherwise end the whole
// run with a stack trace. The error names the panic and where it was
// raised, on one line.
func Safely(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, fmt.Errorf("internal error (please report it): %v%s", r, panicSite())
			}
		}()
		return run(pass)
	}
}

// panicSite returns " at file:line" of the function that panicked, from
// within a deferred recover: the first frame below the runtime's.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf(" at %s:%d", f.File, f.Line)
		}
		if !more {
			return ""
		}
	}
}

// NewConfigured is New for an analyzer whose run takes what compile makes
// of the configuration of each package (config.Config.ForPackage: the
// module's file under go vet and gopls, cfg itself otherwise), compiled
// once per configuration, after the analyzer's flags have been set. It
// does not run where that configuration disables it.
func NewConfigured[T any](name, docGo string, cfg *config.Config, compile func(*config.Config) T, run func(*analysis.Pass, T) (any, error), facts ...analysis.Fact) *analysis.Analyzer {
	rulesFor := configured(name, cfg, compile)
	return New(name, docGo, func(pass *analysis.Pass) (any, error) {
		rules, enabled, err := rulesFor(pass)
		if !enabled {
			return nil, err
		}
		return run(pass, rules)
	}, facts...)
}

// configured returns, for a pass, what compile makes of the
// configuration of the pass's package, compiling each configuration
// once; enabled is false when that configuration disables the analyzer
// called name.
func configured[T any](name string, cfg *config.Config, compile func(*config.Config) T) func(*analysis.Pass) (rules T, enabled bool, err error) {
	var compiled sync.Map // *config.Config -> func() T
	return func(pass *analysis.Pass) (T, bool, error) {
		var zero T
		filename := ""
		if len(pass.Files) > 0 {
			if f := pass.Fset.File(pass.Files[0].FileStart); f != nil {
				filename = f.Name()
			}
		}
		c, err := cfg.ForPackage(filename)
		if err != nil {
			return zero, false, err
		}
		if slices.Contains(c.Disable, name) {
			return zero, false, nil
		}
		once, _ := compiled.LoadOrStore(c, sync.OnceValue(func() T { return compile(c) }))
		return once.(func() T)(), true, nil
	}
}
