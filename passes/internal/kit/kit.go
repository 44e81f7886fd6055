// Package kit makes the analyzers of the suite alike: each is built by
// New from its name, its doc.go and its run function.
package kit

import (
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// New makes an analyzer of the suite: its documentation is the
// "# Analyzer name" section of its doc.go, its URL its package's
// documentation, it requires the SSA that ssapkg builds once for all, and
// it exports facts of the given types.
func New(name, docGo string, run func(*analysis.Pass) (any, error), facts ...analysis.Fact) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      name,
		Doc:       ruledoc.Extract(docGo, name),
		URL:       "https://pkg.go.dev/github.com/passthroughlint/passthrough/passes/" + name,
		Run:       run,
		Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
		FactTypes: facts,
	}
}
