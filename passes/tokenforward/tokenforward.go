package tokenforward

import (
	_ "embed"
	"fmt"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
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

// Analyzer reports inbound credentials forwarded upstream, with the
// default configuration (and flags that go vet users set).
var Analyzer = New(new(config.Config))

// New returns the analyzer configured by cfg: its extra credential
// headers, sources and sinks. The analyzer's flags write into cfg, which
// is read when the analyzer runs.
func New(cfg *config.Config) *analysis.Analyzer {
	compile := func(c *config.Config) *rules { return newRules(models.With(c)) }
	a := kit.NewConfigured("tokenforward", doc, cfg, compile, run, new(packageFact))
	a.Requires = append(a.Requires, replaced.Analyzer)
	a.Flags.Var(config.HeadersFlag(&cfg.Headers), "headers", "extra credential header `names`, comma-separated (e.g. X-Tenant-Secret), added to Authorization, Proxy-Authorization and the default list")
	a.Flags.Var(config.SourcesFlag(&cfg.Sources), "sources", "extra sources: `pkg/path.Func:result`, comma-separated; the result (0-based) is an inbound credential")
	a.Flags.Var(config.SinksFlag(&cfg.Sinks), "sinks", "extra sinks: `(*pkg/path.Type).Method:argument`, comma-separated; the argument (0-based, receiver not counted) is sent upstream as a credential")
	return a
}

func init() {
	ruledoc.Register("tokenforward", ruledoc.Doc{
		Name:     "TokenPassthrough",
		Title:    "Inbound credential forwarded upstream (token passthrough)",
		Tags:     []string{"security", "external/cwe/cwe-441", "external/cwe/cwe-522", "mcp"},
		Severity: "8.1",
	})
}

// packageFact records the fields and context keys that hold or leak
// credentials.
type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

// modelled are the packages whose calls models.go describes.
var modelled = []string{
	"golang.org/x/oauth2",
	"google.golang.org/grpc/metadata",
}

func run(pass *analysis.Pass, compiled *rules) (any, error) {
	r := *compiled
	r.Rules = r.ForPass()
	r.pkgPath = pass.Pkg.Path()
	r.replaced = pass.ResultOf[replaced.Analyzer].(*replaced.Result)
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          &r,
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		ReportPos:      report.Start(pass),
		SSA:            ssapkg.Of(pass),
		Modelled:       modelled,
	})
	report.Problems(pass, res.Problems)
	for _, f := range res.Findings {
		if f.Kind != credential {
			continue
		}
		pass.Report(diagnostic(pass, f))
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, f dataflow.Finding) analysis.Diagnostic {
	src := f.Source()
	msg := fmt.Sprintf("inbound credential from %s (%s) is forwarded to %s: obtain a token for the upstream by token exchange (RFC 8693) or client credentials instead of passing the client's token through",
		src.What, report.ShortPos(src.At), f.Sink.What)
	return report.Flow(pass, f, "tokenforward", msg)
}
