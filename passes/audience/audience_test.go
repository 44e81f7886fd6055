package audience_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/passthroughlint/passthrough/passes/audience"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestGolangJWTv5(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwtv5")
}

func TestGolangJWTv4(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwtv4")
}

func TestOIDC(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/oidcuse")
}

func TestJWX(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwxuse")
}

func TestVerifiers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/verifiers")
}

func TestGoJose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/joseuse")
}

// TestFixes: jwt.WithAudience(<name>) is added when exactly one constant or
// variable named like an audience is in scope, and not otherwise. In a
// file whose //line directives map it to another file (audline) the fix
// edits this file.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), audience.Analyzer, "example.com/audfix", "example.com/audfix2", "example.com/audline")
}

// TestCgo: in a package that uses cgo the finding is reported at the
// user's line, and no fix is offered: its offsets would be offsets in the
// copy cgo wrote into the build cache.
func TestCgo(t *testing.T) {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not available (no C compiler, or CGO_ENABLED=0)")
	}
	for _, r := range analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/audcgo") {
		for _, d := range r.Action.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: fix %q offered in a cgo-processed file", r.Action.Package.Fset.Position(d.Pos), d.SuggestedFixes[0].Message)
			}
		}
	}
}

func TestUnverifiedBearers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/bearers")
}

// TestUnverifiedParses: an unverified parse is a finding only when its
// claims are trusted and the raw token is verified nowhere on the way.
func TestUnverifiedParses(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/unverified")
}
