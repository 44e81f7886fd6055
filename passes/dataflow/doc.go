// Package dataflow is the taint engine shared by the passthrough analyzers.
// It knows nothing about credentials: an analyzer describes its domain with
// Rules (which values are sources, how library calls transform them, where
// they leak) and the engine propagates, summarizes and explains.
//
// # Values and kinds
//
// Every SSA value carries a set of labels. A label is a Kind (defined by the
// rule: "inbound request", "credential", "outbound header"...) and an
// origin: either a concrete source inside the function, or a symbolic input
// (parameter i, a struct field, a context key) together with the kind it is
// assumed to have. Summarizing a function once per assumption is what makes
// the analysis modular: the caller substitutes what it actually passes.
//
// # Inside a function
//
// Labels flow through phis, conversions, interface boxing, type
// assertions, string concatenation and the modelled string functions
// (strings, bytes, strconv, fmt.Sprint*, base64, hex, url escaping),
// through memory (a store is seen by loads of the same location; array and
// slice elements are one location; a pointer or slice carries what was
// stored through it), maps (values, whatever the key), closures (captured
// variables are inputs of the literal), method values and generic functions
// (summarized once, in generic form), channels (a receive gets what was
// sent), and function values (a closure carries what it returns, so a call
// of a value held in a field or passed as a parameter returns it). Calls
// through interfaces reach the methods of that name whose receivers
// implement the interface, in the package and in dependencies with
// summaries. Unknown functions do not propagate.
//
// # Across functions and packages
//
// Rules see every call, map read and write, field store and equality
// comparison (Model), so that library behaviour is written as flows of the
// same shape as computed summaries. A map update a rule models carries
// only what its flows say (StoreFlows gives the default).
//
// A flow may be guarded by a name (Guard): it applies only when an
// argument is a constant the rule accepts at that call (Rules.Accepts: a
// credential header name, whose value there is still the client's; the
// rule may add a note to the call's step in paths). When the name is a parameter of the function, labels carry
// the guard into the function's summary, so that a wrapper such as
// GetHeader(key) is a source exactly where it is called with
// "Authorization", through any number of wrappers.
//
// A guard may instead be on a value (Guard.OnValue): a header read is the
// client's credential unless the request it was read from was replaced
// by the server, which the function's callers or the package that
// registers it as a handler may decide. The rule decides it at each call
// (Rules.Holds), or hands it on to the caller's parameter or captured
// variable; where a function of another package is used as a value (or
// a value of another package's type is made into an interface value whose
// methods include one with such flows: a handler type made into an
// http.Handler), the engine asks the rule about the flows of its summary
// that still wait, and reports those that hold there. A waiting source stored in a field
// or context key is a summary flow into the place, so the place holds it
// only where the condition is met.
//
// When the rule says that no code in sight will decide such a flow (a
// handler its package neither calls nor registers, Rules.Provisional),
// the engine reports it in the handler's package, provisionally: the
// finding, or the holding of a place, is marked with the handler
// (Finding.Provisional), and the summary keeps the flow with
// Guard.Reported set. A package that registers or calls the handler then
// records whether that use replaces the header (Places.Uses) rather than
// report the flow again, and the handler's package lists its provisional
// findings (Places.Pending); a driver that sees every package drops those
// that every use covers (Settle). An explanation that needs no such
// settling is always preferred to one that does.
//
// A function's Summary is a list of Flows: parameter → result, parameter →
// sink (possibly conditional on the kind of another parameter, e.g. the
// request whose header is set must be outbound), source → result (the
// function returns a credential), parameter → field or context key,
// source or parameter → the contents of a parameter (what is written
// through a map, slice or pointer), and field or key → result (accessors). Within a package, summaries are
// recomputed until nothing changes, re-analyzing only the functions whose
// inputs (callee summaries, field and key knowledge, package variables)
// changed; those of exported functions and methods go into the package
// fact (Places.Funcs, by name: one fact per package rather than one per
// function, because drivers hand every fact of every dependency to each
// package). Fields and context keys are flow-insensitive
// package-wide places: Places records which of them hold a kind and which
// of them leak a kind into a sink, and is exported as a package fact and
// merged from all dependencies. A field of a client library that ends up in
// an Authorization header is thereby discovered as a sink, and a store into
// it from another package is reported.
//
// Context keys are identified as Go identifies them: by dynamic type and
// value (key:pkg.T(0), key:pkg.T{}), or by the package variable used as the
// key. Two key types with the same underlying value are different keys; a
// key converted from a variable ranging over a constant list is each of
// them. Places are typed values (Place), never strings parsed back.
//
// # Findings
//
// A concrete source reaching an unconditional sink is a Finding, reported
// at the sink when it is in the package being analyzed and at the hand-over
// (the call, store or context.WithValue) otherwise; one per position, with
// the best explanation among its sources and sinks, and the other sinks it
// reaches listed in Finding.Also. Config.Events, when
// set, also receives every (position, sink, source) finding and each
// source a model produced, for analyzers that reason about sources (the
// audience analyzer: which parses reached an audience check). Each label
// keeps the shortest path that produced it (ties broken by a fixed order,
// so output is deterministic), and a finding carries that path, with
// typed positions and roles, for explanations; a path longer than the
// engine keeps is marked cut.
//
// A holding and a leak of one place that two packages found without
// importing each other meet in the first package that imports both: it
// reports the flow at its import of the holding's package and exports the
// meeting, so that no package above reports it again.
//
// # Limits
//
// The fixpoint is a work list (a function is analyzed again only when
// something it read changed), bounded by work, not by rounds, so results
// do not depend on declaration order. Reaching a bound (the work of a
// package, the passes of a function, a function's size) is returned as a
// Problem with Limit set, which analyzers report.
//
// # Cost
//
// The engine analyzes the SSA package it is given (built once for all
// analyzers by passes/internal/ssapkg, only for packages that can matter:
// the standard library is modelled, and a module dependency that imports
// none of net/http, x/oauth2 or gRPC metadata/credentials is skipped
// before any work). No call graph or pointer analysis is built.
package dataflow
