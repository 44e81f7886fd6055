package main

import (
	"errors"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestActionError: a root that failed because a prerequisite did is
// reported with the error of the action that failed first, on the
// package where it failed (an analyzer's error on a dependency, or on a
// helper analyzer of the suite); one that failed because a package has
// errors is not reported again (the loader reported it).
func TestActionError(t *testing.T) {
	tf := &analysis.Analyzer{Name: "tokenforward"}
	helper := &analysis.Analyzer{Name: "passthroughreplaced"}
	root := &packages.Package{ID: "example.com/app", PkgPath: "example.com/app"}
	dep := &packages.Package{ID: "example.com/lib", PkgPath: "example.com/lib"}
	prereq := errors.New("failed prerequisites: tokenforward@example.com/lib")

	failedDep := &checker.Action{Analyzer: tf, Package: dep, Err: errors.New("internal error (please report it): boom at x.go:1\nmore")}
	okHelper := &checker.Action{Analyzer: helper, Package: root}
	act := &checker.Action{Analyzer: tf, Package: root, IsRoot: true, Err: prereq, Deps: []*checker.Action{okHelper, failedDep}}
	if msg, ok := actionError(act); !ok || msg != "example.com/lib: tokenforward: internal error (please report it): boom at x.go:1" {
		t.Errorf("dependency's error: got %q, %v", msg, ok)
	}

	failedHelper := &checker.Action{Analyzer: helper, Package: root, Err: errors.New("internal error (please report it): nil map")}
	act = &checker.Action{Analyzer: tf, Package: root, IsRoot: true, Err: prereq, Deps: []*checker.Action{failedHelper}}
	if msg, ok := actionError(act); !ok || msg != "example.com/app: passthroughreplaced: internal error (please report it): nil map" {
		t.Errorf("helper's error: got %q, %v", msg, ok)
	}

	own := &checker.Action{Analyzer: tf, Package: root, IsRoot: true, Err: errors.New("building SSA: boom")}
	if msg, ok := actionError(own); !ok || msg != "example.com/app: tokenforward: building SSA: boom" {
		t.Errorf("own error: got %q, %v", msg, ok)
	}

	skipped := &checker.Action{Analyzer: tf, Package: dep, Err: errors.New("analysis skipped due to errors in package")}
	act = &checker.Action{Analyzer: tf, Package: root, IsRoot: true, Err: prereq, Deps: []*checker.Action{skipped}}
	if msg, ok := actionError(act); ok {
		t.Errorf("a package with errors is reported by the loader, got %q", msg)
	}
}
