package config

import (
	"fmt"
	"go/types"
	"strings"
)

// FunctionName is the name the configuration spells a function with:
// "pkg/path.Func", "(pkg/path.Type).Method" or "(*pkg/path.Type).Method",
// a method of a generic type without its type parameters.
func FunctionName(f *types.Func) string {
	full := f.FullName()
	if !strings.Contains(full, "[") {
		return full
	}
	var b strings.Builder
	depth := 0
	for _, r := range full {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CheckFunctions checks the functions the configuration names against
// those of the analyzed packages, which lookup finds by FunctionName: an
// index that the function's signature does not have is an error; the
// functions that match nothing are returned, for a warning (a misspelled
// path, or a library the packages do not use).
func (c *Config) CheckFunctions(lookup func(string) *types.Func) (unmatched []string, err error) {
	seen := map[string]bool{}
	check := func(key, name string, indexes, results []index) {
		if err != nil {
			return
		}
		f := lookup(name)
		if f == nil {
			if !seen[name] {
				seen[name] = true
				unmatched = append(unmatched, name)
			}
			return
		}
		sig, ok := f.Type().(*types.Signature)
		if !ok {
			return
		}
		for _, x := range indexes {
			if x.i >= sig.Params().Len() && (!sig.Variadic() || sig.Params().Len() == 0) {
				err = fmt.Errorf("%s: %s %s: %d, but %s has %d parameters (0-based, the receiver not counted)", key, name, x.what, x.i, name, sig.Params().Len())
				return
			}
		}
		for _, x := range results {
			if x.i >= sig.Results().Len() {
				err = fmt.Errorf("%s: %s %s: %d, but %s has %d results (0-based)", key, name, x.what, x.i, name, sig.Results().Len())
				return
			}
		}
	}
	opt := func(xs []index, what string, p *int) []index {
		if p != nil {
			xs = append(xs, index{what, *p})
		}
		return xs
	}
	for _, s := range c.Sources {
		check("sources", s.Function, opt(nil, "header", s.Header), []index{{"result", s.Result}})
	}
	for _, s := range c.Sinks {
		check("sinks", s.Function, opt([]index{{"argument", s.Argument}}, "header", s.Header), nil)
	}
	for _, list := range []struct {
		key string
		rs  []Request
	}{{"inbound", c.Inbound}, {"outbound", c.Outbound}, {"accessors", c.Accessors}} {
		for _, r := range list.rs {
			check(list.key, r.Function, nil, []index{{"result", r.Result}})
		}
	}
	for _, h := range c.Handlers {
		check("handlers", h.Function, []index{{"argument", h.Argument}}, nil)
	}
	for _, st := range c.Stores {
		check("stores", st.Set, nil, nil)
		for _, g := range st.Get {
			check("stores", g, nil, nil)
		}
	}
	for _, list := range []struct {
		key string
		hs  []HeaderSink
	}{{"header-sinks", c.HeaderSinks}, {"header-copies", c.HeaderCopies}, {"header-visitors", c.HeaderVisitors}} {
		for _, h := range list.hs {
			check(list.key, h.Function, []index{{"argument", h.Argument}}, nil)
		}
	}
	for _, p := range c.Proxies {
		check("proxies", p.Function, nil, nil)
	}
	for _, v := range c.AudienceValidators {
		check("audience-validators", v.Function, nil, nil)
	}
	for _, f := range c.OAuthFlows {
		check("oauth-flows", f.Function, opt(nil, "options", f.Options), []index{{"result", f.Result}})
	}
	for _, t := range c.MCPTransports {
		if t.Function != "" {
			check("mcp-transports", t.Function, []index{{"argument", t.Argument}}, nil)
		}
	}
	return unmatched, err
}

// index is an index a configuration entry gives, and its key.
type index struct {
	what string
	i    int
}
