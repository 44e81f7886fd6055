// Package ruledoc holds what the outputs that describe rules (SARIF,
// -list) need beyond an analyzer's documentation: a rule name, a title,
// tags and a severity, registered by each analyzer package next to its
// code. The documentation itself exists once, in the analyzer's doc.go,
// which the analyzer embeds and Extract reads.
package ruledoc

import (
	"maps"
	"strings"
	"sync"
)

// Doc describes one analyzer as a rule.
type Doc struct {
	Name     string   // a readable rule name, distinct from the analyzer name (SARIF rule name)
	Title    string   // one line: what is wrong
	Tags     []string // e.g. "security", "external/cwe/cwe-441"
	Severity string   // SARIF security-severity, "0.0" to "10.0"
	Help     string   // for a category's rule: its help (an analyzer's is its documentation)
}

var (
	mu         sync.Mutex
	docs       = map[string]Doc{}
	categories = map[string]map[string]Doc{} // analyzer -> category -> rule
)

// RegisterCategory records a rule of its own for the diagnostics of
// analyzer name that have category: outputs name it "name/category"
// (a SARIF rule id), so that users can tell, filter and dismiss them
// apart from the analyzer's main rule. Help is the rule's help text.
func RegisterCategory(name, category string, d Doc) {
	mu.Lock()
	defer mu.Unlock()
	if categories[name] == nil {
		categories[name] = map[string]Doc{}
	}
	categories[name][category] = d
}

// HasCategory reports whether category of analyzer name is a rule of its own.
func HasCategory(name, category string) bool {
	mu.Lock()
	defer mu.Unlock()
	_, ok := categories[name][category]
	return ok
}

// Categories returns the rules of their own of analyzer name, by category.
func Categories(name string) map[string]Doc {
	mu.Lock()
	defer mu.Unlock()
	return maps.Clone(categories[name])
}

// Register records the rule metadata of analyzer name.
func Register(name string, d Doc) {
	mu.Lock()
	defer mu.Unlock()
	docs[name] = d
}

// For returns the rule metadata of analyzer name.
func For(name string) (Doc, bool) {
	mu.Lock()
	defer mu.Unlock()
	d, ok := docs[name]
	return d, ok
}

// Extract returns the documentation of analyzer name from the text of its
// doc.go, as golang.org/x/tools analyzers keep it: the comment section
// under the heading "# Analyzer name", whose first line "name: summary"
// becomes "summary". It panics if there is no such section (a mistake
// every test run would show).
func Extract(docGo, name string) string {
	var lines []string
	in := false
	for _, line := range strings.Split(docGo, "\n") {
		text, isComment := strings.CutPrefix(line, "//")
		if !isComment {
			if in {
				break
			}
			continue
		}
		text = strings.TrimPrefix(text, " ")
		if strings.HasPrefix(text, "# ") {
			if in {
				break
			}
			in = text == "# Analyzer "+name
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	out := strings.TrimSpace(strings.Join(lines, "\n"))
	if out == "" {
		panic("ruledoc: no \"# Analyzer " + name + "\" section in doc.go")
	}
	summary, rest, _ := strings.Cut(out, "\n")
	summary = strings.TrimPrefix(summary, name+": ")
	return summary + "\n" + rest
}
