package audience

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/kit"
	"github.com/passthroughlint/passthrough/passes/internal/pkgindex"
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
	same := func(c *config.Config) *config.Config { return c }
	a := kit.NewConfigured("audience", doc, cfg, same, run, new(packageFact), new(tokenAwareFact), new(bearerFact))
	a.Flags.Var(config.ValidatorsFlag(&cfg.AudienceValidators), "validators", "functions that check a token's audience, comma-separated (`pkg/path.Func`)")
	return a
}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

func newPackageFact() dataflow.PackageFact { return new(packageFact) }

// tokenAwareFact marks a package that was analyzed: it imports a token
// library, or calls a function of an analyzed package that moves or
// checks tokens (one with a summary).
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
	ruledoc.RegisterCategory("audience", CategoryUnverifiedBearer, ruledoc.Doc{
		Name:     "UnverifiedBearerAccepted",
		Title:    "Request let through with a bearer token nothing verified",
		Tags:     []string{"security", "external/cwe/cwe-287", "mcp"},
		Severity: "8.1",
		Help: "A middleware or handler reads the client's bearer token (Authorization, or an API-key header) and lets the request through " +
			"(calls the next handler, or stores the token in the request context) on a path where the token reached no verification: " +
			"no signature check, no introspection, no call to a verifier, no comparison with a stored credential. " +
			"Presence, prefix, length and format checks are not verification. Any token is accepted, whoever it was issued to and by. " +
			"Verify the token (for example with jwt.ParseWithClaims and jwt.WithAudience(<this server's resource URI>), or go-sdk auth.RequireBearerToken with a verifier that does) before letting the request through.",
	})
}

func run(pass *analysis.Pass, cfg *config.Config) (any, error) {
	ssaPkg := ssapkg.Of(pass)
	if ssaPkg != nil {
		reportUnverifiedBearers(pass, ssaPkg, cfg)
	}
	aware := func(p *types.Package) bool {
		return tokenLibraries[p.Path()] || pass.ImportPackageFact(p, new(tokenAwareFact))
	}
	if !tokenLibraries[pass.Pkg.Path()] && !slices.ContainsFunc(pass.Pkg.Imports(), isTokenLibrary) && !usesTokenFunctions(pass, ssaPkg) {
		// A package that neither imports a token library nor calls a
		// function of another package that moves or checks tokens can
		// neither accept a token nor check one the way the rules know: it
		// costs nothing (its functions get no summaries; rules treat an
		// audience handed to them as checked).
		return nil, nil
	}
	pass.ExportPackageFact(new(tokenAwareFact))
	r := &rules{validators: map[string]bool{}, tokenAware: aware}
	calls, stores := pkgindex.New(ssaPkg)
	r.callers, r.stored = callers{calls}, stores
	for _, v := range cfg.AudienceValidators {
		r.validators[v.Function] = true
	}
	ev := &events{sources: map[dataflow.Position]source{}, checked: map[dataflow.Position]bool{},
		accepted: map[dataflow.Position]bool{}, decisive: decisiveChecks(ssaPkg)}
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          r,
		SSA:            ssaPkg,
		NewPackageFact: newPackageFact,
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

// reportUnverifiedBearers reports the handlers of the package that let
// a request through with a bearer they never verified. It runs on every
// package: a handler needs no token library to accept any token.
func reportUnverifiedBearers(pass *analysis.Pass, pkg *ssapkg.SSA, cfg *config.Config) {
	headers := httpflow.NewCredentialHeaders(cfg.Headers, cfg.UseDefaultHeaders())
	for _, l := range findUnverifiedBearers(pass, pkg, headers.Is) {
		d := analysis.Diagnostic{Category: CategoryUnverifiedBearer,
			Message: fmt.Sprintf(l.how, "the bearer token from "+l.what) + " although nothing verified it on the way (no signature check, introspection, verifier call or comparison with a stored credential): verify the token, and that it was issued for this server, before accepting the request",
			Related: []analysis.RelatedInformation{{Pos: l.read, Message: "bearer read here: " + l.what}}}
		d.Pos, d.End = report.Span(pass, l.at)
		pass.Report(d)
	}
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
// acceptance: its block dominates a return of its function, or its result
// (through a flag: found = true in a loop, negations, && and ||) is the
// condition of an if with a branch that alone leads to a return (if !found
// { return err }). A comparison made only in an unrelated branch, or whose
// result is only logged, does not count. A position the test cannot place
// counts.
func decisiveChecks(pkg *ssapkg.SSA) func(token.Pos) bool {
	if pkg == nil {
		return func(token.Pos) bool { return true }
	}
	checks := map[token.Pos]ssa.Instruction{}
	returns := map[*ssa.Function][]*ssa.BasicBlock{}
	for fn, instr := range pkg.Instructions() {
		switch instr.(type) {
		case *ssa.Return:
			returns[fn] = append(returns[fn], instr.Block())
		case *ssa.BinOp, *ssa.Call, *ssa.Lookup:
			if pos := instr.Pos(); pos.IsValid() {
				checks[pos] = instr
			}
		}
	}
	dominatesReturn := func(b *ssa.BasicBlock) bool {
		for _, r := range returns[b.Parent()] {
			if b.Dominates(r) {
				return true
			}
		}
		return false
	}
	return func(pos token.Pos) bool {
		instr, ok := checks[pos]
		if !ok {
			return true
		}
		if dominatesReturn(instr.Block()) {
			return true
		}
		v, ok := instr.(ssa.Value)
		return ok && decidesBranch(v, dominatesReturn)
	}
}

// decidesBranch reports whether a boolean result reaches, through the
// flags and operators that carry it, the condition of an if one of whose
// branches alone leads to a return.
func decidesBranch(v ssa.Value, dominatesReturn func(*ssa.BasicBlock) bool) bool {
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 && len(seen) < 64 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		for _, ref := range *x.Referrers() {
			switch ref := ref.(type) {
			case *ssa.If:
				for _, succ := range ref.Block().Succs {
					if len(succ.Preds) == 1 && dominatesReturn(succ) {
						return true
					}
				}
				// if a == want { found = true }: a flag that is a phi with
				// an edge through one branch is decided by x.
				work = append(work, flagsSetUnder(ref)...)
			case *ssa.Phi, *ssa.UnOp, *ssa.BinOp:
				work = append(work, ref.(ssa.Value))
			}
		}
	}
	return false
}

// flagsSetUnder returns the phis of iff's function that take a constant
// on an edge reached only through one of iff's branches (found = true).
func flagsSetUnder(iff *ssa.If) []ssa.Value {
	var out []ssa.Value
	for _, b := range iff.Parent().Blocks {
		for _, instr := range b.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break // phis come first in a block
			}
			for i, e := range phi.Edges {
				if _, isConst := e.(*ssa.Const); !isConst {
					continue // a flag is set to a constant; a loop counter is not a flag
				}
				for _, succ := range iff.Block().Succs {
					if len(succ.Preds) == 1 && i < len(b.Preds) && succ.Dominates(b.Preds[i]) {
						out = append(out, phi)
					}
				}
			}
		}
	}
	return out
}

