package headerforward

import (
	_ "embed"
	"fmt"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/kit"
	"github.com/passthroughlint/passthrough/passes/internal/models"
	"github.com/passthroughlint/passthrough/passes/internal/replaced"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports inbound header sets forwarded wholesale upstream, with
// the default configuration (and flags that go vet users set).
var Analyzer = New(new(config.Config))

// New returns the analyzer configured by cfg: extra credential header
// names count like Authorization when a copy skips or deletes them. The
// analyzer's flags write into cfg, which is read when it runs.
func New(cfg *config.Config) *analysis.Analyzer {
	compile := func(c *config.Config) *rules { return newRules(models.With(c)) }
	a := kit.NewConfigured("headerforward", doc, cfg, compile, run, new(packageFact))
	a.Requires = append(a.Requires, replaced.Analyzer)
	a.Flags.Var(config.HeadersFlag(&cfg.Headers), "headers", "extra credential header `names`, comma-separated (e.g. X-Tenant-Secret), added to Authorization, Proxy-Authorization and the default list")
	return a
}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

func init() {
	ruledoc.Register("headerforward", ruledoc.Doc{
		Name:     "WholesaleHeaderForwarding",
		Title:    "Inbound headers forwarded wholesale upstream, Authorization included",
		Tags:     []string{"security", "external/cwe/cwe-441", "external/cwe/cwe-522", "mcp"},
		Severity: "7.5",
	})
}

func run(pass *analysis.Pass, compiled *rules) (any, error) {
	r := *compiled
	r.Rules = r.ForPass()
	r.replaced = pass.ResultOf[replaced.Analyzer].(*replaced.Result)
	ssaPkg := ssapkg.Of(pass)
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          &r,
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		ReportPos:      report.Start(pass),
		SSA:            ssaPkg,
	})
	report.Problems(pass, res.Problems)
	for _, f := range res.Findings {
		if f.Kind != httpflow.InboundHeader && f.Kind != httpflow.InboundRequest {
			continue
		}
		d := diagnostic(pass, f)
		if fix, ok := r.fixFinding(pass, f); ok && atSink(pass, f) {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
	if ssaPkg != nil {
		for _, p := range r.findProxies(ssaPkg) {
			d := analysis.Diagnostic{Category: "headerforward",
				Message: fmt.Sprintf("%s: the client's token reaches the upstream; delete Authorization in the Director or Rewrite (req.Header.Del(\"Authorization\")) and authenticate upstream with the server's own token", p.what)}
			d.Pos, d.End = report.Span(pass, p.pos)
			if fix, ok := r.fixProxy(pass, p); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(d)
		}
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, f dataflow.Finding) analysis.Diagnostic {
	src := f.Source()
	what := "inbound header set"
	if f.Kind == httpflow.InboundRequest {
		what = "received request"
	}
	msg := fmt.Sprintf("%s from %s (%s) is forwarded wholesale, Authorization included, by %s: forward an allowlist of headers or delete Authorization, and authenticate upstream with the server's own token",
		what, src.What, report.ShortPos(src.At), f.Sink.What)
	return report.Flow(pass, f, "headerforward", msg)
}

// atSink reports whether a finding is reported at its sink, where the
// fixes edit the copy: not where this package hands the flow on (a
// call, a handler registered).
func atSink(pass *analysis.Pass, f dataflow.Finding) bool {
	p := pass.Fset.PositionFor(f.Pos, false)
	return p.Filename == f.Sink.At.File && p.Line == f.Sink.At.Line
}
