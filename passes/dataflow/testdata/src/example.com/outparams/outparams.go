// Package outparams writes a secret through parameters: a map, a slice,
// a pointer. The caller's value then holds it.
package outparams

func secret() string { return "" }
func leak(string)    {}

func fillMap(m map[string]string) { m["Authorization"] = secret() }

func fillPointer(p *string) { *p = secret() }

func forward(m map[string]string, key string) { m[key] = "fixed" }

func useMap() {
	m := map[string]string{}
	fillMap(m)
	leak(m["Authorization"]) // want `secret\(\) reaches leak\(\)`
}

func usePointer() {
	var s string
	fillPointer(&s)
	leak(s) // want `secret\(\) reaches leak\(\)`
}

// A map written with a constant only holds the constant.
func useOther() {
	m := map[string]string{}
	forward(m, "X-Mode")
	leak(m["X-Mode"])
}
