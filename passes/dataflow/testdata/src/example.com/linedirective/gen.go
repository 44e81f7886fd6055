// Package linedirective is generated code with //line directives (goyacc,
// ragel): positions map back to this file, and nothing panics.
package linedirective

func secret() string { return "" }
func leak(string)    {}

//line grammar.y:1000
func action() {
	leak(secret()) // want `secret\(\) reaches leak\(\)`
}

//line grammar.y:1
func other() {
	s := secret()
	pass(s)
}

//line gen.go:21
func pass(s string) {
	leak(s) // want `secret\(\) reaches leak\(\)`
}
