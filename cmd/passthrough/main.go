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
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/suite"
	"github.com/passthroughlint/passthrough/passes/suppress"
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

// gcPercent is the garbage collector's target for the analysis of a large
// load, when the user sets neither GOGC nor GOMEMLIMIT. A run keeps every
// package's types, and the roots' syntax, and allocates much more that it
// drops (SSA, summaries): at Go's default of 100 the heap grows to twice
// what is live. Measured on toolhive v0.10.0 (about 1.2 GB live during
// the analysis), against the type-check floor (README, Performance): at
// 50 the run took 1.26x the floor's time and 0.65x its memory, at 75
// 1.12x and 0.84x, at 100 1.09x and 0.90x. 75 keeps a margin on memory
// for little time; on a small module a lower target would cost time and
// save little, so it applies from largeLoad up.
const (
	gcPercent = 75
	largeLoad = 1 << 30 // bytes live after loading
)

// collectSoonerIfLarge applies gcPercent when what the loader keeps is
// large, unless the user chose how the garbage collector runs.
func collectSoonerIfLarge() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	// The heap's objects, live or not yet collected: the live figure
	// alone is that of the last collection, which may have run early in
	// the load, and then underestimates it by half.
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() >= largeLoad {
		debug.SetGCPercent(gcPercent)
	}
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
	json, sarif      bool
	tests            bool
	allowIncomplete  bool
	generated        bool
	tags             string
	dir              string
	color            string
	context          int
	version, list    bool
	config           string
	enable, disable  string
	fix, diff        bool
	showSuppressed   bool
	cpuprofile       string
	unusedDirectives bool
	patterns         []string
	// analyzerFlags is the configuration the analyzers' own flags
	// (-tokenforward.headers...) set; it adds to the file's.
	analyzerFlags config.Config
	// cfg is the configuration the run uses (file and flags), read from
	// cfgPath ("" for none).
	cfg     *config.Config
	cfgPath string
	format  string
	outputs []output
	verbose bool
	phases  *phases
	// loadAll loads every package with syntax and full type information
	// (go/packages' LoadAllSyntax), for tests that compare it with the
	// loader's partial loading.
	loadAll bool
	// cacheDir is the results cache's directory, or "off".
	cacheDir string
}

