package headerforward

import (
	"go/types"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
)

// rules tell the engine to follow whole inbound requests and header sets,
// and the header names and values read by iterating one.
type rules struct {
	httpflow.Rules
	checker
}

// The sinks of headerforward, by how the header set is forwarded (the
// suggested fix depends on it).
const (
	sinkCopyLoop     dataflow.Tag = iota + 1 // every header written by name in a loop
	sinkAssign                               // out.Header = in.Header
	sinkMapsCopy                             // maps.Copy(out.Header, in.Header)
	sinkSendReceived                         // the received request sent upstream
)

func (*rules) Derivable(k dataflow.Kind) bool { return k == httpflow.InboundHeader }

func (*rules) Assumable(t types.Type) []dataflow.Kind {
	if ks := httpflow.Assumable(t); ks != nil {
		return ks
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return []dataflow.Kind{httpflow.InboundHeader} // a header name or value taken from an inbound set
		}
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
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
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == "net/http" && c.Field.Name() == "Header" &&
			!r.covers(removedOn(c.Args[0], c.Args[1]), removedOn(c.Args[1], nil)) {
			return []dataflow.Flow{sink(httpflow.InboundHeader, "the inbound header set assigned to an outbound request's Header", sinkAssign, 0, httpflow.OutboundRequest)}, true
		}
		return nil, false
	case dataflow.OpMapUpdate:
		return r.namedWrite(c, "index assignment"), true
	case dataflow.OpLookup:
		return nil, true
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil, false
	}
	name := dataflow.FuncName(c.Callee)
	switch c.Callee.Pkg().Path() {
	case "net/http", "net/textproto":
		if flows, ok := httpflow.Model(c); ok {
			return flows, true
		}
		switch name {
		case "Header.Set", "Header.Add", "MIMEHeader.Set", "MIMEHeader.Add":
			return r.namedWrite(c, name), true
		case "Client.Do", "Transport.RoundTrip", "RoundTripper.RoundTrip", "RoundTrip":
			if len(c.Args) == 2 && !r.removed(c.Args[1]) {
				return []dataflow.Flow{sink(httpflow.InboundRequest, "the received request sent upstream by "+name, sinkSendReceived, -1, 0)}, true
			}
		}
		return nil, true
	case "maps":
		if c.Callee.Name() == "Copy" && len(c.Args) == 2 && !r.removed(c.Args[0]) {
			return []dataflow.Flow{sink(httpflow.InboundHeader, "maps.Copy of the inbound header set into an outbound header", sinkMapsCopy, 0, httpflow.OutboundHeader)}, true
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
	return []dataflow.Flow{
		sink(httpflow.InboundHeader, "a copy of every inbound header (by "+what+") into an outbound header", sinkCopyLoop, 0, httpflow.OutboundHeader),
		// A header map the function made carries the copy to the request
		// it is attached to.
		{From: dataflow.Param, FromIndex: 1, FromKind: httpflow.InboundHeader, To: dataflow.Contents, ToIndex: 0,
			ToKind: httpflow.InboundHeader, Require: &dataflow.Require{Param: 0, Kind: httpflow.FreshHeader}},
	}
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
