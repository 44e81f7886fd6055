package tokenforward

import (
	"fmt"
	"strings"

	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"golang.org/x/tools/go/ssa"
)

type flow = dataflow.Flow

// sink is a flow of a credential from argument from to a sink.
func sink(from int, what string, req *dataflow.Require) flow {
	return dataflow.SinkFlow(from, credential, dataflow.SinkInfo{What: what}, req)
}

func paramTo(from int, fromKind dataflow.Kind, to dataflow.Port, toIndex int, toKind dataflow.Kind, what string) flow {
	return dataflow.ParamFlow(from, fromKind, to, toIndex, toKind, what)
}

// Model describes the library calls that produce, transform or leak
// credentials; for a call it does not describe, it says so (false) and
// the engine uses the callee's summary.
func (r *rules) Model(c *dataflow.Call) ([]flow, bool) {
	switch c.Op {
	case dataflow.OpLookup:
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return r.read(c, name, 1, paramTo(0, inboundHeader, dataflow.Result, 0, credential, fmt.Sprintf("Header[%q]", name)))
		}
		if g := headerGuard(c, 1, tagReadName); g != nil {
			fl := paramTo(0, inboundHeader, dataflow.Result, 0, credential, "Header[<name from a parameter>]")
			fl.Guard = g
			return []flow{fl}, true
		}
		return nil, true
	case dataflow.OpStore:
		if c.Field != nil && c.Field.Pkg() != nil && c.Field.Pkg().Path() == "net/http" && c.Field.Name() == "Header" {
			return []flow{sink(1, "a header carrying it attached to an outbound request", &dataflow.Require{Param: 0, Kind: outboundRequest})}, true
		}
		return nil, false
	case dataflow.OpMapUpdate:
		stored := dataflow.StoreFlows(credential, inboundHeader, inboundRequest, outboundHeader, outboundRequest)
		if c.Fn.Name() == "GetRequestMetadata" {
			if key, ok := dataflow.ConstString(c.Args[1]); ok && strings.EqualFold(key, "authorization") {
				return append(stored, sink(2, "gRPC per-RPC credentials metadata \"authorization\"", nil)), true
			}
		}
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return append(stored, sink(2, fmt.Sprintf("Header[%q] on an outbound request", name), &dataflow.Require{Param: 0, Kind: outboundHeader})), true
		}
		return nil, false
	}
	if c.Callee == nil || c.Callee.Pkg() == nil {
		return nil, false
	}
	if flows := r.configured(c); flows != nil {
		return flows, true
	}
	if flows, ok := r.Lib.Model(c, credential); ok {
		return flows, true
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
	case "net/url":
		return urlModel(name)
	}
	if strings.HasPrefix(c.Callee.Pkg().Path(), "github.com/google/go-github/") && name == "Client.WithAuthToken" {
		return []flow{sink(1, "go-github Client.WithAuthToken", nil)}, true
	}
	return nil, false
}

func (r *rules) httpModel(c *dataflow.Call, name string) ([]flow, bool) {
	if flows, ok := httpflow.Model(c); ok {
		switch name {
		case "NewRequest", "NewRequestWithContext":
			// A credential in the URL (user info, a query parameter)
			// is sent with the request.
			flows = append(flows, sink(len(c.Args)-2, "the URL of an outbound request (http."+name+")", nil))
		}
		return flows, true
	}
	switch name {
	case "Request.BasicAuth":
		return []flow{
			paramTo(0, inboundRequest, dataflow.Result, 0, credential, "Request.BasicAuth() user"),
			paramTo(0, inboundRequest, dataflow.Result, 1, credential, "Request.BasicAuth() password"),
		}, true
	case "Request.SetBasicAuth":
		req := &dataflow.Require{Param: 0, Kind: outboundRequest}
		return []flow{sink(1, "Request.SetBasicAuth on an outbound request", req), sink(2, "Request.SetBasicAuth on an outbound request", req)}, true
	}
	if strings.HasPrefix(name, "Header.") {
		return r.headerModel(c, strings.TrimPrefix(name, "Header."))
	}
	return nil, true
}