func parseFlags(args []string, stdout, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("passthrough", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.StringVar(&o.format, "format", "text", "the report's `format`: text, json (the golang.org/x/tools analysis JSON tree) or sarif (SARIF 2.1.0, for code scanning)")
	fs.BoolVar(&o.json, "json", false, "same as -format json")
	fs.BoolVar(&o.sarif, "sarif", false, "same as -format sarif")
	fs.Var(outputsFlag{&o.outputs}, "o", "write the report to `[format=]file` instead of stdout (- is stdout); repeat for several, e.g. -o sarif=out.sarif -o text=-")
	fs.StringVar(&o.config, "config", "", "read the configuration from `file` (default: "+config.FileName+" at the module root, if present)")
	fs.StringVar(&o.enable, "enable", "", "run only these `analyzers` (comma-separated)")
	fs.StringVar(&o.disable, "disable", "", "do not run these `analyzers` (comma-separated)")
	fs.BoolVar(&o.list, "list", false, "list the analyzers and exit")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes to the files (all or nothing)")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of writing them")
	fs.BoolVar(&o.showSuppressed, "show-suppressed", false, "also list the findings that //passthrough:allow directives silence")
	fs.BoolVar(&o.unusedDirectives, "unused-directives", false, "report //passthrough:allow directives that silence nothing")
	fs.BoolVar(&o.tests, "test", false, "also analyze test files")
	fs.StringVar(&o.tags, "tags", "", "build `tags` to load the packages with, comma-separated, as go build -tags")
	fs.BoolVar(&o.generated, "generated", false, "also report findings in generated files (// Code generated ... DO NOT EDIT.)")
	fs.BoolVar(&o.allowIncomplete, "allow-incomplete", false, "exit by the findings alone (0 or 1) when some packages could not be analyzed, instead of 2")
	fs.StringVar(&o.dir, "C", "", "run in `dir` (like go -C)")
	fs.StringVar(&o.color, "color", "auto", "`when` to color the text output: auto, always or never")
	fs.IntVar(&o.context, "c", 1, "show `N` lines of source around each finding (-1: none)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.cacheDir, "cache", defaultCacheDir(), "keep the results of each package in `dir` and replay them while the package and its dependencies do not change (off: no cache)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to `file` (for developers)")
	fs.BoolVar(&o.verbose, "v", false, "print the phases of the run (loading, analysis, report) and their durations on stderr")
	for _, a := range suite.New(&o.analyzerFlags, suppress.Options{}) {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: passthrough [flags] [packages]\n\nFinds token passthrough: inbound credentials forwarded upstream.\nExit status: 0 no findings, 1 findings, 2 usage, configuration or load error, or a package not analyzed.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// Parse quietly: a mistake gets one line; -help (and "passthrough
	// help", which go vet's usage text suggests) the whole usage, on
	// stdout.
	fs.SetOutput(io.Discard)
	if len(args) > 0 && args[0] == "help" {
		args = []string{"-help"}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
		return nil, fmt.Errorf("%w (see passthrough -help)", err)
	}
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "-") {
			return nil, fmt.Errorf("flag %s after the packages: flags go before the packages (passthrough [flags] [packages])", a)
		}
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("-color must be auto, always or never, not %q", o.color)
	}
	if o.json && o.sarif {
		return nil, errors.New("-json and -sarif cannot be used together")
	}
	switch {
	case o.json || o.sarif:
		if o.format != "text" {
			return nil, errors.New("-format and -json or -sarif cannot be used together")
		}
		o.format = map[bool]string{true: "json", false: "sarif"}[o.json]
	case !validFormat(o.format):
		return nil, fmt.Errorf("-format must be text, json or sarif, not %q", o.format)
	}
	if len(o.outputs) == 0 {
		o.outputs = []output{{format: o.format, path: "-"}}
	}
	for i := range o.outputs {
		if o.outputs[i].format == "" {
			o.outputs[i].format = o.format
		}
	}
	if o.diff {
		o.fix = true
	}
	if o.fix && (o.format != "text" || len(o.outputs) != 1 || o.outputs[0].path != "-" || o.outputs[0].format != "text") {
		return nil, errors.New("-fix and -diff print text; they cannot be used with -format, -json, -sarif or -o")
	}
	o.patterns = fs.Args()
	if len(o.patterns) == 0 {
		o.patterns = []string{"./..."}
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stdout, stderr)
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
	if o.list {
		for _, a := range suite.Analyzers() {
			fmt.Fprintf(stdout, "%-14s %s\n", a.Name, firstLine(a.Doc))
		}
		return exitClean
	}
	if o.dir != "" {
		if err := os.Chdir(o.dir); err != nil {
			fmt.Fprintf(stderr, "passthrough: -C %s: %v\n", o.dir, pathError(err))
			return exitError
		}
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "passthrough: -cpuprofile: %v\n", err)
			return exitError
		}
		defer func() { _ = f.Close() }()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "passthrough: -cpuprofile: %v\n", err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	analyzers, err := configure(o)
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	o.phases = newPhases(stderr, o.verbose)
	res, err := analyze(analyzers, o)
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	// The functions the configuration names, against the packages: a
	// wrong index is an error, a name that matches nothing a warning.
	where := o.cfgPath
	if where == "" {
		where = "flags"
	}
	unmatched, err := o.cfg.CheckFunctions(res.lookupFunc)
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: config: %s: %v\n", where, err)
		return exitError
	}
	for _, name := range unmatched {
		fmt.Fprintf(stderr, "passthrough: config: %s: warning: %s matches no function in the analyzed packages or their dependencies\n", where, name)
	}
	for _, e := range res.errors {
		fmt.Fprintf(stderr, "passthrough: %s\n", e)
	}
	if n := len(res.notAnalyzed); n > 0 {
		fmt.Fprintf(stderr, "passthrough: %d of %d packages not analyzed\n", n, res.roots)
	}
	if o.fix {
		return o.status(res, fix(res, o, analyzers, stdout, stderr))
	}
	o.phases.begin("writing the report")
	for _, out := range o.outputs {
		if err := o.write(out, res, analyzers, stdout); err != nil {
			fmt.Fprintf(stderr, "passthrough: %v\n", err)
			return exitError
		}
	}
	o.phases.end(plural(len(res.findings), "finding", "findings"))
	status := exitClean
	if res.count() > 0 {
		status = exitFindings
	}
	return o.status(res, status)
}

// An output is where a report goes, and in which format.
type output struct {
	format string // text, json or sarif
	path   string // "-" for stdout
}

func validFormat(f string) bool { return f == "text" || f == "json" || f == "sarif" }

// outputsFlag is the repeatable -o [format=]path.
type outputsFlag struct{ list *[]output }

func (f outputsFlag) String() string {
	if f.list == nil {
		return ""
	}
	var parts []string
	for _, o := range *f.list {
		parts = append(parts, o.format+"="+o.path)
	}
	return strings.Join(parts, ",")
}

func (f outputsFlag) Set(s string) error {
	format, path, ok := strings.Cut(s, "=")
	if !ok {
		format, path = "", s
	} else if !validFormat(format) {
		return fmt.Errorf("-o %s: the format must be text, json or sarif, not %q", s, format)
	}
	if path == "" {
		return fmt.Errorf("-o %s: no file", s)
	}
	*f.list = append(*f.list, output{format: format, path: path})
	return nil
}

// write writes the report in one output. The text and JSON outputs leave
// out the allowed findings unless -show-suppressed asks for them (SARIF
// keeps them, marked suppressed).
func (o *options) write(out output, res *result, analyzers []*analysis.Analyzer, stdout io.Writer) (err error) {
	w := stdout
	if out.path != "-" {
		f, err := os.Create(out.path)
		if err != nil {
			return fmt.Errorf("-o %s: %w", out.path, pathError(err))
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("-o %s: %w", out.path, cerr)
			}
		}()
		w = f
	}
	shown := res
	if out.format != "sarif" && !o.showSuppressed {
		copied := *res
		copied.findings = slices.DeleteFunc(slices.Clone(res.findings), func(f finding) bool { return f.suppressed() })
		shown = &copied
	}
	switch out.format {
	case "json":
		return writeJSON(w, shown, analyzerNames(analyzers))
	case "sarif":
		return writeSARIF(w, shown, analyzers, repoRoot())
	}
	return writeText(w, shown, o.context, useColor(o.color, w))
}

