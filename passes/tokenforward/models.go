package tokenforward

import (
	"fmt"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

type flow = dataflow.Flow

// Shorthands for writing models.
func paramTo(from int, fromKind dataflow.Kind, to dataflow.Port, toIndex int, toKind dataflow.Kind, what string) flow {
	f := flow{From: dataflow.Param, FromIndex: from, FromKind: fromKind, To: to, ToIndex: toIndex, ToKind: toKind}
	if what != "" {
		f.Path = []dataflow.Step{{What: what}}
	}
	return f
}

func sink(from int, what string, req *dataflow.Require) flow {
	return flow{From: dataflow.Param, FromIndex: from, FromKind: credential, To: dataflow.Sink, ToKind: credential,
		Sink: &dataflow.SinkInfo{What: what}, Require: req}
}

var handled = []flow{} // a model that says: nothing flows

// Model describes the library calls that produce, transform or leak
// credentials. Returning nil lets the engine use the callee's summary.
func (r *rules) Model(c *dataflow.Call) []flow {
	switch c.Op {
	case dataflow.OpLookup:
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return []flow{paramTo(0, inboundHeader, dataflow.Result, 0, credential, fmt.Sprintf("Header[%q]", name))}
		}
		return handled
	case dataflow.OpStore:
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == "net/http" && c.Field.Name() == "Header" {
			return []flow{sink(1, "a header carrying it attached to an outbound request", &dataflow.Require{Param: 0, Kind: outboundRequest})}
		}
		return nil
	case dataflow.OpMapUpdate:
		if c.Fn.Name() == "GetRequestMetadata" {
			if key, ok := dataflow.ConstString(c.Args[1]); ok && strings.EqualFold(key, "authorization") {
				return []flow{sink(2, "gRPC per-RPC credentials metadata \"authorization\"", nil)}
			}
		}
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return []flow{sink(2, fmt.Sprintf("Header[%q] on an outbound request", name), &dataflow.Require{Param: 0, Kind: outboundHeader})}
		}
		return handled
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil
	}
	if flows := r.configured(c); flows != nil {
		return flows
	}
	name := dataflow.FuncName(c.Callee)
	switch c.Callee.Pkg().Path() {
	case "net/http":
		return r.httpModel(c, name)
	case "net/textproto":
		if strings.HasPrefix(name, "MIMEHeader.") {
			return r.headerModel(c, strings.TrimPrefix(name, "MIMEHeader."))
		}
	case "google.golang.org/grpc/metadata":
		return r.metadataModel(c, name)
	case "golang.org/x/oauth2":
		return oauth2Model(name)
	}
	if strings.HasPrefix(c.Callee.Pkg().Path(), "github.com/google/go-github/") && name == "Client.WithAuthToken" {
		return []flow{sink(1, "go-github Client.WithAuthToken", nil)}
	}
	return nil
}

func (r *rules) httpModel(c *dataflow.Call, name string) []flow {
	if flows := httpflow.Model(c); flows != nil {
		return flows
	}
	switch name {
	case "Request.BasicAuth":
		return []flow{
			paramTo(0, inboundRequest, dataflow.Result, 0, credential, "Request.BasicAuth() user"),
			paramTo(0, inboundRequest, dataflow.Result, 1, credential, "Request.BasicAuth() password"),
		}
	case "Request.SetBasicAuth":
		req := &dataflow.Require{Param: 0, Kind: outboundRequest}
		return []flow{sink(1, "Request.SetBasicAuth on an outbound request", req), sink(2, "Request.SetBasicAuth on an outbound request", req)}
	}
	if strings.HasPrefix(name, "Header.") {
		return r.headerModel(c, strings.TrimPrefix(name, "Header."))
	}
	return handled
}

func (r *rules) headerModel(c *dataflow.Call, method string) []flow {
	switch method {
	case "Get", "Values":
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return []flow{paramTo(0, inboundHeader, dataflow.Result, 0, credential, fmt.Sprintf("Header.%s(%q)", method, name))}
		}
	case "Set", "Add":
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return []flow{
				sink(2, fmt.Sprintf("Header.%s(%q) on an outbound request", method, name), &dataflow.Require{Param: 0, Kind: outboundHeader}),
				// A header map the function made carries the credential
				// to the request it is attached to.
				{From: dataflow.Param, FromIndex: 2, FromKind: credential, To: dataflow.Contents, ToIndex: 0, ToKind: credential,
					Require: &dataflow.Require{Param: 0, Kind: httpflow.FreshHeader}},
			}
		}
	case "Clone":
		return httpflow.Keep(inboundHeader, outboundHeader)
	}
	return handled
}

