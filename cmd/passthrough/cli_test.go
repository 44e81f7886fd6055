package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestHelp: -h, -help and "passthrough help" print the usage on stdout
// and exit 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"help"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != exitClean || !strings.Contains(stdout.String(), "usage: passthrough [flags] [packages]") || stderr.Len() != 0 {
			t.Errorf("passthrough %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		// Placeholders say what a flag takes, not its Go type.
		if m := genericPlaceholder.FindString(stdout.String()); m != "" {
			t.Errorf("passthrough %s: a flag with a generic placeholder: %q", strings.Join(args, " "), m)
		}
	}
}

// TestFlagAfterPackages: a flag after the package patterns is an error
// naming it (not a package, and not text written into a SARIF file).
func TestFlagAfterPackages(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"./...", "-sarif"}, &stdout, &stderr)
	if code != exitError || !strings.Contains(stderr.String(), "flag -sarif after the packages") || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestColorEnvironment: NO_COLOR and TERM=dumb turn colors off.
func TestColorEnvironment(t *testing.T) {
	for env, want := range map[string]bool{"": true, "NO_COLOR=": false, "TERM=dumb": false, "TERM=xterm-256color": true} {
		lookup := func(k string) (string, bool) {
			name, value, _ := strings.Cut(env, "=")
			if env != "" && k == name {
				return value, true
			}
			return "", false
		}
		if got := envAllowsColor(lookup); got != want {
			t.Errorf("%q: colors %v, want %v", env, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	if got := plural(1, "suggested fix", "suggested fixes"); got != "1 suggested fix" {
		t.Errorf("got %q", got)
	}
	if got := plural(3, "suggested fix", "suggested fixes"); got != "3 suggested fixes" {
		t.Errorf("got %q", got)
	}
}

// TestREADMEFlagTable: every flag the command accepts is in the README's
// flag table.
func TestREADMEFlagTable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr); code != exitClean {
		t.Fatalf("-h: exit %d", code)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| `-") {
			for _, m := range flagInTable.FindAllStringSubmatch(line, -1) {
				table[m[1]] = true
			}
		}
	}
	n := 0
	for _, line := range strings.Split(stdout.String(), "\n") {
		name, ok := strings.CutPrefix(line, "  -")
		if !ok {
			continue
		}
		name = strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '\t' })[0]
		n++
		if !table[name] {
			t.Errorf("flag -%s is not in the README's flag table", name)
		}
	}
	if n < 20 {
		t.Fatalf("found only %d flags in the usage:\n%s", n, stdout.String())
	}
}

// flagInTable finds the flags a row of the README's table names: `-name`
// at the start of a code span, or after a slash (`-enable a,b` / `-disable a,b`).
var flagInTable = regexp.MustCompile("`-([a-zA-Z][a-zA-Z0-9.-]*)")

// TestPhases: on a terminal, a phase that runs long shows a progress
// line, erased when it ends; -v prints each phase with its duration.
func TestPhases(t *testing.T) {
	var buf bytes.Buffer
	p := &phases{w: &buf, verbose: true, terminal: true, delay: 10 * time.Millisecond, tick: 10 * time.Millisecond}
	p.begin("analyzing 3 packages")
	time.Sleep(60 * time.Millisecond)
	p.end("3 analyzers")
	out := buf.String()
	if !strings.HasPrefix(out, "\rpassthrough: analyzing 3 packages… ") || !strings.Contains(out, "\r\x1b[Kpassthrough: analyzing 3 packages: 3 analyzers in ") {
		t.Errorf("terminal, -v: %q", out)
	}
	buf.Reset()
	p = &phases{w: &buf, delay: 10 * time.Millisecond, tick: 10 * time.Millisecond}
	p.begin("loading packages")
	time.Sleep(30 * time.Millisecond)
	p.end("1 package")
	if buf.Len() != 0 {
		t.Errorf("not a terminal, no -v: %q", buf.String())
	}
}

var genericPlaceholder = regexp.MustCompile(`(?m)^  -\S+ (value|string|int)$`)
