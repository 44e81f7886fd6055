// Command ssaonly is the performance baseline for passthrough: the same
// process layout (go/packages with full syntax, the x/tools checker) running
// one analyzer that only requires buildssa and declares a fact type, so the
// checker builds SSA for every package of the graph, dependencies included.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/packages"
)

type noFact struct{}

func (*noFact) AFact() {}

var ssaOnly = &analysis.Analyzer{
	Name:      "ssaonly",
	Doc:       "builds SSA and does nothing else",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(noFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		_ = pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
		return nil, nil
	},
}

func main() {
	patterns := os.Args[1:]
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if _, err := checker.Analyze([]*analysis.Analyzer{ssaOnly}, pkgs, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
