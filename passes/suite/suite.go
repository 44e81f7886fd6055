// Package suite lists the passthrough analyzers, for every driver (the
// command, go vet, golangci-lint) to run the same set.
package suite

import (
	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis"
)

// Analyzers returns the analyzers of the suite, in a stable order.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		tokenforward.Analyzer,
	}
}
