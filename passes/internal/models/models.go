// Package models holds the built-in library models: one YAML file per
// library, in the schema of the user's .passthrough.yml (package config),
// naming the module version it was checked against. They describe what
// the engine cannot discover by analyzing a library: framework contexts,
// request-scoped stores, client methods behind function tables, and
// libraries that are not analyzed at all.
package models

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
)

//go:embed *.yml
var files embed.FS

// All returns the built-in models, sorted by library.
func All() []*config.Model {
	return load().models
}

// With returns cfg with the built-in models added: what the analyzers
// run with. cfg itself is not changed.
func With(cfg *config.Config) *config.Config {
	out := new(config.Config)
	*out = *load().merged
	out.Merge(cfg)
	if cfg.DefaultHeaders != nil {
		out.DefaultHeaders = cfg.DefaultHeaders
	}
	return out
}

var load = sync.OnceValue(func() (l struct {
	models []*config.Model
	merged *config.Config
}) {
	names, err := files.ReadDir(".")
	if err != nil {
		panic(err)
	}
	l.merged = new(config.Config)
	for _, e := range names {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		m, err := config.ParseModel(path.Join("models", e.Name()), data)
		if err != nil {
			// The files are part of the build; TestModelsParse keeps them valid.
			panic(fmt.Sprintf("built-in model: %v", err))
		}
		l.models = append(l.models, m)
		l.merged.Merge(&m.Config)
	}
	sort.Slice(l.models, func(i, j int) bool { return l.models[i].Library < l.models[j].Library })
	return l
})

// Table renders the built-in models as the README's Markdown table:
// library, version checked, and the short names of what each model
// makes a source, a sink, or a wholesale header copy.
func Table() string {
	var b strings.Builder
	b.WriteString("| library | version checked | sources | sinks | header copies |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, m := range All() {
		var src, snk, cp []string
		for _, s := range m.Sources {
			src = append(src, short(s.Function))
		}
		for _, r := range m.Inbound {
			src = append(src, short(r.Function))
		}
		for _, t := range m.RequestTypes {
			if t.Inbound {
				src = append(src, short(t.Type))
			}
		}
		for _, h := range m.Handlers {
			src = append(src, short(h.Function)+" handlers")
		}
		for _, s := range m.Stores {
			src = append(src, short(s.Set)+" → "+strings.Join(methodNames(s.Get), ", ")+" (store, by key)")
		}
		for _, r := range m.Outbound {
			snk = append(snk, short(r.Function)+" (outbound request)")
		}
		for _, s := range m.Sinks {
			snk = append(snk, short(s.Function))
		}
		for _, f := range m.FieldSinks {
			snk = append(snk, short(f.Field))
		}
		for _, hs := range [][]config.HeaderSink{m.HeaderSinks, m.HeaderCopies, m.HeaderVisitors} {
			for _, h := range hs {
				cp = append(cp, short(h.Function))
			}
		}
		for _, p := range m.Proxies {
			cp = append(cp, short(p.Function))
		}
		for _, f := range m.OAuthFlows {
			src = append(src, short(f.Function)+" (resource)")
		}
		for _, t := range m.MCPTransports {
			snk = append(snk, short(t.Function+t.Field)+" (resource)")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", m.Library, m.Version, cell(src), cell(snk), cell(cp))
	}
	return b.String()
}

// short names a function, type or field as messages do, in code style.
func short(name string) string { return "`" + httpflow.ShortFunc(name) + "`" }

// methodNames returns the last element of each name: Get, GetString.
func methodNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n[strings.LastIndex(n, ".")+1:]
	}
	return out
}

// cell joins names, each once, in order.
func cell(names []string) string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}
