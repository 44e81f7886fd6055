// Package callbacks hands a secret to callbacks: a function that calls its // want package:`func Map: [^;]*param0:secret->callof1.arg0 param1:secret->result0`
// function parameter with the secret, a decorator that passes a map it
// filled, and a range-over-func iterator that yields it.
package callbacks

import "slices"

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

// A generic map helper: what the callback returns from its argument comes
// back from the helper.
func Map[T, U any](xs []T, fn func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, fn(x))
	}
	return out
}

func useMap() {
	for _, t := range Map([]string{secret()}, func(s string) string { return "Bearer " + s }) {
		leak(t) // want `secret\(\) reaches leak\(\)`
	}
}

// An iterator made by a closure yields what it captured.
func closureIter() func(func(string) bool) {
	tok := secret()
	return func(yield func(string) bool) { yield(tok) }
}

func useClosureIter() {
	for t := range closureIter() {
		leak(t) // want `secret\(\) reaches leak\(\)`
	}
}

// The standard library's iterator helpers yield what they iterate.
func useStdIter() {
	for _, t := range slices.All([]string{secret()}) {
		leak(t) // want `secret\(\) reaches leak\(\)`
	}
	for _, t := range slices.All([]string{"fixed"}) {
		leak(t)
	}
}
