// Command passthrough finds token passthrough in Go services: inbound
// credentials forwarded upstream.
//
// Usage:
//
//	passthrough [flags] [packages]
//
// It also works as a vet tool: go vet -vettool=$(command -v passthrough) ./...
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/passthroughlint/passthrough/passes/suite"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	if isVetInvocation(os.Args[1:]) {
		unitchecker.Main(suite.Analyzers()...)
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// isVetInvocation recognizes how go vet calls a vet tool: -V=full and
// -flags to describe it, then one .cfg file per package.
func isVetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	last := args[len(args)-1]
	return args[0] == "-V=full" || args[0] == "-flags" || strings.HasSuffix(last, ".cfg")
}

type options struct {
	json     bool
	tests    bool
	dir      string
	color    string
	context  int
	version  bool
	patterns []string
}

func parseFlags(args []string, stderr io.Writer, analyzers []*analysis.Analyzer) (*options, error) {
	fs := flag.NewFlagSet("passthrough", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.BoolVar(&o.json, "json", false, "print findings as JSON (the golang.org/x/tools analysis JSON tree)")
	fs.BoolVar(&o.tests, "test", false, "also analyze test files")
	fs.StringVar(&o.dir, "C", "", "run in `dir` (like go -C)")
	fs.StringVar(&o.color, "color", "auto", "color the text output: auto, always or never")
	fs.IntVar(&o.context, "c", 1, "show `N` lines of source around each finding (-1: none)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: passthrough [flags] [packages]\n\nFinds token passthrough: inbound credentials forwarded upstream.\nExit status: 0 no findings, 1 findings, 2 usage, configuration or load error.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// Parse quietly: a mistake gets one line, -help the whole usage.
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fs.Usage()
			return nil, flag.ErrHelp
		}
		return nil, fmt.Errorf("%w (see passthrough -help)", err)
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("-color must be auto, always or never, not %q", o.color)
	}
	o.patterns = fs.Args()
	if len(o.patterns) == 0 {
		o.patterns = []string{"./..."}
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	analyzers := suite.Analyzers()
	o, err := parseFlags(args, stderr, analyzers)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitClean
	case err != nil:
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	if o.version {
		fmt.Fprintf(stdout, "passthrough %s\n", version())
		return exitClean
	}
	if o.dir != "" {
		if err := os.Chdir(o.dir); err != nil {
			fmt.Fprintf(stderr, "passthrough: -C %s: %v\n", o.dir, pathError(err))
			return exitError
		}
	}
	res, err := analyze(analyzers, o.patterns, o.tests)
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	for _, e := range res.errors {
		fmt.Fprintf(stderr, "passthrough: %s\n", e)
	}
	if o.json {
		err = writeJSON(stdout, res)
	} else {
		err = writeText(stdout, res, o.context, useColor(o.color, stdout))
	}
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	switch {
	case len(res.findings) > 0:
		return exitFindings
	case len(res.errors) > 0:
		return exitError
	}
	return exitClean
}

// pathError drops the operation and path os errors repeat.
func pathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
