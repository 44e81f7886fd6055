// Package initfuncs: every init function, and the function literals of
// package-level initializers, are analyzed.
package initfuncs

func secret() string { return "" }
func leak(string)    {}

func init() {
	leak(secret()) // want `secret\(\) reaches leak\(\)`
}

func init() {
	register(func() {
		leak(secret()) // want `secret\(\) reaches leak\(\)`
	})
}

var handler = func() {
	leak(secret()) // want `secret\(\) reaches leak\(\)`
}

func register(func()) {}

// Not a source: nothing is reported in an init that leaks a constant.
func init() {
	leak("static")
}
