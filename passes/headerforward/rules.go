package headerforward

import (
	"go/types"
	"slices"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/replaced"
	"golang.org/x/tools/go/ssa"
)

// rules tell the engine to follow whole inbound requests and header sets,
// and the header names and values read by iterating one.
type rules struct {
	httpflow.Rules
	checker
	headerSinks map[string][]int       // function full name -> argument indexes (receiver counted)
	namedSinks  map[string]config.Sink // a client's SetHeader(name, value), its Header index counting the receiver
	copies      map[string][]int       // function full name -> argument the receiver's headers are copied into (receiver counted)
	visitors    map[string][]int       // function full name -> callback argument given each header of the receiver
	pkgs        map[string]bool        // the packages of the functions above
	proxies     map[string]bool        // function full name
	fieldSinks  map[string]string      // pkg/path.Type.Field -> the library whose model names it
	replaced    *replaced.Result       // the package's replaced credential headers (set per pass)
}

// inbound reports whether every credential header that must be removed
// from the inbound request or header set v holds, at c, a value the
// server put there: replaced before c (in the function or a helper
// called first), or by a middleware in front of every registration of
// the handler. The copy then sends the server's credentials. When the
// answer lies with the function's callers (v is a request it is given:
// see replaced.Decide), wait is the value guard a copy of v waits on: the
// copy is decided where the function is called or registered.
func (r *rules) inbound(c *dataflow.Call, v ssa.Value) (replaced bool, wait *dataflow.Guard) {
	if r.replaced == nil || c.Instr == nil || v == nil {
		return false, nil
	}
	clients, by, _ := r.replaced.Decide(c, v, r.mustRemove)
	switch {
	case !clients:
		return true, nil
	case by == nil:
		return false, nil
	}
	arg := slices.Index(c.Args, v)
	if arg < 0 {
		// A value the copy is made from that is not an argument (the
		// set a loop ranges over): the model hands it over as one.
		c.Args = append(c.Args, v)
		arg = len(c.Args) - 1
	}
	return false, &dataflow.Guard{Arg: arg, Class: tagReplacedCopy, OnValue: true}
}

// waiting returns flows, each made to wait on guard wait (when set).
func waiting(wait *dataflow.Guard, flows ...dataflow.Flow) []dataflow.Flow {
	if wait == nil {
		return flows
	}
	for i := range flows {
		if flows[i].Guard == nil {
			flows[i].Guard = wait
		}
	}
	return flows
}

// tagReplacedCopy is the value guard of a copy of a request (or header
// set) the function is given: forwarded with the client's credentials
// unless its callers, or the middleware it is registered behind,
// replaced each header that must be removed.
const tagReplacedCopy dataflow.Tag = 1

// Holds decides a copy's value guard at a call of the function that
// copies (arg is the request passed), or where the function is
// registered as a handler (c.FuncValue).
func (r *rules) Holds(g *dataflow.Guard, c *dataflow.Call, arg ssa.Value) (bool, ssa.Value, string) {
	if g.Class != tagReplacedCopy || r.replaced == nil {
		return true, nil, ""
	}
	// The note for a source is tokenforward's (a read's): a copy's
	// message names the header set, not one header. That of a
	// registration that replaces the headers names its middleware.
	clients, by, note := r.replaced.Decide(c, arg, r.mustRemove)
	if !clients {
		return false, nil, note
	}
	return clients, by, ""
}

// Provisional: a copy in a handler whose registrations are out of sight
// is reported in its package (replaced.Provisional).
func (r *rules) Provisional(fn *ssa.Function, g *dataflow.Guard) bool {
	return g.Class == tagReplacedCopy && r.replaced != nil && r.replaced.Provisional(fn, r.mustRemove)
}

// rangedSet returns the header set a loop ranges over, for a key taken
// from it.
func rangedSet(key ssa.Value) ssa.Value {
	root, ok := keyRoot(key, 0).(*ssa.Extract)
	if !ok {
		return nil
	}
	if next, ok := root.Tuple.(*ssa.Next); ok {
		if rng, ok := next.Iter.(*ssa.Range); ok {
			return rng.X
		}
	}
	return nil
}

