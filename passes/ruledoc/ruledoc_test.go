package ruledoc_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/ruledoc"
)

func TestExtract(t *testing.T) {
	const docGo = `// Package p does things.
//
// # Analyzer p
//
// p: report things
//
// Things are reported
// with care:
//
//	code()
//
// # Other heading
//
// not this
package p
`
	want := "report things\n\nThings are reported\nwith care:\n\n\tcode()"
	if got := ruledoc.Extract(docGo, "p"); got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
}