// metadataModel covers gRPC outgoing metadata: an "authorization" entry
// built from an inbound credential and attached to an outgoing context.
func (r *rules) metadataModel(c *dataflow.Call, name string) []flow {
	const what = "gRPC outgoing metadata \"authorization\""
	switch name {
	case "AppendToOutgoingContext":
		var out []flow
		for _, v := range authorizationValues(c.Args[len(c.Args)-1]) {
			c.Args = append(c.Args, v)
			out = append(out, sink(len(c.Args)-1, what, nil))
		}
		return append(out, handled...)
	case "Pairs":
		var out []flow
		for _, v := range authorizationValues(c.Args[0]) {
			c.Args = append(c.Args, v)
			out = append(out, paramTo(len(c.Args)-1, credential, dataflow.Result, 0, credential, ""))
		}
		return append(out, handled...)
	case "New":
		return []flow{paramTo(0, credential, dataflow.Result, 0, credential, "")}
	case "MD.Set", "MD.Append":
		if key, ok := dataflow.ConstString(c.Args[1]); ok && strings.EqualFold(key, "authorization") {
			return []flow{paramTo(2, credential, dataflow.Contents, 0, credential, "")}
		}
		return handled
	case "NewOutgoingContext":
		return []flow{sink(1, what, nil)}
	}
	return handled
}

// authorizationValues finds, in a variadic key/value list built in place,
// the values that follow an "authorization" key.
func authorizationValues(v ssa.Value) []ssa.Value {
	s, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	elems := map[int64]ssa.Value{}
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		idx, ok := ia.Index.(*ssa.Const)
		if !ok || idx.Value == nil {
			continue
		}
		i, _ := constant.Int64Val(idx.Value)
		for _, r2 := range *ia.Referrers() {
			if st, ok := r2.(*ssa.Store); ok {
				elems[i] = st.Val
			}
		}
	}
	idxs := make([]int64, 0, len(elems))
	for i := range elems {
		idxs = append(idxs, i)
	}
	slices.Sort(idxs)
	var out []ssa.Value
	for _, i := range idxs {
		k := elems[i]
		if key, ok := dataflow.ConstString(k); ok && i%2 == 0 && strings.EqualFold(key, "authorization") {
			if val, ok := elems[i+1]; ok {
				out = append(out, val)
			}
		}
	}
	return out
}

// oauth2Model covers the golang.org/x/oauth2 calls that make a Token the
// credential of a client: a Token whose AccessToken is an inbound
// credential carries it (the engine passes a struct's fields with it).
// Passing a Token to anything else, such as a token exchange, is not a leak.
func oauth2Model(name string) []flow {
	const what = "an oauth2 client credential via oauth2."
	switch name {
	case "StaticTokenSource", "ReuseTokenSource":
		return []flow{sink(0, what+name, nil)}
	case "Config.Client", "Config.TokenSource":
		return []flow{sink(2, what+name, nil)}
	case "Token.SetAuthHeader":
		return []flow{sink(0, what+name, &dataflow.Require{Param: 1, Kind: outboundRequest})}
	}
	return nil
}

// configured returns the flows of a function named in the configuration's
// sources or sinks.
func (r *rules) configured(c *dataflow.Call) []flow {
	full := c.Callee.FullName()
	var out []flow
	for _, i := range r.sources[full] {
		out = append(out, flow{From: dataflow.Source, FromKind: credential, To: dataflow.Result, ToIndex: i, ToKind: credential,
			Path: []dataflow.Step{{What: full + " (configured source)"}}})
	}
	recv := 0
	if sig, ok := c.Callee.Type().(*types.Signature); ok && sig.Recv() != nil {
		recv = 1
	}
	for _, i := range r.sinks[full] {
		out = append(out, sink(i+recv, full+" (configured sink)", nil))
	}
	return out
}