// newRules compiles a configuration, the built-in models included.
func newRules(cfg *config.Config) *rules {
	r := &rules{
		Rules:       httpflow.Rules{Lib: httpflow.NewLibrary(cfg)},
		checker:     checker{mustRemove: httpflow.NewCredentialHeaders(cfg.Headers, cfg.UseDefaultHeaders()).MustRemove()},
		headerSinks: map[string][]int{},
		proxies:     map[string]bool{},
		fieldSinks:  map[string]string{},
		namedSinks:  map[string]config.Sink{},
		copies:      map[string][]int{},
		visitors:    map[string][]int{},
	}
	for _, h := range cfg.HeaderCopies {
		r.copies[h.Function] = append(r.copies[h.Function], h.Argument+httpflow.Receivers(h.Function))
	}
	for _, h := range cfg.HeaderVisitors {
		r.visitors[h.Function] = append(r.visitors[h.Function], h.Argument+httpflow.Receivers(h.Function))
	}
	for _, s := range cfg.Sinks {
		if s.Header != nil {
			i := *s.Header + httpflow.Receivers(s.Function)
			s.Header = &i
			r.namedSinks[s.Function] = s
		}
	}
	for _, f := range cfg.FieldSinks {
		r.fieldSinks[f.Field] = f.Library
	}
	for _, h := range cfg.HeaderSinks {
		r.headerSinks[h.Function] = append(r.headerSinks[h.Function], h.Argument+httpflow.Receivers(h.Function))
	}
	for _, p := range cfg.Proxies {
		r.proxies[p.Function] = true
	}
	r.pkgs = map[string]bool{}
	for _, m := range []map[string][]int{r.headerSinks, r.copies, r.visitors} {
		for name := range m {
			r.pkgs[httpflow.PackageOf(name)] = true
		}
	}
	for name := range r.namedSinks {
		r.pkgs[httpflow.PackageOf(name)] = true
	}
	return r
}

// The sinks of headerforward, by how the header set is forwarded (the
// suggested fix depends on it).
const (
	sinkCopyLoop     dataflow.Tag = iota + 1 // every header written by name in a loop
	sinkAssign                               // out.Header = in.Header
	sinkMapsCopy                             // maps.Copy(out.Header, in.Header)
	sinkSendReceived                         // the received request sent upstream
	sinkHeaderSet                            // a header set handed to a client that sends it
)

func (*rules) Derivable(k dataflow.Kind) bool { return k == httpflow.InboundHeader }

func (r *rules) Assumable(t types.Type) []dataflow.Kind {
	if ks := r.Rules.Assumable(t); ks != nil {
		return ks
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{httpflow.InboundHeader} // a header name or value taken from an inbound set
		}
	case *types.Slice:
		// Header values, and names and values as bytes (fasthttp).
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && (b.Info()&types.IsString != 0 || b.Kind() == types.Byte) {
			return []dataflow.Kind{httpflow.InboundHeader}
		}
	}
	return nil
}