func isTokenLibrary(p *types.Package) bool { return tokenLibraries[p.Path()] }

// usesTokenFunctions reports whether the package calls (or takes the value
// of) a function of another package that yields a token (its summary has
// a source: a parse wrapped in a helper), or imports a package whose
// fields hold tokens: through them it may accept a token without
// importing a token library itself. A summary that only checks an
// audience it is given (any function comparing a string parameter has
// one) does not count: without a token there is no audience to give it.
func usesTokenFunctions(pass *analysis.Pass, pkg *ssapkg.SSA) bool {
	for _, imp := range pass.Pkg.Imports() {
		var f packageFact
		if pass.ImportPackageFact(imp, &f) && slices.ContainsFunc(f.Holdings, func(h dataflow.Holding) bool { return h.Kind != aud }) {
			return true
		}
	}
	if pkg == nil {
		return false
	}
	seen := map[*types.Func]bool{}
	var ops []*ssa.Value
	for _, instr := range pkg.Instructions() {
		for _, op := range instr.Operands(ops[:0]) {
			fn, ok := (*op).(*ssa.Function)
			if !ok {
				continue
			}
			obj, ok := fn.Object().(*types.Func)
			if !ok || obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj] {
				continue
			}
			seen[obj] = true
			if f := dataflow.ImportedSummary(pass, newPackageFact, obj); f != nil && slices.ContainsFunc(f.Flows, func(fl dataflow.Flow) bool { return fl.From == dataflow.Source }) {
				return true
			}
		}
	}
	return false
}

// tokenLibraries are the packages through which tokens are parsed and
// verified; a package that imports none of them is not analyzed.
var tokenLibraries = map[string]bool{
	jwtV5: true, jwtV4: true, oidc: true, jwxV2: true, jwxV3: true, jose: true,
	"github.com/modelcontextprotocol/go-sdk/auth": true,
}