// read returns the flow of a read of credential header name (argument
// nameArg of c), unless the server replaced the header first; a
// replacement on some other registrations of the handler is said in the
// source's description.
func (r *rules) read(c *dataflow.Call, name string, nameArg int, fl flow) ([]flow, bool) {
	replaced, by, elsewhere := r.readReplaced(c, name, nameArg)
	if replaced {
		// The server set the header to its own value (or deleted it)
		// before the read: not the client's.
		return nil, true
	}
	if fl.Guard == nil {
		// A request the function is given, by callers or registrations
		// this package does not hold: they decide (Holds).
		fl.Guard = r.replacedGuard(by, name)
	}
	if elsewhere != "" && len(fl.Path) > 0 {
		fl.Path[0].What += " (" + elsewhere + ")"
	}
	return []flow{fl}, true
}

func (r *rules) headerModel(c *dataflow.Call, method string) ([]flow, bool) {
	switch method {
	case "Get", "Values":
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return r.read(c, name, 1, paramTo(0, inboundHeader, dataflow.Result, 0, credential, fmt.Sprintf("Header.%s(%q)", method, name)))
		}
		if g := headerGuard(c, 1, tagReadName); g != nil {
			// A wrapper that reads the header its caller names: a source
			// where it is called with a credential header name.
			fl := paramTo(0, inboundHeader, dataflow.Result, 0, credential, fmt.Sprintf("Header.%s(<name from a parameter>)", method))
			fl.Guard = g
			return []flow{fl}, true
		}
	case "Set", "Add":
		if name, ok := r.isCredentialHeader(c.Args[1]); ok {
			return []flow{
				sink(2, fmt.Sprintf("Header.%s(%q) on an outbound request", method, name), &dataflow.Require{Param: 0, Kind: outboundHeader}),
				// A header map the function made carries the credential
				// to the request it is attached to.
				{From: dataflow.Param, FromIndex: 2, FromKind: credential, To: dataflow.Contents, ToIndex: 0, ToKind: credential,
					Require: &dataflow.Require{Param: 0, Kind: httpflow.FreshHeader}},
			}, true
		}
		if g := headerGuard(c, 1, tagHeaderName); g != nil {
			// A header named by a variable: copied out of a map of
			// headers (for k, v := range m), the credential value is
			// sent under a name that may be a credential header; a
			// parameter (a wrapper setHeader(req, name, value)) is judged
			// where the wrapper is called.
			g.Unknown = true
			fl := sink(2, fmt.Sprintf("Header.%s(<name from a variable>) on an outbound request", method), &dataflow.Require{Param: 0, Kind: outboundHeader})
			fl.Guard = g
			return []flow{fl}, true
		}
	case "Clone":
		return httpflow.Keep(inboundHeader, outboundHeader), true
	}
	return nil, true
}

// metadataModel covers gRPC outgoing metadata: an "authorization" entry
// built from an inbound credential and attached to an outgoing context.
func (r *rules) metadataModel(c *dataflow.Call, name string) ([]flow, bool) {
	const what = "gRPC outgoing metadata \"authorization\""
	switch name {
	case "AppendToOutgoingContext":
		var out []flow
		for _, v := range authorizationValues(c.Args[len(c.Args)-1]) {
			c.Args = append(c.Args, v)
			out = append(out, sink(len(c.Args)-1, what, nil))
		}
		return out, true
	case "Pairs":
		var out []flow
		for _, v := range authorizationValues(c.Args[0]) {
			c.Args = append(c.Args, v)
			out = append(out, paramTo(len(c.Args)-1, credential, dataflow.Result, 0, credential, ""))
		}
		return out, true
	case "New":
		return []flow{paramTo(0, credential, dataflow.Result, 0, credential, "")}, true
	case "MD.Set", "MD.Append":
		if key, ok := dataflow.ConstString(c.Args[1]); ok && strings.EqualFold(key, "authorization") {
			return []flow{paramTo(2, credential, dataflow.Contents, 0, credential, "")}, true
		}
		return nil, true
	case "NewOutgoingContext":
		return []flow{sink(1, what, nil)}, true
	}
	return nil, true
}

// authorizationValues finds, in a variadic key/value list built in place,
// the values that follow an "authorization" key.
func authorizationValues(v ssa.Value) []ssa.Value {
	elems := dataflow.Elements(v)
	var out []ssa.Value
	for i := 0; i+1 < len(elems); i += 2 {
		if key, ok := dataflow.ConstString(elems[i]); ok && strings.EqualFold(key, "authorization") && elems[i+1] != nil {
			out = append(out, elems[i+1])
		}
	}
	return out
}

