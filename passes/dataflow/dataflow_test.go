package dataflow_test

import (
	"go/types"
	"os"
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
	switch u := t.Underlying().(type) {
	case *types.Chan:
		t = u.Elem()
	case *types.Slice:
		t = u.Elem()
	case *types.Map:
		t = u.Elem()
	}
	if _, ok := t.Underlying().(*types.Interface); ok { // any, a type parameter
		return []dataflow.Kind{secret}
	}
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
	case "leak", "leak2":
		return []dataflow.Flow{dataflow.SinkFlow(0, secret, dataflow.SinkInfo{What: c.Callee.Name() + "()"}, nil)}, true
	case "boom":
		panic("boom")
	}
	return nil, false
}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

var toy = newToy("toy", "toy rules for engine tests", func(pass *analysis.Pass, res *dataflow.Outcome, _ []dataflow.Finding) {
	for _, p := range res.Problems {
		kind := "problem"
		if p.Limit {
			kind = "limit"
		}
		pass.Reportf(p.Pos, "%s: %s", kind, firstLine(p.Message))
	}
	for _, f := range res.Findings {
		cut := ""
		if f.PathCut {
			cut = " (path cut)"
		}
		pass.Reportf(f.Pos, "%s reaches %s%s", f.Source().What, f.Sink.What, cut)
	}
})

// newToy makes an analyzer of the toy rules that reports with report,
// which also gets what the engine handed to Events.Found.
func newToy(name, doc string, report func(*analysis.Pass, *dataflow.Outcome, []dataflow.Finding)) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      name,
		Doc:       doc,
		FactTypes: []analysis.Fact{new(packageFact)},
		Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			var found foundEvents
			res := dataflow.Run(pass, &dataflow.Config{
				Rules:          toyRules{},
				SSA:            ssapkg.Of(pass),
				NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
				Events:         &found,
			})
			report(pass, res, found)
			return nil, nil
		},
	}
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

// TestInitFunctions: init functions (init#1, init#2) and the function
// literals of package-level variables are analyzed.
func TestInitFunctions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/initfuncs")
}

// TestDeclarationOrder: a call chain deeper than any round count is found
// whether it is declared caller first or callee first.
func TestDeclarationOrder(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/deepcallerfirst", "example.com/deepcalleefirst")
}

// TestLineDirectives: positions are those of the Go file, whatever the
// //line directives say, and nothing panics.
func TestLineDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/linedirective")
}

// TestCgo: a cgo package is analyzed through its processed files.
func TestCgo(t *testing.T) {
	if testenv := os.Getenv("CGO_ENABLED"); testenv == "0" {
		t.Skip("cgo disabled")
	}
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/cgo")
}

// TestLimits: reaching a bound is reported.
func TestLimits(t *testing.T) {
	defer dataflow.SetMaxInstrs(40)()
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/limits")
}

// TestEveryLeakKept: a place that leaks in two sinks keeps both: a store
// into it is one finding (one per position) that names the other sink,
// and the rule's Events see it reach each sink.
func TestEveryLeakKept(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toyEvents, "example.com/places/app")
}

// toyEvents reports every (position, sink, source) the engine hands to
// Events.Found, and each finding it returns.
var toyEvents = newToy("toyevents", "toy rules, reporting Events.Found", func(pass *analysis.Pass, res *dataflow.Outcome, found []dataflow.Finding) {
	for _, f := range found {
		pass.Reportf(f.Pos, "found: %s reaches %s", f.Source().What, f.Sink.What)
	}
	for _, f := range res.Findings {
		var also []string
		for _, o := range f.Also {
			also = append(also, o.Sink.What)
		}
		pass.Reportf(f.Pos, "finding, also %v", also)
	}
})

type foundEvents []dataflow.Finding

func (*foundEvents) SourceSeen(dataflow.SourceEvent) {}
func (e *foundEvents) Found(f dataflow.Finding)      { *e = append(*e, f) }

// TestMeetingInAThirdPackage: a holding and a leak of one place, found in
// two packages that do not import each other, are reported once, in the
// first package that imports both, and not again above it.
func TestMeetingInAThirdPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/meet/joiner", "example.com/meet/above")
}

// TestInterfaceCalls: a call through an interface reaches the methods of
// that name whose receivers implement it, here and in dependencies.
func TestInterfaceCalls(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/dispatch/app")
}

// TestOneFlowOneFinding: a store into a field and the read that hands it
// to a sink elsewhere are one flow, reported at the hand-over only.
func TestOneFlowOneFinding(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/oneflow")
}

// TestKeysFromAConstantList: context keys converted from a variable that
// ranges over constants are each of those keys.
func TestKeysFromAConstantList(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/keylist")
}

// TestChannels: a value sent on a channel is what a receive gets, in the
// same function, in a goroutine started with the channel, and in a
// closure run by a goroutine.
func TestChannels(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/channels")
}

// TestFunctionValues: a function value returns what it carries, through
// fields, method values and parameters.
func TestFunctionValues(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/funcvalues")
}

// TestOutParameters: what a function writes through a map, slice or
// pointer parameter reaches the caller's value.
func TestOutParameters(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/outparams")
}

// TestCallbacks: a function that calls a function parameter hands the
// callback what it passes (decorators, range-over-func iterators).
func TestCallbacks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), toy, "example.com/callbacks")
}
