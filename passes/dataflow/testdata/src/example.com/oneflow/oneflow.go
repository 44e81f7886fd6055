// Package oneflow stores a secret in a field and, elsewhere in the same
// package, hands the field to a function of another package that leaks
// it: one flow, reported once, where the value leaves the package.
package oneflow

import "example.com/dispatch/lib"

func secret() string { return "" }

type holder struct{ token string }

var h holder

func store() { h.token = secret() }

func use() {
	lib.Leak(h.token) // want `secret\(\) reaches leak\(\)`
}
