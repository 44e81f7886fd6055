// Package callbacks hands a secret to callbacks: a function that calls its
// function parameter with the secret, a decorator that passes a map it
// filled, and a range-over-func iterator that yields it.
package callbacks

func secret() string { return "" }
func leak(string)    {}

func each(tokens []string, fn func(string)) {
	for _, t := range tokens {
		fn(t)
	}
}

func useEach() {
	each([]string{secret()}, func(t string) {
		leak(t) // want `secret\(\) reaches leak\(\)`
	})
}

func decorate(fn func(h map[string]string)) {
	h := map[string]string{}
	h["Authorization"] = secret()
	fn(h)
}

func useDecorate() {
	decorate(func(h map[string]string) {
		leak(h["Authorization"]) // want `secret\(\) reaches leak\(\)`
	})
}

// A callback passed on through another function.
func relay(fn func(string)) { each([]string{secret()}, fn) }

func useRelay() {
	relay(func(t string) {
		leak(t) // want `secret\(\) reaches leak\(\)`
	})
}

func tokens(yield func(string) bool) {
	yield(secret())
}

func useIterator() {
	for t := range tokens {
		leak(t) // want `secret\(\) reaches leak\(\)`
	}
}

// Callbacks given only constants carry nothing.
func names(yield func(string) bool) {
	yield("fixed")
}

func useNames() {
	for n := range names {
		leak(n)
	}
	each([]string{"a", "b"}, func(t string) { leak(t) })
}