func analyzerNames(analyzers []*analysis.Analyzer) []string {
	out := make([]string, len(analyzers))
	for i, a := range analyzers {
		out[i] = a.Name
	}
	return out
}

// status is the exit status of a run that would end with status: an
// incomplete run (a requested package not analyzed, a load or analysis
// error) is an error, whatever was found, unless -allow-incomplete asks
// to gate on findings alone.
func (o *options) status(res *result, status int) int {
	if status != exitError && res.incomplete() && !o.allowIncomplete {
		return exitError
	}
	return status
}

// pathError drops the operation and path os errors repeat.
func pathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// configure reads the configuration file, adds the analyzers' flags to it,
// builds the analyzers from it, and selects those to run.
func configure(o *options) ([]*analysis.Analyzer, error) {
	path := o.config
	if path == "" {
		if root := moduleRoot(); root != "" {
			if _, err := os.Stat(filepath.Join(root, config.FileName)); err == nil {
				path = filepath.Join(root, config.FileName)
			}
		}
	}
	cfg := new(config.Config)
	if path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
	}
	names := suite.Names()
	if err := cfg.CheckAnalyzers(names); err != nil {
		return nil, fmt.Errorf("config: %s: %w", path, err)
	}
	cfg.Merge(&o.analyzerFlags)
	o.cfg, o.cfgPath = cfg, path
	// SARIF always carries the allowed findings, as suppressed results.
	sarif := slices.ContainsFunc(o.outputs, func(out output) bool { return out.format == "sarif" })
	analyzers := suite.New(cfg, suppress.Options{ShowSuppressed: o.showSuppressed || sarif, ReportUnused: o.unusedDirectives})
	enabled := map[string]bool{}
	for _, a := range suite.Enabled(analyzers, cfg) {
		enabled[a.Name] = true
	}
	pick := func(flagName, list string) ([]string, error) {
		var out []string
		for _, n := range strings.Split(list, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if !slices.Contains(names, n) {
				return nil, fmt.Errorf("-%s: unknown analyzer %q (known: %s)", flagName, n, strings.Join(names, ", "))
			}
			out = append(out, n)
		}
		return out, nil
	}
	only, err := pick("enable", o.enable)
	if err != nil {
		return nil, err
	}
	if len(only) > 0 {
		for n := range enabled {
			enabled[n] = slices.Contains(only, n)
		}
	}
	off, err := pick("disable", o.disable)
	if err != nil {
		return nil, err
	}
	for _, n := range off {
		enabled[n] = false
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		if enabled[a.Name] {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no analyzer enabled")
	}
	return out, nil
}

// moduleRoot is the directory of the nearest go.mod at or above the
// working directory, or "".
func moduleRoot() string {
	return findUp("go.mod")
}

// repoRoot is the directory SARIF locations are relative to: the
// repository root when there is one, else the module root, else ".".
func repoRoot() string {
	if r := findUp(".git"); r != "" {
		return r
	}
	if r := moduleRoot(); r != "" {
		return r
	}
	return "."
}

func findUp(name string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// fix applies (or, with -diff, prints) the suggested fixes, then reports
// the findings that had none: after -fix, from a new analysis of the
// fixed files, so that positions are those of the files as they now are;
// after -diff, on stderr (stdout is the patch, for git apply). The exit
// status is 1 while anything would change or any finding remains.
func fix(res *result, o *options, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	n, err := applyFixes(res, o.diff, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "passthrough: -fix: %v\n", err)
		return exitError
	}
	verb := "applied"
	if o.diff {
		verb = "would apply"
	}
	fmt.Fprintf(stderr, "passthrough: %s %s\n", verb, plural(n, "suggested fix", "suggested fixes"))
	if o.diff {
		var rest []finding
		for _, f := range res.findings {
			if !res.fixable(f) {
				rest = append(rest, f)
			}
		}
		res.findings = rest
		if len(rest) > 0 {
			if err := writeText(stderr, res, o.context, false); err != nil {
				return exitError
			}
		}
		if n > 0 || res.count() > 0 {
			return exitFindings
		}
		return exitClean
	}
	if n > 0 {
		if res, err = analyze(analyzers, o); err != nil {
			fmt.Fprintf(stderr, "passthrough: after -fix: %v\n", err)
			return exitError
		}
	}
	if err := writeText(stdout, res, o.context, useColor(o.color, stdout)); err != nil {
		fmt.Fprintf(stderr, "passthrough: %v\n", err)
		return exitError
	}
	if res.count() > 0 {
		return exitFindings
	}
	return exitClean
}

// plural spells a count with its noun: "1 suggested fix", "3 suggested fixes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
