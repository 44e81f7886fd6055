package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
)

// phases reports the phases of a run on stderr: with -v, each phase and
// its duration when it ends; on a terminal, a progress line while a
// phase has been running for a while (a large module can take a minute
// with no other output), erased when it ends.
type phases struct {
	w        io.Writer
	verbose  bool
	terminal bool
	delay    time.Duration // before the progress line appears
	tick     time.Duration // between its updates

	name  string
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	shown bool // a progress line is on the screen
}

func newPhases(w io.Writer, verbose bool) *phases {
	terminal := false
	if f, ok := w.(*os.File); ok {
		terminal = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return &phases{w: w, verbose: verbose, terminal: terminal, delay: 2 * time.Second, tick: time.Second}
}

// begin starts a phase.
func (p *phases) begin(name string) {
	if p == nil {
		return
	}
	p.name, p.start = name, time.Now()
	if !p.terminal {
		return
	}
	p.stop = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		timer := time.NewTimer(p.delay)
		defer timer.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-timer.C:
				p.mu.Lock()
				fmt.Fprintf(p.w, "\rpassthrough: %s… %s\x1b[K", p.name, time.Since(p.start).Round(time.Second))
				p.shown = true
				p.mu.Unlock()
				timer.Reset(p.tick)
			}
		}
	}()
}

// end ends the current phase; detail says what it did, for -v.
func (p *phases) end(detail string) {
	if p == nil {
		return
	}
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
		p.stop = nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
	if p.verbose {
		fmt.Fprintf(p.w, "passthrough: %s: %s in %s\n", p.name, detail, time.Since(p.start).Round(time.Millisecond))
	}
}
