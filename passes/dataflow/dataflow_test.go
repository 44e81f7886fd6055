package dataflow_test

import (
	"go/types"
	"testing"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// toyRules is the smallest rule set: secret() returns a secret, leak(x)
// leaks it, and a call to boom() makes the rules panic, to check that the
// engine survives a failure in one function.
type toyRules struct{ dataflow.NoRules }

var secret = dataflow.NewKind("secret")

func (toyRules) Derivable(k dataflow.Kind) bool { return k == secret }
func (toyRules) Assumable(t types.Type) []dataflow.Kind {
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		return []dataflow.Kind{secret}
	}
	return nil
}
func (toyRules) Model(c *dataflow.Call) ([]dataflow.Flow, bool) {
	if c.Callee == nil {
		return nil, false
	}
	switch c.Callee.Name() {
	case "secret":
		return []dataflow.Flow{dataflow.SourceFlow(secret, dataflow.Result, 0, "secret()", 0)}, true
	case "leak":
		return []dataflow.Flow{dataflow.SinkFlow(0, secret, dataflow.SinkInfo{What: "leak()"}, nil)}, true
	case "boom":
		panic("boom")
	}
	return nil, false
}

type funcFact struct{ dataflow.Summary }

func (*funcFact) AFact() {}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

var toy = &analysis.Analyzer{
	Name:      "toy",
	Doc:       "toy rules for engine tests",
	FactTypes: []analysis.Fact{new(funcFact), new(packageFact)},
	Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := dataflow.Run(pass, &dataflow.Config{
			Rules:          toyRules{},
			SSA:            pass.ResultOf[ssapkg.Analyzer].(*ssapkg.SSA),
			NewFuncFact:    func() dataflow.FuncFact { return new(funcFact) },
			NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		})
		for _, p := range res.Problems {
			pass.Reportf(p.Pos, "problem: %s", firstLine(p.Message))
		}
		for _, f := range res.Findings {
			pass.Reportf(f.Pos, "%s reaches %s", f.Path[0].What, f.Sink.What)
		}
		return nil, nil
	},
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}

// TestRecoversFromPanics: the function whose analysis panics is reported as
// a problem and skipped; the other functions are still analyzed.
func TestRecoversFromPanics(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/robust")
}
