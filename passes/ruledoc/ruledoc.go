// Package ruledoc holds the documentation of each analyzer as data, for
// the outputs that describe rules (SARIF, -list): each analyzer package
// registers its entry next to its code.
package ruledoc

import "sync"

// Doc documents one analyzer as a rule.
type Doc struct {
	Name     string   // a readable rule name, distinct from the analyzer name (SARIF rule name)
	Title    string   // one line: what is wrong
	Help     string   // markdown: why it matters and what to do instead
	Tags     []string // e.g. "security", "external/cwe/cwe-441"
	Severity string   // SARIF security-severity, "0.0" to "10.0"
}

var (
	mu   sync.Mutex
	docs = map[string]Doc{}
)

// Register records the documentation of analyzer name.
func Register(name string, d Doc) {
	mu.Lock()
	defer mu.Unlock()
	docs[name] = d
}

// For returns the documentation of analyzer name.
func For(name string) (Doc, bool) {
	mu.Lock()
	defer mu.Unlock()
	d, ok := docs[name]
	return d, ok
}
