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
