package main

import (
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	b := "a\nb\nc\nX\nd\ne\nf\ng\nh\ni\nj\nY\n"
	got := unifiedDiff("f.go", a, b)
	want := `--- f.go
+++ f.go (fixed)
@@ -1,6 +1,7 @@
 a
 b
 c
+X
 d
 e
 f
@@ -8,4 +9,4 @@
 h
 i
 j
-k
+Y
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if d := unifiedDiff("f.go", a, a); strings.Contains(d, "@@") {
		t.Errorf("diff of equal texts has hunks:\n%s", d)
	}
}

func TestApplyEditsRefusesConflicts(t *testing.T) {
	src := []byte("0123456789")
	if _, err := applyEdits(src, []fileEdit{{start: 2, end: 5, text: "x", finding: "a.go:1"}, {start: 4, end: 6, text: "y", finding: "a.go:2"}}); err == nil ||
		!strings.Contains(err.Error(), "the fixes for the findings at a.go:1 and a.go:2 conflict") {
		t.Errorf("overlap: got %v", err)
	}
	if _, err := applyEdits(src, []fileEdit{{start: 3, end: 3, text: "x"}, {start: 3, end: 3, text: "y"}}); err == nil {
		t.Error("two different insertions at one place accepted")
	}
	out, err := applyEdits(src, []fileEdit{{start: 3, end: 3, text: "x"}, {start: 3, end: 3, text: "x"}, {start: 8, end: 10, text: "Z"}})
	if err != nil || string(out) != "012x34567Z" {
		t.Errorf("got %q, %v", out, err)
	}
}