// oauth2Model covers the golang.org/x/oauth2 calls that make a Token the
// credential of a client: a Token whose AccessToken is an inbound
// credential carries it (the engine passes a struct's fields with it).
// Passing a Token to anything else, such as a token exchange, is not a leak.
func oauth2Model(name string) ([]flow, bool) {
	const what = "an oauth2 client credential via oauth2."
	switch name {
	case "StaticTokenSource", "ReuseTokenSource":
		return []flow{sink(0, what+name, nil)}, true
	case "Config.Client", "Config.TokenSource":
		return []flow{sink(2, what+name, nil)}, true
	case "Token.SetAuthHeader":
		return []flow{sink(0, what+name, &dataflow.Require{Param: 1, Kind: outboundRequest})}, true
	}
	return nil, false
}

// urlModel covers net/url.Userinfo, a credential's holder: built from one,
// it gives it back, and a URL carrying it carries it into its string.
// (The escaping functions are the engine's string derivations.)
func urlModel(name string) ([]flow, bool) {
	switch name {
	case "UserPassword":
		return []flow{paramTo(0, credential, dataflow.Result, 0, credential, ""), paramTo(1, credential, dataflow.Result, 0, credential, "")}, true
	case "User", "Userinfo.Password", "Userinfo.Username", "Userinfo.String", "URL.String":
		return []flow{paramTo(0, credential, dataflow.Result, 0, credential, "")}, true
	}
	return nil, false
}

// configured returns the flows of a function named in the configuration's
// or the models' sources and sinks.
func (r *rules) configured(c *dataflow.Call) []flow {
	if !r.pkgs[c.Callee.Pkg().Path()] {
		return nil
	}
	full := httpflow.FullName(c.Callee)
	srcs, snks := r.sources[full], r.sinks[full]
	if len(srcs) == 0 && len(snks) == 0 {
		return nil
	}
	recv := httpflow.Receivers(full)
	short := httpflow.ShortFunc(full)
	inside := func(library string) bool { return httpflow.Within(c.Fn, library) }
	var out []flow
	for _, s := range srcs {
		if inside(s.Library) {
			continue
		}
		what := short + "()"
		var guard *dataflow.Guard
		if s.Header != nil {
			if what, guard = r.named(c, short, *s.Header+recv, tagReadName); what == "" {
				continue
			}
			if name, ok := r.isCredentialHeader(c.Args[*s.Header+recv]); ok && guard == nil {
				replaced, by, elsewhere := r.readReplaced(c, name, *s.Header+recv)
				if replaced {
					continue
				}
				guard = r.replacedGuard(by, name)
				if elsewhere != "" {
					what += " (" + elsewhere + ")"
				}
			}
		}
		if s.Receiver == "inbound" {
			for _, k := range []dataflow.Kind{inboundRequest, inboundHeader} {
				fl := paramTo(0, k, dataflow.Result, s.Result, credential, what)
				fl.Guard = guard
				out = append(out, fl)
			}
			continue
		}
		fl := dataflow.SourceFlow(credential, dataflow.Result, s.Result, what, 0)
		fl.Guard = guard
		out = append(out, fl)
	}
	for _, s := range snks {
		if inside(s.Library) {
			continue
		}
		what := short
		var guard *dataflow.Guard
		if s.Header != nil {
			if what, guard = r.named(c, short, *s.Header+recv, tagHeaderName); what == "" {
				continue
			}
			if guard != nil {
				guard.Unknown = true // as Header.Set under a name from a variable
			}
		}
		if s.Receiver == "outbound" {
			for _, k := range []dataflow.Kind{outboundRequest, outboundHeader} {
				fl := sink(s.Argument+recv, what+" on an outbound request", &dataflow.Require{Param: 0, Kind: k})
				fl.Guard = guard
				out = append(out, fl)
			}
			continue
		}
		fl := sink(s.Argument+recv, what, nil)
		fl.Guard = guard
		out = append(out, fl)
	}
	return out
}

// named describes a call whose header name is argument i: with the name
// when it is a constant credential header, guarded when it comes from a
// parameter, and "" when it is a constant of another header.
func (r *rules) named(c *dataflow.Call, short string, i int, class dataflow.Tag) (string, *dataflow.Guard) {
	if i >= len(c.Args) {
		return "", nil
	}
	if names := dataflow.ConstStrings(c.Args[i]); len(names) > 0 {
		if name, ok := r.isCredentialHeader(c.Args[i]); ok {
			return fmt.Sprintf("%s(%q)", short, name), nil
		}
		return "", nil
	}
	return short + "(<name from a variable>)", &dataflow.Guard{Arg: i, Class: class}
}
