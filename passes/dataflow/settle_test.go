package dataflow

import (
	"maps"
	"slices"
	"testing"
)

// TestSettle: a provisional finding is dropped only when each of its
// handlers is used by some package and covered on every use; one whose
// handler is covered on some uses only says which middleware covers
// them.
func TestSettle(t *testing.T) {
	at := func(line int) Position { return Position{File: "h.go", Line: line, Col: 2} }
	facts := []*Places{
		{Pending: []PendingFinding{
			{At: at(1), Handlers: []string{"h.Covered"}},
			{At: at(2), Handlers: []string{"h.Mixed"}},
			{At: at(3), Handlers: []string{"h.Unused"}},
			{At: at(4), Handlers: []string{"h.Covered", "h.Mixed"}},
			{At: at(5), Handlers: nil},
		}},
		{Uses: []HandlerUse{{Handler: "h.Covered", Covered: true, By: "OwnKey"}, {Handler: "h.Mixed", Covered: true, By: "Distribute"}}},
		{Uses: []HandlerUse{{Handler: "h.Covered", Covered: true}, {Handler: "h.Mixed", Covered: false}}},
		{Uses: []HandlerUse{{Handler: "h.Mixed", Covered: true}}},
	}
	got := Settle(facts)
	note := Settlement{Note: "middleware Distribute replaces it on other registrations of Mixed"}
	want := map[Position]Settlement{at(1): {Drop: true}, at(2): note, at(4): note}
	if !maps.Equal(got, want) {
		t.Errorf("Settle = %v, want %v", got, want)
	}
}

// TestProvisionalPathsLose: an explanation that waits on a handler's
// registrations loses to one that does not, even a longer one, so that
// a finding or holding that stands alone is never marked provisional.
func TestProvisionalPathsLose(t *testing.T) {
	a := Position{File: "a.go", Line: 1, Col: 1}
	short := (*path)(nil).began(a, 0, "read").provisionalOn("h.Relay")
	long := (*path)(nil).began(a, 0, "read").then(a, 0, RoleCall, "passed")
	if !long.better(short) || short.better(long) {
		t.Errorf("a provisional path beat a firm one")
	}
	both := concat(long, short)
	if got := both.handlers(); !slices.Equal(got, []string{"h.Relay"}) {
		t.Errorf("handlers of a path with a provisional step: %v", got)
	}
	if long.handlers() != nil || long.isProvisional() {
		t.Errorf("a firm path has handlers %v", long.handlers())
	}
}
