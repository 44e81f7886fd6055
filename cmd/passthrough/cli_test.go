package main

import (
	"bytes"
	"strings"
	"testing"
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
