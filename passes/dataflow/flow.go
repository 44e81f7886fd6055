package dataflow

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A Kind is a class of tracked value that a rule defines: an inbound
// credential, an inbound request, an outbound header, and so on. The engine
// only moves kinds around; what they mean is up to the rule.
type Kind uint8

var kinds struct {
	sync.Mutex
	names []string
}

// NewKind registers a kind under a name used in messages and fact strings.
// Rules call it once, at package initialization.
func NewKind(name string) Kind {
	kinds.Lock()
	defer kinds.Unlock()
	if len(kinds.names) == 0 {
		kinds.names = append(kinds.names, "none")
	}
	for i, n := range kinds.names {
		if n == name {
			return Kind(i)
		}
	}
	if len(kinds.names) == 255 {
		panic("dataflow: too many kinds")
	}
	kinds.names = append(kinds.names, name)
	return Kind(len(kinds.names) - 1)
}

func (k Kind) String() string {
	kinds.Lock()
	defer kinds.Unlock()
	if int(k) < len(kinds.names) {
		return kinds.names[k]
	}
	return fmt.Sprintf("kind%d", k)
}

// A Port is one end of a flow through a function.
type Port uint8

const (
	Source   Port = iota // the flow starts inside the function: the value already has FromKind
	Param                // parameter Index (a method's receiver is parameter 0; a closure's free variables follow its parameters)
	Result               // result Index
	Sink                 // a place that leaks the value (see Flow.Sink)
	Field                // a struct field, by ID
	Key                  // a context key, by ID
	Contents             // the memory that parameter Index points to (strings.Builder.WriteString)
)

var portNames = [...]string{"source", "param", "result", "sink", "field", "key", "contents"}

func (p Port) String() string { return portNames[p] }

// A Step is one hop of a flow's path, for people: where it happened
// ("file:line:col") and what happened there.
type Step struct {
	At     string
	What   string
	Origin bool `json:",omitempty"` // the value took its kind here: the step a message calls the source
}

// SinkInfo describes where a value leaks. At and Pkg locate the leaking
// operation, so that a driver reports it there when it is in the package
// being analyzed, and at the hand-over call otherwise.
type SinkInfo struct {
	What string // e.g. `req.Header.Set("Authorization", ...)`
	At   string
	Pkg  string
}

// Require makes a flow conditional: it applies only when parameter Param
// holds a value of kind Kind (a header is only a sink on an outbound
// request). A sink may depend on a caller's parameter; other flows apply
// only when the condition holds at the call.
type Require struct {
	Param int
	Kind  Kind
}

// A Flow is one edge of a function summary: a value of FromKind entering at
// From reaches To as a value of ToKind. Summaries are computed for analyzed
// functions and written by hand (models) for library functions.
type Flow struct {
	From      Port
	FromIndex int
	FromID    string // field or key ID, for flows that start at one
	FromKind  Kind

	To      Port
	ToIndex int
	ToID    string // field or key ID
	ToKind  Kind

	Sink    *SinkInfo
	Require *Require
	Path    []Step // the steps inside the function, in order
}

func (f *Flow) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%d%s:%s>%s%d%s:%s", f.From, f.FromIndex, f.FromID, f.FromKind, f.To, f.ToIndex, f.ToID, f.ToKind)
	if f.Sink != nil {
		fmt.Fprintf(&b, "@%s", f.Sink.At)
	}
	if f.Require != nil {
		fmt.Fprintf(&b, "?%d:%s", f.Require.Param, f.Require.Kind)
	}
	return b.String()
}

// String renders a flow compactly, as fact assertions in tests show it:
// "param1:cred->sink", "source:cred->result0", "param0:inreq->result0:cred".
func (f *Flow) String() string {
	var b strings.Builder
	switch f.From {
	case Source:
		fmt.Fprintf(&b, "source:%s", f.FromKind)
	case Field, Key:
		fmt.Fprintf(&b, "%s(%s):%s", f.From, f.FromID, f.FromKind)
	default:
		fmt.Fprintf(&b, "%s%d:%s", f.From, f.FromIndex, f.FromKind)
	}
	b.WriteString("->")
	switch f.To {
	case Sink:
		b.WriteString("sink")
	case Field, Key:
		fmt.Fprintf(&b, "%s(%s)", f.To, f.ToID)
	default:
		fmt.Fprintf(&b, "%s%d", f.To, f.ToIndex)
	}
	if f.ToKind != f.FromKind {
		fmt.Fprintf(&b, ":%s", f.ToKind)
	}
	if f.Require != nil {
		fmt.Fprintf(&b, " if param%d:%s", f.Require.Param, f.Require.Kind)
	}
	return b.String()
}

// Summary is what the engine knows about a function: its flows, sorted.
// Analyzers wrap it in their own fact type (see FuncFact).
type Summary struct {
	Flows []Flow
}

func (s *Summary) summary() *Summary { return s }

func (s *Summary) String() string {
	parts := make([]string, len(s.Flows))
	for i := range s.Flows {
		parts[i] = s.Flows[i].String()
	}
	sort.Strings(parts)
	return strings.Join(dedupStrings(parts), " ")
}

// Holding says that a field or context key holds a value of Kind somewhere in
// the program (flow-insensitive), with the path that put it there.
type Holding struct {
	ID   string
	Kind Kind
	Path []Step
}

// Leak says that a value of Kind read from a field or context key reaches Sink.
type Leak struct {
	ID   string
	Kind Kind
	Sink SinkInfo
	Path []Step
}

// Places is what a package learned about fields and context keys: it is
// exported as a package fact, and merged with those of all dependencies.
type Places struct {
	Holdings []Holding
	Leaks    []Leak
}

func (p *Places) places() *Places { return p }

func (p *Places) String() string {
	var parts []string
	for _, h := range p.Holdings {
		parts = append(parts, fmt.Sprintf("%s holds %s", h.ID, h.Kind))
	}
	for _, l := range p.Leaks {
		parts = append(parts, fmt.Sprintf("%s leaks %s", l.ID, l.Kind))
	}
	sort.Strings(parts)
	return strings.Join(dedupStrings(parts), "; ")
}

func dedupStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
