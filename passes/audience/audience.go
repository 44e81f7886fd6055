package audience

import (
	"cmp"
	_ "embed"
	"go/token"
	"go/types"
	"slices"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/kit"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

//go:embed doc.go
var doc string

// Analyzer reports tokens accepted without checking their audience, with
// the default configuration (and flags that go vet users set).
var Analyzer = New(new(config.Config))

// New returns the analyzer configured by cfg: its audience validators.
// The analyzer's flags write into cfg, which is read when it runs.
func New(cfg *config.Config) *analysis.Analyzer {
	a := kit.New("audience", doc, func(pass *analysis.Pass) (any, error) { return run(pass, cfg) }, new(funcFact), new(packageFact), new(tokenAwareFact))
	a.Flags.Var(config.ValidatorsFlag(&cfg.AudienceValidators), "validators", "functions that check a token's audience, comma-separated (`pkg/path.Func`)")
	return a
}

type funcFact struct{ dataflow.Summary }

func (*funcFact) AFact() {}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

// tokenAwareFact marks a package that imports a token library, directly
// or not: only those are analyzed.
type tokenAwareFact struct{}

func (*tokenAwareFact) AFact() {}

func (*tokenAwareFact) String() string { return "token-aware" }

func init() {
	ruledoc.Register("audience", ruledoc.Doc{
		Name:     "MissingAudienceCheck",
		Title:    "Token accepted without checking its audience",
		Tags:     []string{"security", "external/cwe/cwe-287", "external/cwe/cwe-345", "mcp"},
		Severity: "7.5",
	})
}

func run(pass *analysis.Pass, cfg *config.Config) (any, error) {
	aware := func(p *types.Package) bool {
		return tokenLibraries[p.Path()] || pass.ImportPackageFact(p, new(tokenAwareFact))
	}
	if !aware(pass.Pkg) && !slices.ContainsFunc(pass.Pkg.Imports(), aware) {
		// A package that imports no token library, even indirectly, can
		// neither accept a token nor check one the way the rules know: it
		// costs nothing (its functions get no summaries; rules treat an
		// audience handed to them as checked).
		return nil, nil
	}
	pass.ExportPackageFact(new(tokenAwareFact))
	r := &rules{validators: map[string]bool{}, tokenAware: aware}
	for _, v := range cfg.AudienceValidators {
		r.validators[v.Function] = true
	}
	ssaPkg := pass.ResultOf[ssapkg.Analyzer].(*ssapkg.SSA)
	ev := &events{sources: map[dataflow.Position]source{}, checked: map[dataflow.Position]bool{},
		accepted: map[dataflow.Position]bool{}, decisive: decisiveChecks(ssaPkg)}
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          r,
		SSA:            ssaPkg,
		NewFuncFact:    func() dataflow.FuncFact { return new(funcFact) },
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		Modelled:       []string{jwtV5, jwtV4, oidc, jwxV2, jwxV3, jose},
		Events:         ev,
	})
	report.Problems(pass, res.Problems)
	for _, src := range ev.unchecked() {
		d := analysis.Diagnostic{Category: "audience", Message: src.msg}
		d.Pos, d.End = report.Span(pass, src.pos)
		if src.tag == srcFixable {
			if fix, ok := fixParse(pass, src.pos); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		pass.Report(d)
	}
	if ssaPkg != nil {
		for _, a := range findBlindVerifiers(ssaPkg) {
			msg := "this token verifier accepts the bearer token without validating it (signature, expiry, audience): verify it, for example with jwt.ParseWithClaims and jwt.WithAudience(<this server's resource URI>), before returning TokenInfo"
			if a.introspection {
				msg = "this token verifier accepts an introspected token (RFC 7662) on \"active\" without checking its \"aud\": reject tokens whose aud does not include this server's resource URI"
			}
			d := analysis.Diagnostic{Category: "audience", Message: msg,
				Related: []analysis.RelatedInformation{{Pos: a.require, Message: "verifier installed by auth.RequireBearerToken here"}}}
			d.Pos, d.End = report.Span(pass, a.ret)
			pass.Report(d)
		}
	}
	return nil, nil
}

// A source is a place where a token is accepted without its audience
// being checked by the library.
type source struct {
	pos token.Pos
	msg string
	tag dataflow.Tag
}

// events collects, as the engine reports them, the sources the models
// produced and which of them reached an audience check or were accepted.
type events struct {
	sources           map[dataflow.Position]source
	checked, accepted map[dataflow.Position]bool
	decisive          func(token.Pos) bool
}

func (e *events) SourceSeen(s dataflow.SourceEvent) {
	if _, ok := e.sources[s.At]; !ok {
		e.sources[s.At] = source{pos: s.Pos, msg: s.What, tag: s.Tag}
	}
}

func (e *events) Found(f dataflow.Finding) {
	switch f.Sink.Tag {
	case sinkAccepted:
		e.accepted[f.Source().At] = true
	case sinkChecked:
		if e.decisive(f.Pos) {
			e.checked[f.Source().At] = true
		}
	}
}

// unchecked returns the sources to report, in position order: those whose
// audience no decisive check saw (a token whose signature is not verified
// always), and deferred ones only where a token was accepted through them.
func (e *events) unchecked() []source {
	var out []source
	for at, src := range e.sources {
		switch src.tag {
		case srcDeferred:
			if !e.accepted[at] || e.checked[at] {
				continue
			}
		case srcAccepted, srcFixable:
			if e.checked[at] {
				continue
			}
		}
		out = append(out, src)
	}
	slices.SortFunc(out, func(a, b source) int { return cmp.Compare(a.pos, b.pos) })
	return out
}

// decisiveChecks returns a test of whether the check at pos can decide
// acceptance: its block dominates a return of its function. A comparison
// made only in an unrelated branch (logging it under a debug flag) does
// not count. A position the test cannot place counts.
func decisiveChecks(pkg *ssapkg.SSA) func(token.Pos) bool {
	if pkg == nil {
		return func(token.Pos) bool { return true }
	}
	blocks := map[token.Pos]*ssa.BasicBlock{}
	returns := map[*ssa.Function][]*ssa.BasicBlock{}
	for fn, instr := range pkg.Instructions() {
		switch instr.(type) {
		case *ssa.Return:
			returns[fn] = append(returns[fn], instr.Block())
		case *ssa.BinOp, *ssa.Call, *ssa.Lookup:
			if pos := instr.Pos(); pos.IsValid() {
				blocks[pos] = instr.Block()
			}
		}
	}
	return func(pos token.Pos) bool {
		b, ok := blocks[pos]
		if !ok {
			return true
		}
		for _, r := range returns[b.Parent()] {
			if b.Dominates(r) {
				return true
			}
		}
		return false
	}
}

// tokenLibraries are the packages through which tokens are parsed and
// verified; a package that imports none of them is not analyzed.
var tokenLibraries = map[string]bool{
	jwtV5: true, jwtV4: true, oidc: true, jwxV2: true, jwxV3: true, jose: true,
	"github.com/modelcontextprotocol/go-sdk/auth": true,
}