// Model describes the operations that forward a whole inbound header set:
// assigning it to an outbound request, maps.Copy, writing header names
// taken from it, and sending the received request itself. Each is a sink
// unless the function removes Authorization from the outbound request or
// the copy loop skips it.
func (r *rules) Model(c *dataflow.Call) ([]dataflow.Flow, bool) {
	switch c.Op {
	case dataflow.OpStore:
		if lib, ok := r.fieldSinks[storedField(c)]; ok && c.Field != nil && !httpflow.Within(c.Fn, lib) && httpflow.IsNamed(c.Field.Type(), "net/http", "Header") && !r.covers(removedOn(c.Args[1], nil)) {
			return []dataflow.Flow{sink(httpflow.InboundHeader, "the header set of "+storedField(c)+", sent by the client", sinkHeaderSet, -1, 0)}, true
		}
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == "net/http" && c.Field.Name() == "Header" &&
			!r.covers(removedOn(c.Args[0], c.Args[1]), removedOn(c.Args[1], nil)) && !r.filtered(c, c.Args[1]) {
			if replaced, wait := r.inbound(c, c.Args[1]); !replaced {
				return waiting(wait, sink(httpflow.InboundHeader, "the inbound header set assigned to an outbound request's Header", sinkAssign, 0, httpflow.OutboundRequest)), true
			}
		}
		return nil, false
	case dataflow.OpMapUpdate:
		// An entry copied under a name from a loop over the inbound set
		// that skips the credential headers is one header, not the set:
		// the map it is written into does not carry the set.
		if len(c.Args) > 2 && keyRoot(c.Args[1], 0) != nil && r.covers(r.skipped(c, c.Args[1])) {
			return nil, true
		}
		return append(r.namedWrite(c, "index assignment"), dataflow.StoreFlows(httpflow.InboundHeader, httpflow.InboundRequest,
			httpflow.OutboundHeader, httpflow.OutboundRequest, httpflow.FreshHeader)...), true
	case dataflow.OpLookup:
		return nil, true
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil, false
	}
	if flows, ok := r.headerSink(c); ok {
		return flows, true
	}
	if flows, ok := r.Lib.Model(c, httpflow.InboundHeader, httpflow.InboundRequest); ok {
		return flows, true
	}
	name := dataflow.FuncName(c.Callee)
	switch c.Callee.Pkg().Path() {
	case "net/http", "net/textproto":
		var wait *dataflow.Guard
		if name == "Header.Clone" {
			replaced := false
			if c.Value != nil && r.removed(c.Value) || r.removed(c.Args[0]) {
				replaced = true
			} else {
				replaced, wait = r.inbound(c, c.Args[0])
			}
			if replaced {
				// A copy the function strips of the credentials, or a
				// copy of a set whose credentials it replaced with its
				// own.
				return nil, true
			}
		}
		if flows, ok := httpflow.Model(c); ok {
			return waiting(wait, flows...), true
		}
		switch name {
		case "Header.Set", "Header.Add", "MIMEHeader.Set", "MIMEHeader.Add":
			return r.namedWrite(c, name), true
		case "Header.Get", "Header.Values", "MIMEHeader.Get", "MIMEHeader.Values":
			// A value read under a name from a loop over the inbound set
			// is part of a copy of it; one read by a constant name is one
			// header (tokenforward's, when it is a credential).
			if len(c.Args) > 1 && len(dataflow.ConstStrings(c.Args[1])) == 0 {
				return httpflow.Keep(httpflow.InboundHeader), true
			}
			return nil, true
		case "Client.Do", "Transport.RoundTrip", "RoundTripper.RoundTrip", "RoundTrip":
			if len(c.Args) == 2 && !r.removed(c.Args[1]) {
				if replaced, wait := r.inbound(c, c.Args[1]); !replaced {
					return waiting(wait, sink(httpflow.InboundRequest, "the received request sent upstream by "+name, sinkSendReceived, -1, 0)), true
				}
			}
		}
		return nil, true
	case "maps":
		if c.Callee.Name() == "Copy" && len(c.Args) == 2 && !r.removed(c.Args[0]) {
			if replaced, wait := r.inbound(c, c.Args[1]); !replaced {
				return waiting(wait, sink(httpflow.InboundHeader, "maps.Copy of the inbound header set into an outbound header", sinkMapsCopy, 0, httpflow.OutboundHeader)), true
			}
		}
		return nil, true
	}
	return nil, false
}

// namedWrite models h.Set(k, v), h.Add(k, v) and h[k] = v: a header whose
// name comes from iterating an inbound header set is a wholesale copy,
// unless the loop skips the credential headers.
func (r *rules) namedWrite(c *dataflow.Call, what string) []dataflow.Flow {
	if len(c.Args) < 2 || r.covers(r.skipped(c, c.Args[1]), removedOn(c.Args[0], nil)) {
		return nil
	}
	replaced, wait := r.inbound(c, rangedSet(c.Args[1]))
	if replaced {
		return nil
	}
	return waiting(wait,
		sink(httpflow.InboundHeader, "a copy of every inbound header (by "+what+") into an outbound header", sinkCopyLoop, 0, httpflow.OutboundHeader),
		// A header map the function made carries the copy to the request
		// it is attached to.
		dataflow.Flow{From: dataflow.Param, FromIndex: 1, FromKind: httpflow.InboundHeader, To: dataflow.Contents, ToIndex: 0,
			ToKind: httpflow.InboundHeader, Require: &dataflow.Require{Param: 0, Kind: httpflow.FreshHeader}},
	)
}

// sink is a flow from argument 1 (of kind k) to a sink; with require >= 0
// it leaks only when argument require has kind requireKind.
func sink(k dataflow.Kind, what string, tag dataflow.Tag, require int, requireKind dataflow.Kind) dataflow.Flow {
	var req *dataflow.Require
	if require >= 0 {
		req = &dataflow.Require{Param: require, Kind: requireKind}
	}
	return dataflow.SinkFlow(1, k, dataflow.SinkInfo{What: what, Tag: tag}, req)
}

