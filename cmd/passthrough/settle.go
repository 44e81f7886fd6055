package main

import (
	"reflect"
	"slices"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// links is a package fact that records provisional findings and the
// handlers a package uses (the dataflow engine's, dataflow.Places).
type links interface {
	Links() *dataflow.Places
}

// settle drops the findings the analyzers reported provisionally in a
// handler's package, before the packages that register the handler were
// analyzed, when every registration among the roots replaces the
// credential (dataflow.Settle). The roots are what the command reports
// on, analyzed or replayed, so a run that replays them settles alike. A
// handler no root registers keeps its findings; go vet and
// golangci-lint, which see one package at a time, keep them all.
func settle(res *result, analyzers []*analysis.Analyzer, graph *checker.Graph, replayed []*packages.Package, cache *resultsCache) {
	facts := map[string][]*dataflow.Places{}
	if graph != nil {
		for act := range graph.All() {
			if !act.IsRoot || act.Err != nil {
				continue
			}
			for _, ft := range act.Analyzer.FactTypes {
				ptr := reflect.New(reflect.TypeOf(ft).Elem()).Interface().(analysis.Fact)
				if l, ok := ptr.(links); ok && act.PackageFact(act.Package.Types, ptr) {
					facts[act.Analyzer.Name] = append(facts[act.Analyzer.Name], l.Links())
				}
			}
		}
	}
	if cache != nil {
		for _, p := range replayed {
			for _, a := range analyzers {
				rec := cache.hits[p].Records[a.Name]
				if rec == nil {
					continue
				}
				for _, f := range rec.PackageFacts {
					if l, ok := f.(links); ok {
						facts[a.Name] = append(facts[a.Name], l.Links())
					}
				}
			}
		}
	}
	settled := map[string]map[dataflow.Position]dataflow.Settlement{}
	for name, fs := range facts {
		if s := dataflow.Settle(fs); len(s) > 0 {
			settled[name] = s
		}
	}
	if len(settled) == 0 {
		return
	}
	res.findings = slices.DeleteFunc(res.findings, func(f finding) bool {
		return settled[f.analyzer][position(&f)].Drop
	})
	for i := range res.findings {
		f := &res.findings[i]
		// An allowed finding's message ends with its directive's
		// reason, which the outputs take apart: it is left as it is.
		if note := settled[f.analyzer][position(f)].Note; note != "" && !f.suppressed() {
			f.diag.Message += " (" + note + ")"
		}
	}
}

// position is where a finding is, as facts record it.
func position(f *finding) dataflow.Position {
	return dataflow.Position{File: f.at.Filename, Line: f.at.Line, Col: f.at.Column}
}
