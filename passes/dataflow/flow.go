package dataflow

import (
	"cmp"
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
	CallOf               // argument Arg of a call of parameter Index, a function value (a callback, an iterator's yield)
)

var portNames = [...]string{"source", "param", "result", "sink", "field", "key", "contents", "callof"}

func (p Port) String() string { return portNames[p] }

// A Position is a place in a source file, as facts store it: the file
// name, and the line and column in that file as the compiler reads it
// (not adjusted by //line directives, so that it maps back to an offset).
type Position struct {
	File      string
	Line, Col int
}

// IsValid reports whether the position is known.
func (p Position) IsValid() bool { return p.File != "" && p.Line > 0 }

func (p Position) String() string {
	if !p.IsValid() {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// compare orders positions by file, line and column.
func (p Position) compare(q Position) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

func (p Position) before(q Position) bool { return p.compare(q) < 0 }

// compareFacts orders what facts say about places: by place, kind, then
// the sink's position and description (for leaks and meetings).
func compareFacts(a Place, ak Kind, aSink SinkInfo, b Place, bk Kind, bSink SinkInfo) int {
	return cmp.Or(strings.Compare(a.id(), b.id()), cmp.Compare(ak, bk), aSink.At.compare(bSink.At), strings.Compare(aSink.What, bSink.What))
}

// A Role says what a step of a path is, for displays.
type Role uint8

const (
	RoleVia    Role = iota // a rule's own step (a model, a source, a derivation)
	RoleCall               // the value is passed to a function
	RoleReturn             // the value is returned by a function
	RoleField              // the value is stored in or read from a struct field
	RoleKey                // the value is stored in or read from a context key
)

var roleNames = [...]string{"via", "call", "return", "field", "key"}

func (r Role) String() string { return roleNames[r] }

// A Step is one hop of a flow's path, for people: where it happened and
// what happened there.
type Step struct {
	At     Position
	What   string
	Role   Role `json:",omitempty"`
	Origin bool `json:",omitempty"` // the value took its kind here: the step a message calls the source
	// Provisional, when set, names the handler (types.Func.FullName)
	// whose package reported this flow before its registrations were
	// known (Guard.Reported): a finding whose path has such a step is
	// one a driver that sees every package may drop (Places.Uses).
	Provisional string `json:",omitempty"`
}

// A Tag classifies sinks and sources for the rule that wrote them (an
// analyzer defines its own constants); the engine only carries it.
type Tag uint16

// SinkInfo describes where a value leaks. At and Pkg locate the leaking
// operation, so that a driver reports it there when it is in the package
// being analyzed, and at the hand-over call otherwise.
type SinkInfo struct {
	What string // for people, e.g. `req.Header.Set("Authorization", ...)`
	Tag  Tag    // for the rule: what kind of sink this is
	At   Position
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

// A Guard makes a flow conditional on a name: it applies only when
// argument Arg (the receiver is argument 0) is a constant that the rule
// accepts as a name of class Class (see Rules.Accepts). A header read
// r.Header.Get(name) is a credential only when name is a credential
// header; when the name is a parameter of the function (a wrapper,
// c.GetHeader(key)), the function's summary keeps the guard on that
// parameter, and each caller decides with the constant it passes.
// A name that is neither (one from a loop over a map) fails the guard,
// unless Unknown is set: a header written under an unknown name may be a
// credential header, a header read under one is not taken to be.
//
// A guard OnValue is on the value of argument Arg instead (the request
// whose header Name a read takes): the rule decides it at each call with
// the value passed (Rules.Holds), and may hand it on to the caller's own
// parameter, or to where a function is registered as a handler.
//
// Reported, on a value guard, names the handler whose package already
// reported the flow, provisionally (Rules.Provisional): where another
// package uses the handler, the flow is not reported again; the package
// records whether the use replaces the header (Places.Uses).
type Guard struct {
	Arg      int
	Class    Tag
	Unknown  bool
	OnValue  bool
	Name     string
	Reported string
}

// A Place is a package-wide location the engine tracks flow-insensitively:
// a struct field, or a context key. Places are identified as Go
// identifies them, so that two packages name the same place alike.
type Place struct {
	Port Port   // Field or Key
	Pkg  string // the package declaring the struct type, the key's type or the key variable ("" for a predeclared key type)
	// Name is "Type.Field" for a field; for a key, "Type(value)" (a
	// constant), "Type{}" (a value of a struct type) or "var name" (a
	// package variable).
	Name string
	// Exported reports whether code outside Pkg can name the place.
	Exported bool
}

// String renders the place for people: the last element of the package
// path and the name ("auth.ctxKey(0)", "transport.BearerAuth.Token").
func (p Place) String() string {
	pkg := p.Pkg
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	name := p.Name
	if v, ok := strings.CutPrefix(name, "var "); ok {
		return "var " + pkg + "." + v
	}
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// A Flow is one edge of a function summary: a value of FromKind entering at
// From reaches To as a value of ToKind. Summaries are computed for analyzed
// functions and written by hand (models) for library functions; models
// use the constructors ParamFlow, SourceFlow and SinkFlow.
type Flow struct {
	From      Port
	FromIndex int
	FromPlace Place // for flows that start at a field or key
	FromKind  Kind

	To      Port
	ToIndex int
	ToArg   int   // for flows to CallOf: the argument of the call
	ToPlace Place // for flows that end at a field or key
	ToKind  Kind

	Sink    *SinkInfo
	Require *Require
	Guard   *Guard
	// Tag classifies a model's source flow; the rule's SourceSeen event
	// receives it where the flow is applied.
	Tag  Tag
	Path []Step // the steps inside the function, in order
}

// ParamFlow is a model flow from argument from (the receiver is argument
// 0) to a result, the contents of an argument, or a field, with an
// optional step text.
func ParamFlow(from int, fromKind Kind, to Port, toIndex int, toKind Kind, what string) Flow {
	f := Flow{From: Param, FromIndex: from, FromKind: fromKind, To: to, ToIndex: toIndex, ToKind: toKind}
	if what != "" {
		f.Path = []Step{{What: what}}
	}
	return f
}

// SourceFlow is a model flow that gives a new value kind k at result (or,
// with to == Contents, in the memory argument index points to). The step
// what is the source a message names; tag is handed to the rule's
// SourceSeen event.
func SourceFlow(k Kind, to Port, index int, what string, tag Tag) Flow {
	return Flow{From: Source, FromKind: k, To: to, ToIndex: index, ToKind: k, Tag: tag, Path: []Step{{What: what}}}
}

// SinkFlow is a model flow from argument from, of kind k, to a sink;
// with req it leaks only when req's argument has req's kind.
func SinkFlow(from int, k Kind, sink SinkInfo, req *Require) Flow {
	return Flow{From: Param, FromIndex: from, FromKind: k, To: Sink, ToKind: k, Sink: &sink, Require: req}
}

func (f *Flow) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%d%v:%s>%s%d.%d%v:%s", f.From, f.FromIndex, f.FromPlace, f.FromKind, f.To, f.ToIndex, f.ToArg, f.ToPlace, f.ToKind)
	if f.Sink != nil {
		fmt.Fprintf(&b, "@%s#%d", f.Sink.At, f.Sink.Tag)
	}
	if f.Require != nil {
		fmt.Fprintf(&b, "?%d:%s", f.Require.Param, f.Require.Kind)
	}
	if f.Guard != nil {
		fmt.Fprintf(&b, "!%d#%d%v%v%q%q", f.Guard.Arg, f.Guard.Class, f.Guard.Unknown, f.Guard.OnValue, f.Guard.Name, f.Guard.Reported)
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
		fmt.Fprintf(&b, "%s(%s):%s", f.From, f.FromPlace.id(), f.FromKind)
	default:
		fmt.Fprintf(&b, "%s%d:%s", f.From, f.FromIndex, f.FromKind)
	}
	b.WriteString("->")
	switch f.To {
	case Sink:
		b.WriteString("sink")
	case Field, Key:
		fmt.Fprintf(&b, "%s(%s)", f.To, f.ToPlace.id())
	case CallOf:
		fmt.Fprintf(&b, "callof%d.arg%d", f.ToIndex, f.ToArg)
	default:
		fmt.Fprintf(&b, "%s%d", f.To, f.ToIndex)
	}
	if f.ToKind != f.FromKind {
		fmt.Fprintf(&b, ":%s", f.ToKind)
	}
	if f.Require != nil {
		fmt.Fprintf(&b, " if param%d:%s", f.Require.Param, f.Require.Kind)
	}
	switch {
	case f.Guard != nil && f.Guard.OnValue:
		name := f.Guard.Name
		if name == "" {
			name = "credentials"
		}
		fmt.Fprintf(&b, " if %s(param%d)", name, f.Guard.Arg)
		if f.Guard.Reported != "" {
			b.WriteString(", reported")
		}
	case f.Guard != nil:
		fmt.Fprintf(&b, " if name(param%d)", f.Guard.Arg)
	}
	return b.String()
}

// id renders a place in full, as fact assertions in tests show it:
// "field:pkg/path.T.F", "key:pkg/path.T(0)", "key:var pkg/path.v".
func (p Place) id() string {
	prefix := "field:"
	if p.Port == Key {
		prefix = "key:"
	}
	name := p.Name
	if v, ok := strings.CutPrefix(name, "var "); ok {
		return prefix + "var " + p.Pkg + "." + v
	}
	if p.Pkg == "" {
		return prefix + name
	}
	return prefix + p.Pkg + "." + name
}

// Summary is what the engine knows about a function: its flows, sorted.
// Those of a package's exported functions are part of its package fact
// (Places.Funcs).
type Summary struct {
	Flows []Flow
}

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
	Place Place
	Kind  Kind
	Path  []Step
}

// Leak says that a value of Kind read from a field or context key reaches Sink.
type Leak struct {
	Place Place
	Kind  Kind
	Sink  SinkInfo
	Path  []Step
}

// Places is what a package learned about fields and context keys: it is
// exported as a package fact, and merged with those of all dependencies.
type Places struct {
	Holdings []Holding
	Leaks    []Leak
	// Met lists the holdings and leaks this package saw together for the
	// first time: a package that imports it need not report them again.
	Met []Meeting
	// Uses lists the handlers of other packages whose provisional flows
	// (Guard.Reported) this package uses, and whether every such use
	// replaces the header; Pending lists the findings this package
	// reported provisionally. See Settle.
	Uses    []HandlerUse
	Pending []PendingFinding
	// Funcs are the summaries of the package's functions and methods that
	// other packages can call (exported names), sorted by FuncSummary.Func.
	// They are part of the package fact rather than one fact per
	// function: a driver hands every fact of every dependency to each
	// package, and with one fact per function that copying was 6% of the
	// command's CPU time on toolhive (README, Performance).
	Funcs []FuncSummary
}

// A FuncSummary is the summary of a function or method of the package, by
// its name in the package: F for a function, T.M for a method of T.
type FuncSummary struct {
	Func string
	Summary
}

// A HandlerUse is a handler of another package used (registered or
// called) in a package: Covered when every use passes the request
// through a replacement of the header its provisional flows read; By
// names a middleware that replaces it on some use, when one does.
type HandlerUse struct {
	Handler string
	Covered bool
	By      string `json:",omitempty"`
}

// A PendingFinding is a diagnostic a package reported provisionally: at
// At, for the flows of the handlers named (all of its findings there
// were provisional).
type PendingFinding struct {
	At       Position
	Handlers []string
}

// A Settlement is what becomes of a provisional finding (Settle):
// dropped, or kept with a note saying that some registrations replace
// the header (the handler is registered both with and without the
// replacement).
type Settlement struct {
	Drop bool
	Note string
}

// Settle returns, from the facts of every package a driver analyzed and
// reports on, what becomes of their provisional findings, by position:
// those whose handlers are each used somewhere among them, and covered
// on every use, are dropped; those with a handler covered on some uses
// only are kept with a note. A handler no package uses keeps its
// findings as they are: its routes are out of sight, and the analysis
// errs toward reporting.
func Settle(facts []*Places) map[Position]Settlement {
	uses := map[string]HandlerUse{}
	for _, f := range facts {
		for _, u := range f.Uses {
			if old, seen := uses[u.Handler]; seen {
				u.Covered = u.Covered && old.Covered
				u.By = cmp.Or(old.By, u.By)
			}
			uses[u.Handler] = u
		}
	}
	out := map[Position]Settlement{}
	for _, f := range facts {
		for _, p := range f.Pending {
			all := len(p.Handlers) > 0
			note := ""
			for _, h := range p.Handlers {
				u, used := uses[h]
				all = all && used && u.Covered
				if used && !u.Covered && u.By != "" && note == "" {
					name := h[strings.LastIndex(h, ".")+1:]
					note = fmt.Sprintf("middleware %s replaces it on other registrations of %s", u.By, name)
				}
			}
			switch {
			case all:
				out[p.At] = Settlement{Drop: true}
			case note != "":
				out[p.At] = Settlement{Note: note}
			}
		}
	}
	return out
}

// A Meeting is a place that holds a kind and leaks it into a sink, both
// known in one package.
type Meeting struct {
	Place Place
	Kind  Kind
	Sink  Position
}

func (p *Places) places() *Places { return p }

// Links returns the package fact's knowledge of provisional findings
// (Uses and Pending), for a driver that settles them (Settle).
func (p *Places) Links() *Places { return p }

func (p *Places) String() string {
	var parts []string
	for _, h := range p.Holdings {
		parts = append(parts, fmt.Sprintf("%s holds %s", h.Place.id(), h.Kind))
	}
	for _, l := range p.Leaks {
		parts = append(parts, fmt.Sprintf("%s leaks %s", l.Place.id(), l.Kind))
	}
	for _, m := range p.Met {
		parts = append(parts, fmt.Sprintf("%s met %s", m.Place.id(), m.Kind))
	}
	for _, u := range p.Uses {
		use := fmt.Sprintf("uses %s covered=%v", u.Handler, u.Covered)
		if u.By != "" {
			use += " by " + u.By
		}
		parts = append(parts, use)
	}
	for _, pf := range p.Pending {
		parts = append(parts, fmt.Sprintf("pending at %d:%d on %s", pf.At.Line, pf.At.Col, strings.Join(pf.Handlers, ",")))
	}
	sort.Strings(parts)
	parts = dedupStrings(parts)
	for _, f := range p.Funcs {
		parts = append(parts, "func "+f.Func+": "+f.String())
	}
	return strings.Join(parts, "; ")
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
