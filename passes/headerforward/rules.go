package headerforward

import (
	"go/types"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

// rules tell the engine to follow whole inbound requests and header sets,
// and the header names and values read by iterating one.
type rules struct{ extraHeaders []string }

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

func (*rules) Param(fn *ssa.Function, i int) (dataflow.Kind, string) { return httpflow.Param(fn, i) }

func (*rules) Field(f *types.Var, base dataflow.Kind) (dataflow.Kind, string) {
	return httpflow.Field(f, base)
}

func (*rules) FieldSink(*types.Var, dataflow.Kind) (string, bool) { return "", false }

func (*rules) Value(v ssa.Value) (dataflow.Kind, string) { return httpflow.Value(v) }

// Model describes the operations that forward a whole inbound header set:
// assigning it to an outbound request, maps.Copy, writing header names
// taken from it, and sending the received request itself. Each is a sink
// unless the function removes Authorization from the outbound request or
// the copy loop skips it.
func (r *rules) Model(c *dataflow.Call) []dataflow.Flow {
	switch c.Op {
	case dataflow.OpStore:
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == "net/http" && c.Field.Name() == "Header" &&
			!authorizationRemoved(c.Fn, c.Args[0], r.extraHeaders, c.Args[1]) {
			return []dataflow.Flow{sink(httpflow.InboundHeader, "the inbound header set assigned to an outbound request's Header", 0, httpflow.OutboundRequest)}
		}
		return nil
	case dataflow.OpMapUpdate:
		return r.namedWrite(c, "index assignment")
	case dataflow.OpLookup:
		return []dataflow.Flow{}
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil
	}
	name := dataflow.FuncName(c.Callee)
	switch c.Callee.Pkg().Path() {
	case "net/http", "net/textproto":
		if flows := httpflow.Model(c); flows != nil {
			return flows
		}
		switch name {
		case "Header.Set", "Header.Add", "MIMEHeader.Set", "MIMEHeader.Add":
			return r.namedWrite(c, name)
		case "Client.Do", "Transport.RoundTrip", "RoundTripper.RoundTrip", "RoundTrip":
			if len(c.Args) == 2 && !authorizationRemoved(c.Fn, c.Args[1], r.extraHeaders, nil) {
				return []dataflow.Flow{sink(httpflow.InboundRequest, "the received request sent upstream by "+name, -1, 0)}
			}
		}
		return []dataflow.Flow{}
	case "maps":
		if c.Callee.Name() == "Copy" && len(c.Args) == 2 && !authorizationRemoved(c.Fn, c.Args[0], r.extraHeaders, nil) {
			return []dataflow.Flow{sink(httpflow.InboundHeader, "maps.Copy of the inbound header set into an outbound header", 0, httpflow.OutboundHeader)}
		}
		return []dataflow.Flow{}
	}
	return nil
}

// namedWrite models h.Set(k, v), h.Add(k, v) and h[k] = v: a header whose
// name comes from iterating an inbound header set is a wholesale copy,
// unless the loop skips the credential headers.
func (r *rules) namedWrite(c *dataflow.Call, what string) []dataflow.Flow {
	if len(c.Args) < 2 || skipsCredentials(c.Args[1], r.extraHeaders) || authorizationRemoved(c.Fn, c.Args[0], r.extraHeaders, nil) {
		return []dataflow.Flow{}
	}
	return []dataflow.Flow{
		sink(httpflow.InboundHeader, "a copy of every inbound header (by "+what+") into an outbound header", 0, httpflow.OutboundHeader),
		// A header map the function made carries the copy to the request
		// it is attached to.
		{From: dataflow.Param, FromIndex: 1, FromKind: httpflow.InboundHeader, To: dataflow.Contents, ToIndex: 0,
			ToKind: httpflow.InboundHeader, Require: &dataflow.Require{Param: 0, Kind: httpflow.FreshHeader}},
	}
}

// sink is a flow from argument 1 (of kind k) to a sink; with require >= 0
// it leaks only when argument require has kind requireKind.
func sink(k dataflow.Kind, what string, require int, requireKind dataflow.Kind) dataflow.Flow {
	f := dataflow.Flow{From: dataflow.Param, FromIndex: 1, FromKind: k, To: dataflow.Sink, ToKind: k, Sink: &dataflow.SinkInfo{What: what}}
	if require >= 0 {
		f.Require = &dataflow.Require{Param: require, Kind: requireKind}
	}
	return f
}
