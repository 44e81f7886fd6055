package dataflow

import (
	"go/token"
	"strings"
)

// A path is the explanation of how a value got where it is: an immutable
// linked list of steps, newest last, shared between the labels that extend it.
type path struct {
	at     string // "file:line:col"; empty when unknown
	pos    token.Pos
	what   string
	origin bool // the value took its kind here
	prev   *path
	n      int
}

// maxPathLen bounds explanations (and the work of building them).
const maxPathLen = 24

func (p *path) len() int {
	if p == nil {
		return 0
	}
	return p.n
}

func (p *path) then(at string, pos token.Pos, what string) *path {
	if p.len() >= maxPathLen {
		return p
	}
	return &path{at: at, pos: pos, what: what, prev: p, n: p.len() + 1}
}

// began is then for the step where the value took its kind.
func (p *path) began(at string, pos token.Pos, what string) *path {
	q := p.then(at, pos, what)
	if q != p {
		q = &path{at: q.at, pos: q.pos, what: q.what, origin: true, prev: q.prev, n: q.n}
	}
	return q
}

func (p *path) step(st Step, pos token.Pos) *path {
	if st.Origin {
		return p.began(st.At, pos, st.What)
	}
	return p.then(st.At, pos, st.What)
}

// steps returns the path oldest first, for facts and summaries.
func (p *path) steps() []Step {
	out := make([]Step, p.len())
	for q := p; q != nil; q = q.prev {
		out[q.n-1] = Step{At: q.at, What: q.what, Origin: q.origin}
	}
	return out
}

// A PathStep is one step of a finding's explanation. Pos is valid when the
// step's file is known to the pass's file set; At always is.
type PathStep struct {
	Pos    token.Pos
	At     string
	What   string
	Origin bool // the value took its kind here (the source, for a message)
}

func (p *path) pathSteps() []PathStep {
	out := make([]PathStep, p.len())
	for q := p; q != nil; q = q.prev {
		out[q.n-1] = PathStep{Pos: q.pos, At: q.at, What: q.what, Origin: q.origin}
	}
	return out
}

// better reports whether p is a better explanation than q: shorter, or as
// long and first in a fixed order, so that results do not depend on the
// order in which paths were found.
func (p *path) better(q *path) bool {
	if p.len() != q.len() {
		return p.len() < q.len()
	}
	for a, b := p, q; a != nil && b != nil; a, b = a.prev, b.prev {
		if a == b {
			return false
		}
		if a.at != b.at {
			return a.at < b.at
		}
		if a.what != b.what {
			return a.what < b.what
		}
	}
	return false
}

// Role names what a step is, for path displays: "call" and "return" for the
// hops between functions, "field" and "key" for struct fields and context
// keys, "via" for anything else (a rule's own steps).
func (st PathStep) Role() string {
	switch {
	case strings.HasPrefix(st.What, "passed to "):
		return "call"
	case strings.HasPrefix(st.What, "returned by "):
		return "return"
	case strings.Contains(st.What, " field "):
		return "field"
	case strings.Contains(st.What, " context key "):
		return "key"
	}
	return "via"
}
