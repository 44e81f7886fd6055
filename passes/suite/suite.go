// Package suite lists the passthrough analyzers, for every driver (the
// command, go vet, golangci-lint) to run the same set, with the
// //passthrough:allow directive applied to each.
package suite

import (
	"sync"

	"github.com/passthroughlint/passthrough/passes/audience"
	"github.com/passthroughlint/passthrough/passes/headerforward"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis"
)

var (
	once sync.Once
	all  = []*analysis.Analyzer{
		tokenforward.Analyzer,
		headerforward.Analyzer,
		audience.Analyzer,
	}
)

// Analyzers returns the analyzers of the suite, in a stable order. Each
// honors //passthrough:allow (see package suppress).
func Analyzers() []*analysis.Analyzer {
	once.Do(func() {
		names := Names()
		for _, a := range all {
			suppress.Wrap(a, names)
		}
	})
	return append([]*analysis.Analyzer(nil), all...)
}

// Names returns the names of the analyzers, as directives and flags use them.
func Names() []string {
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.Name
	}
	return names
}
