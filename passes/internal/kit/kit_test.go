package kit

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestSafely: a panic of an analyzer's run on one package is that
// package's error, naming the panic and where it was raised; a run that
// does not panic is unchanged.
func TestSafely(t *testing.T) {
	pass := &analysis.Pass{}
	_, err := Safely(func(*analysis.Pass) (any, error) {
		panic("probe: boom")
	})(pass)
	if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "probe: boom") || !strings.Contains(err.Error(), "kit_test.go:") {
		t.Errorf("panic: got error %v, want the panic and its site in kit_test.go", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error on more than one line: %q", err)
	}
	want := errors.New("plain")
	res, err := Safely(func(*analysis.Pass) (any, error) { return 7, want })(pass)
	if res != 7 || !errors.Is(err, want) {
		t.Errorf("no panic: got (%v, %v), want (7, %v)", res, err, want)
	}
}
