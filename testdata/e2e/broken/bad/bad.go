// Package bad does not type-check.
package bad

func Broken() int {
	return "not an int"
}