// headerSink models a library function that sends a header set it is
// given (resty's SetHeaders, a websocket dial's header): the inbound set
// reaching it is forwarded wholesale, unless the set is one the function
// made and filled skipping the credential headers, or deleted them from.
func (r *rules) headerSink(c *dataflow.Call) ([]dataflow.Flow, bool) {
	if !r.pkgs[c.Callee.Pkg().Path()] {
		return nil, false
	}
	full := httpflow.FullName(c.Callee)
	if s, ok := r.namedSinks[full]; ok && !httpflow.Within(c.Fn, s.Library) {
		i := *s.Header
		// A client's SetHeader(name, value) in a loop over the inbound
		// set copies it, unless the loop skips the credential headers.
		if i >= len(c.Args) || r.covers(r.skipped(c, c.Args[i])) {
			return nil, true
		}
		what := "a copy of every inbound header (by " + httpflow.ShortFunc(full) + ")"
		return []dataflow.Flow{dataflow.SinkFlow(i, httpflow.InboundHeader, dataflow.SinkInfo{What: what, Tag: sinkHeaderSet}, nil)}, true
	}
	if dsts, ok := r.copies[full]; ok {
		// The receiver's header set copied into a sent one, unless the
		// function then removes the credential headers from it.
		if removedByName(c.Fn, r) {
			return nil, true
		}
		var out []dataflow.Flow
		what := "a copy of the inbound header set by " + httpflow.ShortFunc(full)
		info := dataflow.SinkInfo{What: what, Tag: sinkHeaderSet}
		for _, d := range dsts {
			for _, to := range []dataflow.Kind{httpflow.OutboundRequest, httpflow.OutboundHeader} {
				for _, from := range []dataflow.Kind{httpflow.InboundHeader, httpflow.InboundRequest} {
					out = append(out, dataflow.SinkFlow(0, from, info, &dataflow.Require{Param: d, Kind: to}))
				}
			}
		}
		return out, true
	}
	if cbs, ok := r.visitors[full]; ok {
		// The callback gets each name and value of the receiver's set.
		var out []dataflow.Flow
		for _, cb := range cbs {
			for _, k := range []dataflow.Kind{httpflow.InboundHeader, httpflow.InboundRequest} {
				for arg := 0; arg < 2; arg++ {
					out = append(out, dataflow.Flow{From: dataflow.Param, FromIndex: 0, FromKind: k, To: dataflow.CallOf, ToIndex: cb, ToArg: arg, ToKind: httpflow.InboundHeader})
				}
			}
		}
		return out, true
	}
	args, ok := r.headerSinks[full]
	if !ok {
		return nil, false
	}
	var out []dataflow.Flow
	for _, i := range args {
		if i >= len(c.Args) || r.filtered(c, c.Args[i]) {
			continue
		}
		replaced, wait := r.inbound(c, c.Args[i])
		if replaced {
			continue
		}
		what := "a header set handed to " + httpflow.ShortFunc(httpflow.FullName(c.Callee))
		out = append(out, waiting(wait, dataflow.SinkFlow(i, httpflow.InboundHeader, dataflow.SinkInfo{What: what, Tag: sinkHeaderSet}, nil))...)
	}
	return out, true
}

// filtered reports whether a header set passed whole or attached to a
// request has had the credential headers removed: deleted from it, or
// skipped by every loop that filled it (a fresh http.Header{} filled
// with the inbound headers but Authorization).
func (r *rules) filtered(c *dataflow.Call, v ssa.Value) bool {
	removed := []removal{removedOn(v, nil)}
	if mm, ok := v.(*ssa.MakeMap); ok {
		filled := false
		for _, ref := range referrers(mm) {
			var w *dataflow.Call
			switch ref := ref.(type) {
			case *ssa.MapUpdate:
				w = &dataflow.Call{Op: dataflow.OpMapUpdate, Fn: c.Fn, Args: []ssa.Value{ref.Map, ref.Key, ref.Value}}
			case *ssa.Call:
				if isHeaderMethod(ref.Common(), "Set", "Add") && len(ref.Common().Args) > 1 {
					w = &dataflow.Call{Fn: c.Fn, Common: ref.Common(), Args: ref.Common().Args}
				}
			}
			if w == nil || len(dataflow.ConstStrings(w.Args[1])) > 0 {
				continue
			}
			filled = true
			if !r.covers(r.skipped(w, w.Args[1]), removed[0]) {
				return false
			}
		}
		if filled {
			return true
		}
	}
	return r.covers(removed...)
}

// storedField names the field a store writes, pkg/path.Type.Field.
func storedField(c *dataflow.Call) string {
	if len(c.Args) == 0 {
		return ""
	}
	pkg, typ := dataflow.NamedType(c.Args[0].Type())
	return pkg + "." + typ + "." + c.Field.Name()
}

// removedByName reports whether fn removes the credential headers by a
// call of any Del or Set method with their names (the header types of
// libraries that are not net/http: fasthttp's RequestHeader.Del).
func removedByName(fn *ssa.Function, r *rules) bool {
	var removed removal
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if f := c.Common().StaticCallee(); f != nil && (f.Name() == "Del" || f.Name() == "Set") && len(c.Common().Args) > 1 {
				if name, ok := dataflow.ConstString(c.Common().Args[1]); ok {
					removed.add(name)
				}
			}
		}
	}
	return r.covers(removed)
}
