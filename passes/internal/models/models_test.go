package models_test

import (
	"os"
	"strings"
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/internal/models"
)

// TestModelsParse: every built-in model parses, names its library and
// the version it was checked against, and names only functions of it.
func TestModelsParse(t *testing.T) {
	ms := models.All()
	if len(ms) == 0 {
		t.Fatal("no built-in models")
	}
	for _, m := range ms {
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", m.Library, err)
		}
		for _, name := range names(&m.Config) {
			if p := strings.TrimLeft(name, "(*"); !strings.HasPrefix(p, m.Library+".") && !strings.HasPrefix(p, m.Library+"/") {
				t.Errorf("model of %s names %s, outside the library", m.Library, name)
			}
		}
	}
	off := false
	c := models.With(&config.Config{Headers: []string{"X-Key"}, DefaultHeaders: &off})
	if len(c.Headers) != 1 || c.UseDefaultHeaders() || len(c.Stores) == 0 {
		t.Errorf("With lost the user's settings or the models: %+v", c)
	}
}

// names lists every function, field and type a model names.
func names(c *config.Config) []string {
	var out []string
	for _, s := range c.Sources {
		out = append(out, s.Function)
	}
	for _, s := range c.Sinks {
		out = append(out, s.Function)
	}
	for _, f := range c.FieldSinks {
		out = append(out, f.Field)
	}
	for _, rs := range [][]config.Request{c.Inbound, c.Outbound, c.Accessors} {
		for _, r := range rs {
			out = append(out, r.Function)
		}
	}
	for _, t := range c.RequestTypes {
		out = append(out, t.Type)
	}
	for _, h := range c.Handlers {
		out = append(out, h.Function)
	}
	for _, s := range c.Stores {
		out = append(out, s.Set)
		out = append(out, s.Get...)
	}
	for _, hs := range [][]config.HeaderSink{c.HeaderSinks, c.HeaderCopies, c.HeaderVisitors} {
		for _, h := range hs {
			out = append(out, h.Function)
		}
	}
	for _, p := range c.Proxies {
		out = append(out, p.Function)
	}
	for _, f := range c.OAuthFlows {
		out = append(out, f.Function)
	}
	for _, t := range c.MCPTransports {
		out = append(out, t.Function+t.Field)
	}
	return out
}

// TestREADMETable: the README's table of built-in models is the one the
// model files make.
func TestREADMETable(t *testing.T) {
	data, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- models table: generated from passes/internal/models/*.yml -->\n", "<!-- end of models table -->"
	s := string(data)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no models table between %q and %q", begin, end)
	}
	if got, want := s[i+len(begin):j], models.Table(); got != want {
		t.Errorf("README.md's models table is out of date; it should read:\n%s", want)
	}
}
