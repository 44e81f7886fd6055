// Package channels moves a secret through channels and goroutines.
package channels

func secret() string { return "" }
func leak(string)    {}

func sameFunction() {
	ch := make(chan string, 1)
	ch <- secret()
	leak(<-ch) // want `secret\(\) reaches leak\(\)`
}

func worker(ch chan string) {
	for tok := range ch {
		leak(tok) // want `secret\(\) reaches leak\(\)`
	}
}

func startWorker() {
	ch := make(chan string)
	go worker(ch)
	ch <- secret()
}

func closureGoroutine() {
	done := make(chan bool)
	tok := secret()
	go func() {
		leak(tok) // want `secret\(\) reaches leak\(\)`
		done <- true
	}()
	<-done
}

// Only what is sent on a channel comes out of it.
func otherChannel() {
	a, b := make(chan string, 1), make(chan string, 1)
	a <- secret()
	b <- "constant"
	leak(<-b)
}

// An errgroup-like runner: the closure it is given is analyzed where it
// is made, with what it captured.
type group struct{}

func (g *group) Go(f func() error) { go func() { _ = f() }() }

func withGroup() {
	var g group
	tok := secret()
	g.Go(func() error {
		leak(tok) // want `secret\(\) reaches leak\(\)`
		return nil
	})
}

// A pooled builder carries what is written into it.
type builder struct{ buf []byte }

func (b *builder) writeString(s string) { b.buf = append(b.buf, s...) }
func (b *builder) text() string         { return string(b.buf) }

type pool struct{ New func() any }

func (p *pool) get() any { return p.New() }

var builders = pool{New: func() any { return new(builder) }}

func pooled() {
	b := builders.get().(*builder)
	b.writeString(secret())
	leak(b.text()) // want `secret\(\) reaches leak\(\)`
}
