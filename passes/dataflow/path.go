package dataflow

import (
	"go/token"
	"slices"
)

// A path is the explanation of how a value got where it is: an immutable
// linked list of steps, newest last, shared between the labels that extend it.
type path struct {
	at     Position
	pos    token.Pos // the step's position in the pass's file set, when known
	what   string
	role   Role
	origin bool // the value took its kind here
	cut    bool // steps were dropped at maxPathLen (on this node or before)
	// provisional names the handler whose package reported the flow
	// before its registrations were known (Step.Provisional); prov is
	// set when this node or one before it has one.
	provisional string
	prov        bool
	prev        *path
	n           int
}

// maxPathLen bounds explanations (and the work of building them). A path
// that reaches it keeps its first steps and is marked cut, and the finding
// says so.
const maxPathLen = 24

func (p *path) len() int {
	if p == nil {
		return 0
	}
	return p.n
}

func (p *path) wasCut() bool { return p != nil && p.cut }

func (p *path) add(st Step, pos token.Pos) *path {
	if p.len() >= maxPathLen {
		if p.cut {
			return p
		}
		q := *p
		q.cut = true
		return &q
	}
	return &path{at: st.At, pos: pos, what: st.What, role: st.Role, origin: st.Origin, cut: p.wasCut(), provisional: st.Provisional,
		prov: p.isProvisional() || st.Provisional != "", prev: p, n: p.len() + 1}
}

// isProvisional reports whether a step of p was reported before the
// handler's registrations were known.
func (p *path) isProvisional() bool { return p != nil && p.prov }

// provisionalOn returns p with its newest step marked as reported
// provisionally for handler.
func (p *path) provisionalOn(handler string) *path {
	if p == nil || p.provisional == handler {
		return p
	}
	q := *p
	q.provisional, q.prov = handler, true
	return &q
}

// handlers returns the handlers p's steps were reported provisionally
// for, sorted.
func (p *path) handlers() []string {
	var out []string
	for q := p; q != nil && q.prov; q = q.prev {
		if q.provisional != "" && !slices.Contains(out, q.provisional) {
			out = append(out, q.provisional)
		}
	}
	slices.Sort(out)
	return out
}

// then adds a step of role r.
func (p *path) then(at Position, pos token.Pos, r Role, what string) *path {
	return p.add(Step{At: at, What: what, Role: r}, pos)
}

// began adds the step where the value took its kind.
func (p *path) began(at Position, pos token.Pos, what string) *path {
	return p.add(Step{At: at, What: what, Origin: true}, pos)
}

// noted returns the path with note added to the description of its
// last step where the value took its kind (the source a message names).
func (p *path) noted(note string) *path {
	var nodes []*path // newest first
	target := -1
	for q := p; q != nil; q = q.prev {
		if q.origin && target < 0 {
			target = len(nodes)
		}
		nodes = append(nodes, q)
	}
	if target < 0 {
		return p
	}
	out := nodes[target].prev
	for i := target; i >= 0; i-- {
		q := *nodes[i]
		if i == target {
			q.what += " (" + note + ")"
		}
		q.prev = out
		out = &q
	}
	return out
}

// steps returns the path oldest first, for facts and summaries.
func (p *path) steps() []Step {
	out := make([]Step, p.len())
	for q := p; q != nil; q = q.prev {
		out[q.n-1] = Step{At: q.at, What: q.what, Role: q.role, Origin: q.origin, Provisional: q.provisional}
	}
	return out
}

// A PathStep is one step of a finding's explanation. Pos is valid when the
// step maps back to a file of the pass's file set; At always is.
type PathStep struct {
	Step
	Pos token.Pos
}

func (p *path) pathSteps() []PathStep {
	out := make([]PathStep, p.len())
	for q := p; q != nil; q = q.prev {
		out[q.n-1] = PathStep{Step: Step{At: q.at, What: q.what, Role: q.role, Origin: q.origin, Provisional: q.provisional}, Pos: q.pos}
	}
	return out
}

// better reports whether p is a better explanation than q: one that
// holds without waiting on a handler's registrations (not provisional),
// shorter, or as long and first in a fixed order, so that results do
// not depend on the order in which paths were found.
func (p *path) better(q *path) bool {
	if p.isProvisional() != q.isProvisional() {
		return q.isProvisional()
	}
	if p.len() != q.len() {
		return p.len() < q.len()
	}
	for a, b := p, q; a != nil && b != nil; a, b = a.prev, b.prev {
		if a == b {
			return false
		}
		if a.at != b.at {
			return a.at.before(b.at)
		}
		if a.what != b.what {
			return a.what < b.what
		}
	}
	return false
}

// concat appends the steps of tail (a stored path) after head.
func concat(head, tail *path) *path {
	for _, st := range tail.pathSteps() {
		head = head.add(st.Step, st.Pos)
	}
	if tail.wasCut() && !head.wasCut() {
		q := *head
		q.cut = true
		head = &q
	}
	return head
}
