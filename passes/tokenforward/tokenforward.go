package tokenforward

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/ruledoc"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports inbound credentials forwarded upstream.
var Analyzer = &analysis.Analyzer{
	Name:      "tokenforward",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/passthroughlint/passthrough/passes/tokenforward",
	Run:       run,
	Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
	FactTypes: []analysis.Fact{new(funcFact), new(packageFact)},
}

const doc = `report an inbound credential that reaches an outbound credential

An MCP server or API proxy must not forward the bearer token its client sent
to an upstream API (MCP authorization spec, "Token Passthrough"). The
analyzer follows credentials read from received requests (Authorization,
Proxy-Authorization, BasicAuth, MCP SDK request headers) through variables,
calls, fields, closures and context values, within and across packages, to
credential sinks of outbound requests: Header.Set/Add of a credential header,
SetBasicAuth, oauth2 tokens, gRPC metadata, and client fields and parameters
discovered in analyzed dependencies.`

// Configuration, as flags so that go vet users can pass it too. Each flag
// may be repeated or given a comma-separated list; an empty value resets.
var (
	headers config.StringList                 // extra credential header names
	sources = funcIndexList{what: "result"}   // functions returning an inbound credential
	sinks   = funcIndexList{what: "argument"} // functions sending an argument upstream as a credential
)

func init() {
	ruledoc.Register(Analyzer.Name, ruledoc.Doc{
		Name:  "TokenPassthrough",
		Title: "Inbound credential forwarded upstream (token passthrough)",
		Help: "The server forwards the bearer token (or other credential) its client sent to an upstream API. " +
			"The MCP authorization specification forbids this token passthrough: the upstream then trusts a token " +
			"this server never vetted (a confused deputy), stolen tokens can be laundered through the server, and " +
			"audit logs attribute the call to the wrong principal.\n\n" +
			"**Fix:** act as your own OAuth client upstream. Exchange the client's token for one issued to this " +
			"server for the upstream (RFC 8693 token exchange, with the inbound token as `subject_token`), or use " +
			"client credentials, and send that token instead.",
		Tags:     []string{"security", "external/cwe/cwe-441", "external/cwe/cwe-522", "mcp"},
		Severity: "8.1",
	})
	Analyzer.Flags.Var(&headers, "headers", "extra credential header names, comma-separated (e.g. X-Api-Key)")
	Analyzer.Flags.Var(&sources, "sources", "extra sources: `pkg/path.Func:result`, comma-separated; the result (0-based) is an inbound credential")
	Analyzer.Flags.Var(&sinks, "sinks", "extra sinks: `(*pkg/path.Type).Method:argument`, comma-separated; the argument (0-based, receiver not counted) is sent upstream as a credential")
}

// funcIndexList is a list of "function:index" values.
type funcIndexList struct {
	what  string
	funcs map[string][]int
}

func (l *funcIndexList) String() string {
	var parts []string
	for f, idx := range l.funcs {
		for _, i := range idx {
			parts = append(parts, fmt.Sprintf("%s:%d", f, i))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

func (l *funcIndexList) Set(s string) error {
	if s == "" {
		l.funcs = nil
		return nil
	}
	for _, item := range strings.Split(s, ",") {
		fn, i, err := config.ParseFuncIndex(strings.TrimSpace(item))
		if err != nil {
			return err
		}
		if l.funcs == nil {
			l.funcs = map[string][]int{}
		}
		l.funcs[fn] = append(l.funcs[fn], i)
	}
	return nil
}

// funcFact summarizes how a function moves credentials.
type funcFact struct{ dataflow.Summary }

func (*funcFact) AFact() {}

// packageFact records the fields and context keys that hold or leak
// credentials.
type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

// modelled are the packages whose calls models.go describes.
var modelled = []string{
	"golang.org/x/oauth2",
	"google.golang.org/grpc/metadata",
}

func run(pass *analysis.Pass) (any, error) {
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          newRules(headers, sources.funcs, sinks.funcs),
		NewFuncFact:    func() dataflow.FuncFact { return new(funcFact) },
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		SSA:            pass.ResultOf[ssapkg.Analyzer].(*ssapkg.SSA),
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
