package tokenforward

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports inbound credentials forwarded upstream.
var Analyzer = &analysis.Analyzer{
	Name:      "tokenforward",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/passthroughlint/passthrough/passes/tokenforward",
	Run:       run,
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

// headers lists extra credential header names (-tokenforward.headers).
var headers stringList

func init() {
	Analyzer.Flags.Var(&headers, "headers", "comma-separated extra credential header names (e.g. X-Api-Key)")
}

type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error {
	for _, h := range strings.Split(s, ",") {
		if h = strings.TrimSpace(h); h != "" {
			*l = append(*l, h)
		}
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

var relevant = []string{
	"net/http",
	"golang.org/x/oauth2",
	"google.golang.org/grpc/metadata",
	"google.golang.org/grpc/credentials",
}

// modelled are the packages whose calls models.go describes.
var modelled = []string{
	"golang.org/x/oauth2",
	"google.golang.org/grpc/metadata",
}

func run(pass *analysis.Pass) (any, error) {
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          newRules(headers),
		NewFuncFact:    func() dataflow.FuncFact { return new(funcFact) },
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		Relevant:       relevant,
		Modelled:       modelled,
	})
	for _, p := range res.Problems {
		pass.Report(analysis.Diagnostic{Pos: p.Pos, Category: "internal", Message: p.Message})
	}
	for _, f := range res.Findings {
		if f.Kind != credential {
			continue
		}
		pass.Report(diagnostic(f))
	}
	return nil, nil
}

func diagnostic(f dataflow.Finding) analysis.Diagnostic {
	src := f.Path[0]
	for _, st := range f.Path {
		if st.Origin {
			src = st // the last step that made it a credential: the read itself
		}
	}
	msg := fmt.Sprintf("inbound credential from %s (%s) is forwarded to %s: obtain a token for the upstream by token exchange (RFC 8693) or client credentials instead of passing the client's token through",
		src.What, shortPos(src.At), f.Sink.What)
	d := analysis.Diagnostic{Pos: f.Pos, Category: "tokenforward", Message: msg}
	for i, st := range f.Path {
		role := "via"
		if st == src {
			role = "source"
		} else if i == 0 {
			role = "from"
		}
		pos, text := st.Pos, fmt.Sprintf("%s: %s", role, st.What)
		if !pos.IsValid() {
			pos, text = f.Pos, fmt.Sprintf("%s: %s (%s)", role, st.What, shortPos(st.At))
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: text})
	}
	sinkPos, sinkText := f.SinkPos, "sink: "+f.Sink.What
	if !sinkPos.IsValid() {
		sinkPos, sinkText = f.Pos, fmt.Sprintf("sink: %s (%s)", f.Sink.What, shortPos(f.Sink.At))
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: sinkPos, Message: sinkText})
	return d
}

// shortPos renders "dir/file.go:12:3" as "file.go:12".
func shortPos(at string) string {
	if at == "" {
		return "unknown position"
	}
	base := filepath.Base(at)
	if i := strings.LastIndex(base, ":"); i > 0 {
		base = base[:i]
	}
	return base
}
