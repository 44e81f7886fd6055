package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The end-to-end tests build the command and run it, as users do, on the
// modules under testdata: the demo server, code using the real MCP SDKs,
// and bad input. They need the Go toolchain and the module proxy (the
// modules require the real SDKs).

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "passthrough-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "passthrough")
	// One results cache for the tests of this process, away from the
	// user's: tests that run a module again replay it.
	if err := os.Setenv("PASSTHROUGH_CACHE", filepath.Join(dir, "cache")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Without version control stamping: the binary says it is a
	// development build wherever it is built (the SARIF golden file
	// holds its version), in a clean clone or a modified tree alike.
	if out, err := exec.Command("go", "build", "-buildvcs=false", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building passthrough: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func testdata(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// runTool runs the command in dir and returns stdout, stderr and the exit code.
func runTool(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// reported runs the command with -json in dir and returns the findings as
// "file:line analyzer", file relative to dir, sorted.
func reported(t *testing.T, dir string, args ...string) ([]string, int) {
	t.Helper()
	stdout, stderr, code := runTool(t, dir, append([]string{"-json"}, args...)...)
	var tree map[string]map[string][]struct {
		Posn string `json:"posn"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("bad JSON (%v):\n%s\nstderr:\n%s", err, stdout, stderr)
	}
	abs, _ := filepath.Abs(dir)
	var out []string
	for _, byAnalyzer := range tree {
		for analyzer, diags := range byAnalyzer {
			for _, d := range diags {
				out = append(out, fmt.Sprintf("%s %s", relPosn(abs, d.Posn), analyzer))
			}
		}
	}
	slices.Sort(out)
	return out, code
}

// relPosn turns "/abs/dir/file.go:12:3" into "file.go:12".
func relPosn(dir, posn string) string {
	m := regexp.MustCompile(`^(.*):(\d+):\d+$`).FindStringSubmatch(posn)
	if m == nil {
		return posn
	}
	rel, err := filepath.Rel(dir, m[1])
	if err != nil {
		rel = m[1]
	}
	return filepath.ToSlash(rel) + ":" + m[2]
}

// marked returns the lines of the module's Go files that carry a
// "// want <analyzer>" comment, in the form reported returns.
func marked(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`// want (\w+)\s*$`)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		rel, _ := filepath.Rel(dir, path)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				out = append(out, fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), line, m[1]))
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func checkSame(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("findings differ\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestDemo pins what the README's first command reports on the demo server:
// the five passthroughs, the missing audience check and the middleware
// that accepts any bearer, and nothing on the correct code next to them.
func TestDemo(t *testing.T) {
	got, code := reported(t, testdata("demo"), "./...")
	want := []string{
		"internal/tools/tools.go:43 tokenforward",      // listIssues: context token handed to upstream.New
		"internal/tools/tools.go:58 tokenforward",      // getProfile: req.Extra.Header's Authorization copied
		"internal/tools/tools.go:121 tokenforward",     // bearerTransport: inbound token held in a RoundTripper
		"internal/tools/tools.go:139 headerforward",    // render: every inbound header copied
		"internal/gateway/gateway.go:28 headerforward", // Files: a ReverseProxy that keeps Authorization
		"internal/auth/verify.go:35 audience",          // VerifyLegacy: ParseWithClaims without WithAudience
		"internal/auth/middleware.go:23 audience",      // Middleware: stores a bearer nothing verified
		"internal/search/search.go:63 resource",        // ConnectAsUser: a user's token for an MCP server, asked for without resource
	}
	slices.Sort(want)
	checkSame(t, got, want)
	if code != exitFindings {
		t.Errorf("exit code %d, want %d", code, exitFindings)
	}
}

// TestDemoText checks the text output a user sees: position, analyzer,
// message, source line and the path, and the summary.
func TestDemoText(t *testing.T) {
	stdout, _, code := runTool(t, testdata("demo"), "./internal/tools")
	for _, want := range []string{
		"internal/tools/tools.go:58:2: tokenforward: inbound credential from Header.Get(\"Authorization\")",
		">    58 | \tout.Header.Set(\"Authorization\", req.Extra.Header.Get(\"Authorization\"))",
		"source  Header.Get(\"Authorization\")  internal/tools/tools.go:58",
		"→ sink    Header.Set(\"Authorization\") on an outbound request  internal/tools/tools.go:58",
		"4 findings: headerforward 1, tokenforward 3",
		// A finding with a suggested fix says so.
		"    fix     skip Authorization when copying the inbound header (passthrough -fix applies it, -diff shows it)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Errorf("colored output with NO_COLOR set")
	}
	if code != exitFindings {
		t.Errorf("exit code %d, want %d", code, exitFindings)
	}
}

// TestRealSDKs runs on code written against the real go-sdk v1.8.0 and
// mcp-go v1.2.1 modules.
func TestRealSDKs(t *testing.T) {
	dir := testdata("e2e", "sdks")
	got, _ := reported(t, dir, "./...")
	checkSame(t, got, marked(t, dir))
}

// TestVet runs the command as go vet's tool: findings appear, facts flow
// across packages (the demo's listIssues finding needs facts from two
// other packages), and the exit status is non-zero.
func TestVet(t *testing.T) {
	out, err := runVet(testdata("demo"))
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("go vet: want a non-zero exit, got %v\n%s", err, out)
	}
	for _, want := range []string{
		"internal/tools/tools.go:43:12: inbound credential from Header.Get(\"Authorization\")",
		"internal/tools/tools.go:58:2: inbound credential",
		"internal/tools/tools.go:121:2: inbound credential",
		"internal/tools/tools.go:139:4: inbound header set from inbound MCP request header Extra.Header",
		"internal/gateway/gateway.go:28:2: an httputil.ReverseProxy",
		"internal/search/search.go:63:14: Config.Exchange and Config.AuthCodeURL send no RFC 8707 resource parameter",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go vet output lacks %q:\n%s", want, out)
		}
	}
}

// TestVetPathPositions: under go vet the packages a finding's path runs
// through are read from export data, whose line tables are exact only at
// declarations; the steps in them are still placed on their own lines
// (the demo's middleware: lines 16, 17 and 23), never on a wrong one.
func TestVetPathPositions(t *testing.T) {
	out, _ := runVet(testdata("demo"), "-json")
	var tree map[string]map[string][]struct {
		Posn    string `json:"posn"`
		Related []struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
		} `json:"related"`
	}
	// go vet -json prints one JSON object per package.
	var steps []string
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, out)
		}
		for _, byAnalyzer := range tree {
			for _, diags := range byAnalyzer {
				for _, d := range diags {
					if !strings.HasSuffix(d.Posn, "tools.go:43:12") {
						continue
					}
					for _, r := range d.Related {
						if strings.Contains(r.Posn, "middleware.go") {
							steps = append(steps, filepath.Base(relPosn("", r.Posn))+" "+r.Message)
						}
					}
				}
			}
		}
	}
	want := []string{
		"middleware.go:16 from: inbound request r of HTTP handler func literal in Middleware",
		"middleware.go:17 source: Header.Get(\"Authorization\")",
		"middleware.go:23 key: stored in context key auth.contextKey{}",
	}
	slices.Sort(steps) // (a package's test variant reports the finding again)
	steps = slices.Compact(steps)
	if !slices.Equal(steps, want) {
		t.Errorf("path steps in the middleware:\n  %s\nwant:\n  %s\n%s", strings.Join(steps, "\n  "), strings.Join(want, "\n  "), out)
	}
}

func TestClean(t *testing.T) {
	stdout, stderr, code := runTool(t, testdata("e2e", "clean"), "./...")
	if code != exitClean || strings.TrimSpace(stdout) != "no findings" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, \"no findings\", nothing", code, stdout, stderr)
	}
}

// TestBadInput checks that bad input gives one clear line and exit code 2.
func TestBadInput(t *testing.T) {
	broken := testdata("e2e", "broken")
	for _, tc := range []struct {
		name, dir string
		args      []string
		want      string
	}{
		{"no packages", broken, []string{"example.com/broken/nothing/..."}, "passthrough: example.com/broken/nothing/... matched no packages"},
		{"no directory", broken, []string{"./nonexistent/..."}, "passthrough: pattern ./nonexistent/...: lstat ./nonexistent/: no such file or directory\n"},
		{"type errors only", broken, []string{"./bad"}, `bad.go:5:9: cannot use "not an int"`},
		{"missing -C dir", ".", []string{"-C", "/nonexistent/dir", "./..."}, "passthrough: -C /nonexistent/dir: no such file or directory"},
		{"bad flag", ".", []string{"-frobnicate"}, "passthrough: flag provided but not defined: -frobnicate (see passthrough -help)\n"},
		{"bad color", ".", []string{"-color=sometimes"}, "passthrough: -color must be auto, always or never, not \"sometimes\""},
		{"bad header flag", ".", []string{"-tokenforward.headers=Bad Header"}, `"Bad Header" is not a valid header name`},
		{"bad validator flag", ".", []string{"-audience.validators=nope"}, `"nope" is not a function`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := runTool(t, tc.dir, tc.args...)
			if code != exitError {
				t.Errorf("exit code %d, want %d", code, exitError)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace in stderr:\n%s", stderr)
			}
		})
	}
}

// TestIncompleteRun analyzes the good package of a module whose other
// packages do not type-check or import one that does not: each error is
// one line, the run says how many packages were not analyzed and exits 2
// whatever it found (a CI gate must not pass on a partial run), unless
// -allow-incomplete asks to gate on findings alone; JSON and SARIF carry
// the errors.
func TestIncompleteRun(t *testing.T) {
	dir := testdata("e2e", "broken")
	typeError := `bad.go:5:9: cannot use "not an int"`

	stdout, stderr, code := runTool(t, dir, "./...")
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	if strings.Count(stderr, typeError) != 1 || !strings.Contains(stderr, "passthrough: 2 of 3 packages not analyzed\n") {
		t.Errorf("stderr should give the type error once and the count of packages not analyzed:\n%s", stderr)
	}
	for _, internal := range []string{"failed prerequisites", "passthroughssa", "passthroughreplaced", "skipped due to errors"} {
		if strings.Contains(stderr, internal) {
			t.Errorf("stderr names internals (%q):\n%s", internal, stderr)
		}
	}
	if !strings.Contains(stdout, "good.go:8:2") {
		t.Errorf("good package not analyzed:\n%s", stdout)
	}

	if _, _, code := runTool(t, dir, "-allow-incomplete", "./..."); code != exitFindings {
		t.Errorf("-allow-incomplete: exit code %d, want %d (the findings)", code, exitFindings)
	}
	if _, _, code := runTool(t, dir, "-allow-incomplete", "./bad"); code != exitClean {
		t.Errorf("-allow-incomplete on the broken package alone: exit code %d, want %d", code, exitClean)
	}
	if _, _, code := runTool(t, dir, "-fix", "-diff", "./..."); code != exitError {
		t.Errorf("-fix -diff: exit code %d, want %d", code, exitError)
	}
	fixed := filepath.Join(t.TempDir(), "broken")
	if err := os.CopyFS(fixed, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if _, _, code := runTool(t, fixed, "-fix", "./..."); code != exitError {
		t.Errorf("-fix: exit code %d, want %d", code, exitError)
	}

	stdout, _, code = runTool(t, dir, "-json", "./...")
	if code != exitError {
		t.Errorf("-json: exit code %d, want %d", code, exitError)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, stdout)
	}
	for pkg, want := range map[string]string{
		"example.com/broken/bad":     "cannot use",
		"example.com/broken/usesbad": "its dependency example.com/broken/bad has errors",
	} {
		var e struct{ Error string }
		if err := json.Unmarshal(tree[pkg]["tokenforward"], &e); err != nil || !strings.Contains(e.Error, want) {
			t.Errorf("-json: %s has no tokenforward error %q: %s", pkg, want, tree[pkg]["tokenforward"])
		}
	}
	if _, ok := tree["example.com/broken/good"]["tokenforward"]; !ok {
		t.Errorf("-json: the good package's finding is missing:\n%s", stdout)
	}

	stdout, _, code = runTool(t, dir, "-sarif", "./...")
	if code != exitError {
		t.Errorf("-sarif: exit code %d, want %d", code, exitError)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("-sarif: %v\n%s", err, stdout)
	}
	inv := log.Runs[0].Invocations[0]
	var texts []string
	for _, n := range inv.ToolExecutionNotifications {
		texts = append(texts, n.Level+": "+n.Message.Text)
	}
	joined := strings.Join(texts, "\n")
	if inv.ExecutionSuccessful || !strings.Contains(joined, "error: 2 of 3 packages not analyzed") || !strings.Contains(joined, "cannot use") {
		t.Errorf("-sarif invocation: successful %v, notifications:\n%s", inv.ExecutionSuccessful, joined)
	}
}

// TestOutputs: one run writes several formats (-o), -format json is
// -json, and -fix refuses other formats.
func TestOutputs(t *testing.T) {
	dir := testdata("demo")
	tmp := t.TempDir()
	sarif, js := filepath.Join(tmp, "out.sarif"), filepath.Join(tmp, "out.json")
	stdout, stderr, code := runTool(t, dir, "-o", "sarif="+sarif, "-o", "json="+js, "-o", "text=-", "./...")
	if code != exitFindings || !strings.HasSuffix(stdout, "8 findings: audience 2, headerforward 2, resource 1, tokenforward 3\n") {
		t.Fatalf("exit %d, stdout:\n%s\n%s", code, stdout, stderr)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(mustRead(t, sarif)), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 8 {
		t.Errorf("-o sarif=: %v", err)
	}
	plain, _, _ := runTool(t, dir, "-json", "./...")
	if got := mustRead(t, js); got != plain {
		t.Errorf("-o json= differs from -json:\n%s", got)
	}
	if viaFormat, _, _ := runTool(t, dir, "-format", "json", "./..."); viaFormat != plain {
		t.Errorf("-format json differs from -json")
	}
	for _, args := range [][]string{{"-fix", "-format", "json"}, {"-diff", "-o", "x.sarif"}, {"-format", "xml"}, {"-o", "yaml=x"}} {
		if _, _, code := runTool(t, dir, append(args, "./...")...); code != exitError {
			t.Errorf("%v: exit %d, want %d", args, code, exitError)
		}
	}
}

// TestVerbose: -v names each phase of the run on stderr.
func TestVerbose(t *testing.T) {
	_, stderr, code := runTool(t, testdata("e2e", "clean"), "-v", "./...")
	for _, want := range []string{"passthrough: loading packages: ", "passthrough: analyzing ", "passthrough: writing the report: 0 findings in "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-v: stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != exitClean {
		t.Errorf("exit %d", code)
	}
}

// TestFixImmutableFile: with one target immutable (chattr +i), -fix
// exits 2 and leaves every file as it was, with no temporary file.
func TestFixImmutableFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fixes")
	if err := os.CopyFS(dir, os.DirFS(testdata("e2e", "fixes"))); err != nil {
		t.Fatal(err)
	}
	immutable := filepath.Join(dir, "crlf.go")
	if out, err := exec.Command("chattr", "+i", immutable).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", immutable).Run() })
	before := map[string]string{}
	for _, name := range []string{"copy.go", "crlf.go"} {
		before[name] = mustRead(t, filepath.Join(dir, name))
	}
	_, stderr, code := runTool(t, dir, "-fix", "./...")
	if code != exitError || !strings.Contains(stderr, "crlf.go") || !strings.Contains(stderr, "restored") {
		t.Errorf("-fix: exit %d, stderr:\n%s", code, stderr)
	}
	for name, text := range before {
		if got := mustRead(t, filepath.Join(dir, name)); got != text {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".passthrough-fix-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestREADMECommands runs the README's commands from a fresh clone of
// the repository (its committed state): the install, the quick start on
// the demo, go vet with the installed tool, and the CI recipe that keeps
// the SARIF report.
func TestREADMECommands(t *testing.T) {
	root, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not in a git checkout")
	}
	readme := mustRead(t, filepath.Join("..", "..", "README.md"))
	command := func(prefix string) string {
		t.Helper()
		for _, line := range strings.Split(readme, "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- run:"))
			if strings.HasPrefix(line, prefix) {
				cmd, _, _ := strings.Cut(line, " #")
				return strings.TrimSpace(cmd)
			}
		}
		t.Fatalf("the README has no command starting %q", prefix)
		return ""
	}
	install := command("go install ./cmd/passthrough")
	quick := command("go run ./cmd/passthrough -C testdata/demo")
	vet := command("go vet -vettool=")
	sarif := command("passthrough -sarif ./... > passthrough.sarif")

	tmp := t.TempDir()
	clone := filepath.Join(tmp, "clone")
	if out, err := exec.Command("git", "clone", "-q", strings.TrimSpace(string(root)), clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	bin := filepath.Join(tmp, "bin")
	sh := func(dir, cmdline string) (string, int) {
		cmd := exec.Command("sh", "-c", cmdline)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1", "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", cmdline, err)
		}
		return string(out), code
	}
	if out, code := sh(clone, install); code != 0 {
		t.Fatalf("%s: exit %d\n%s", install, code, out)
	}
	if out, code := sh(clone, quick); code != exitFindings || !strings.Contains(out, "8 findings: audience 2, headerforward 2, resource 1, tokenforward 3") {
		t.Errorf("%s: exit %d\n%s", quick, code, out)
	}
	demo := filepath.Join(clone, "testdata", "demo")
	if out, code := sh(demo, vet); code == 0 || !strings.Contains(out, "tools.go:43:12: inbound credential") {
		t.Errorf("%s: exit %d\n%s", vet, code, out)
	}
	if out, code := sh(demo, sarif); code != 0 || !strings.Contains(mustRead(t, filepath.Join(demo, "passthrough.sarif")), `"version": "2.1.0"`) {
		t.Errorf("%s: exit %d\n%s", sarif, code, out)
	}
}

// TestBuildTagsAndGenerated: a file built only with a tag is analyzed
// with -tags; a finding in a generated file is reported only with
// -generated.
func TestBuildTagsAndGenerated(t *testing.T) {
	dir := testdata("e2e", "options")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, nil},
		{[]string{"-tags", "special"}, []string{"tagged.go:10 tokenforward"}},
		{[]string{"-generated"}, []string{"gen.go:9 tokenforward"}},
		{[]string{"-tags", "special", "-generated"}, []string{"gen.go:9 tokenforward", "tagged.go:10 tokenforward"}},
	} {
		got, _ := reported(t, dir, append(tc.args, "./...")...)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%v: got %v, want %v", tc.args, got, tc.want)
		}
	}
}

// TestJSONSuggestedFixes: -json carries the suggested fixes as go vet
// -json does, as byte offsets that select the text the fix replaces.
func TestJSONSuggestedFixes(t *testing.T) {
	stdout, _, _ := runTool(t, testdata("demo"), "-json", "./internal/gateway")
	var tree map[string]map[string][]struct {
		SuggestedFixes []struct {
			Message string
			Edits   []struct {
				Filename   string
				Start, End int
				New        string
			}
		} `json:"suggested_fixes"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatal(err)
	}
	diags := tree["example.com/demo/internal/gateway"]["headerforward"]
	if len(diags) != 1 || len(diags[0].SuggestedFixes) != 1 || len(diags[0].SuggestedFixes[0].Edits) == 0 {
		t.Fatalf("want one headerforward finding with a fix:\n%s", stdout)
	}
	e := diags[0].SuggestedFixes[0].Edits[0]
	data := mustRead(t, e.Filename)
	if e.Start < 0 || e.End < e.Start || e.End > len(data) || !strings.Contains(e.New, `Del("Authorization")`) {
		t.Errorf("edit %+v does not fit %s (%d bytes)", e, e.Filename, len(data))
	}
}

// TestOneLinePerError: an error the go command spreads over two lines
// (a package no module provides) is one line, like every line the
// command writes on stderr.
func TestOneLinePerError(t *testing.T) {
	_, stderr, code := runTool(t, testdata("e2e", "missingdep"), "./...")
	if code != exitError || !strings.Contains(stderr, "no required module provides package example.com/nowhere/pkg; to add it: go get example.com/nowhere/pkg\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "passthrough: ") {
			t.Errorf("a line of stderr is not a message of its own: %q", line)
		}
	}
}

// TestConfigFile: the module's .passthrough.yml adds X-Tenant-Secret as a
// credential header, so the flow through it is reported.
func TestConfigFile(t *testing.T) {
	dir := testdata("e2e", "config")
	got, code := reported(t, dir, "./...")
	checkSame(t, got, marked(t, dir))
	if code != exitFindings {
		t.Errorf("exit code %d, want %d", code, exitFindings)
	}
	// Without the file (an empty one given instead), nothing is reported.
	empty := filepath.Join(t.TempDir(), "empty.yml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, code = reported(t, dir, "-config", empty, "./...")
	if len(got) != 0 || code != exitClean {
		t.Errorf("with an empty config: %v, exit %d; want nothing, 0", got, code)
	}
}

// TestConfigFunctions: the functions a configuration names are checked
// against the packages: an index the signature does not have is an
// error naming the file; a function that matches nothing is a warning,
// given once.
func TestConfigFunctions(t *testing.T) {
	dir := testdata("e2e", "config")
	cfg := filepath.Join(t.TempDir(), "cfg.yml")
	for _, tc := range []struct {
		yml, want string
		code      int
	}{
		{"sinks:\n  - function: (*net/http.Request).SetBasicAuth\n    argument: 2\n",
			"cfg.yml: sinks: (*net/http.Request).SetBasicAuth argument: 2, but (*net/http.Request).SetBasicAuth has 2 parameters", exitError},
		{"sources:\n  - function: (net/http.Header).Get\n    result: 1\n",
			"sources: (net/http.Header).Get result: 1, but (net/http.Header).Get has 1 results", exitError},
		{"sinks:\n  - function: example.com/nowhere.Send\n    argument: 0\n  - function: example.com/nowhere.Send\n    argument: 1\n",
			"cfg.yml: warning: example.com/nowhere.Send matches no function in the analyzed packages or their dependencies\n", exitClean},
		{"sinks:\n  - function: (*net/http.Request).SetBasicAuth\n    argument: 1\n", "", exitClean},
	} {
		if err := os.WriteFile(cfg, []byte(tc.yml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runTool(t, dir, "-config", cfg, "./...")
		if code != tc.code || !strings.Contains(stderr, tc.want) || tc.want == "" && stderr != "" || strings.Count(stderr, "matches no function") > 1 {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.yml, code, stderr, tc.code, tc.want)
		}
	}
}

// TestBadConfigFile: a misspelled key is an error naming file, line and key.
func TestBadConfigFile(t *testing.T) {
	dir := testdata("e2e", "badconfig")
	stdout, stderr, code := runTool(t, dir, "./...")
	want := `.passthrough.yml:4: sinks: unknown key "arg" (known: function, argument, header, receiver)`
	if code != exitError || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
		t.Errorf("exit %d, stderr %q, stdout %q; want 2 and one line containing %q", code, stderr, stdout, want)
	}
}

func TestSelectAnalyzers(t *testing.T) {
	dir := testdata("e2e", "broken")
	stdout, _, code := runTool(t, dir, "-disable", "tokenforward,headerforward,audience,resource", "./good")
	if code != exitError || stdout != "" {
		t.Errorf("-disable of every analyzer: exit %d, stdout %q; want 2", code, stdout)
	}
	_, stderr, code := runTool(t, dir, "-enable", "tokenfoward", "./good")
	if code != exitError || !strings.Contains(stderr, `-enable: unknown analyzer "tokenfoward" (known: tokenforward, headerforward, audience, resource)`) {
		t.Errorf("-enable with a typo: exit %d, stderr %q", code, stderr)
	}
	got, code := reported(t, dir, "-enable", "tokenforward", "./good")
	if len(got) != 1 || code != exitFindings {
		t.Errorf("-enable tokenforward: %v, exit %d", got, code)
	}
	got, code = reported(t, dir, "-disable", "tokenforward", "./good")
	if len(got) != 0 || code != exitClean {
		t.Errorf("-disable tokenforward: %v, exit %d", got, code)
	}
	stdout, _, code = runTool(t, ".", "-list")
	if code != exitClean || !strings.HasPrefix(stdout, "tokenforward   report an inbound credential that reaches an outbound credential\n") {
		t.Errorf("-list: exit %d, output %q", code, stdout)
	}
}

func TestColor(t *testing.T) {
	dir := testdata("e2e", "broken")
	stdout, _, _ := runTool(t, dir, "-color=always", "./good")
	if !strings.Contains(stdout, "\x1b[") {
		t.Errorf("-color=always printed no color:\n%s", stdout)
	}
	stdout, _, _ = runTool(t, dir, "./good") // not a terminal
	if strings.Contains(stdout, "\x1b[") {
		t.Errorf("colors when not on a terminal:\n%s", stdout)
	}
}

// TestSuppression: //passthrough:allow silences a finding in the command
// and under go vet; -show-suppressed lists it; -unused-directives reports
// the stale directive.
func TestSuppression(t *testing.T) {
	dir := testdata("e2e", "suppress")
	got, _ := reported(t, dir, "./...")
	checkSame(t, got, marked(t, dir))

	stdout, _, code := runTool(t, dir, "-show-suppressed", "-unused-directives", "./...")
	for _, want := range []string{
		"suppress.go:14:2: tokenforward (suppressed): inbound credential",
		"(allowed at suppress.go:13: the upstream is our own introspection service)",
		"suppress.go:22:2: directive: //passthrough:allow tokenforward allows no finding here: remove it",
		"2 findings: directive 1, tokenforward 1",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// Position order: the allowed finding (line 14) before the reported
	// one (line 18) and the stale directive (line 22).
	if i, j, k := strings.Index(stdout, "suppress.go:14:"), strings.Index(stdout, "suppress.go:18:"), strings.Index(stdout, "suppress.go:22:"); i < 0 || i >= j || j >= k {
		t.Errorf("-show-suppressed does not keep position order:\n%s", stdout)
	}
	if code != exitFindings {
		t.Errorf("exit code %d, want %d", code, exitFindings)
	}

	// JSON files directive problems under "directive", as SARIF does.
	stdout, _, _ = runTool(t, dir, "-unused-directives", "-json", "./...")
	if !strings.Contains(stdout, `"directive": [`) {
		t.Errorf("-json: no \"directive\" entry:\n%s", stdout)
	}

	// SARIF keeps the allowed findings as results suppressed in source,
	// with the directive's reason and their own rule (the unverified
	// bearer's rule of its own too); they do not count.
	stdout, _, code = runTool(t, dir, "-sarif", "./...")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string
				Message      struct{ Text string }
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("-sarif: %v", err)
	}
	reasons := map[string]string{
		"tokenforward":               "the upstream is our own introspection service",
		"audience/unverified-bearer": "the mesh's sidecar verified the token",
	}
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		if len(r.Suppressions) == 0 {
			continue
		}
		suppressed++
		if s := r.Suppressions[0]; s.Kind != "inSource" || s.Justification != reasons[r.RuleID] || strings.Contains(r.Message.Text, "allowed at") {
			t.Errorf("-sarif suppressed result of %s: %+v, message %q", r.RuleID, r.Suppressions, r.Message.Text)
		}
	}
	if suppressed != 2 || len(log.Runs[0].Results) != 3 || code != exitFindings {
		t.Errorf("-sarif: %d results, %d suppressed, exit %d; want 3, 2, %d", len(log.Runs[0].Results), suppressed, code, exitFindings)
	}

	out, _ := runVet(dir)
	if !strings.Contains(string(out), "suppress.go:18:") || strings.Contains(string(out), "suppress.go:14:") {
		t.Errorf("go vet: want the finding at line 18 only:\n%s", out)
	}
}

// TestVetFlags: analyzer flags work under go vet, as the configuration
// file does for the command.
func TestVetFlags(t *testing.T) {
	out, _ := runVet(testdata("e2e", "config"), "-tokenforward.headers=X-Tenant-Secret")
	if !strings.Contains(string(out), "config.go:9:2: inbound credential from Header.Get(\"X-Tenant-Secret\")") {
		t.Errorf("go vet with -tokenforward.headers: no finding:\n%s", out)
	}
}

// TestFixDemo applies the suggested fixes to a copy of the demo: the
// headerforward findings and the audience one (jwt.WithAudience(Resource))
// go, the tokenforward ones and the unverified bearer (no mechanical fix)
// stay, and the result builds.
func TestFixDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if err := os.CopyFS(dir, os.DirFS(testdata("demo"))); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runTool(t, dir, "-diff", "./...")
	if code != exitFindings || !strings.Contains(stdout, "+\t\t\tpr.Out.Header.Del(\"Authorization\")") ||
		!strings.Contains(stdout, "jwt.WithAudience(Resource)") || !strings.Contains(stdout, `oauth2.SetAuthURLParam("resource", serverURL)`) ||
		!strings.Contains(stderr, "would apply 4 suggested fixes") {
		t.Fatalf("-diff: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if got, _ := reported(t, dir, "./..."); len(got) != 8 {
		t.Fatalf("-diff changed files: %v", got)
	}
	_, stderr, code = runTool(t, dir, "-fix", "./...")
	if code != exitFindings || !strings.Contains(stderr, "applied 4 suggested fixes") {
		t.Fatalf("-fix: exit %d\n%s", code, stderr)
	}
	got, _ := reported(t, dir, "./...")
	checkSame(t, got, []string{
		"internal/auth/middleware.go:23 audience",
		"internal/tools/tools.go:121 tokenforward",
		"internal/tools/tools.go:43 tokenforward",
		"internal/tools/tools.go:58 tokenforward",
	})
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed demo does not build: %v\n%s", err, out)
	}
	if out, _ := exec.Command("gofmt", "-l", dir).CombinedOutput(); len(out) > 0 {
		t.Errorf("the fixed demo is not gofmt-clean: %s", out)
	}
}

// TestFixSafety: -diff prints a patch git apply takes and lists on
// stderr the findings it does not fix (in a generated file and in a cgo
// package, which -fix never edits), exiting 1; -fix applies the same, keeps a CRLF
// file's line endings, and reports what remains at its new position;
// -diff with nothing to change and no finding exits 0.
func TestFixSafety(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fixes")
	if err := os.CopyFS(dir, os.DirFS(testdata("e2e", "fixes"))); err != nil {
		t.Fatal(err)
	}
	gen := mustRead(t, filepath.Join(dir, "gen.go"))
	cgo := mustRead(t, filepath.Join(dir, "cgopkg", "cgopkg.go"))
	patch, stderr, code := runTool(t, dir, "-diff", "-generated", "./...")
	if code != exitFindings || !strings.Contains(patch, "--- a/copy.go\n+++ b/copy.go\n") || !strings.Contains(stderr, "copy.go:24:2: tokenforward") || !strings.Contains(stderr, "gen.go:11:4: headerforward") {
		t.Fatalf("-diff: exit %d\n%s\n%s", code, patch, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "fix.patch"), []byte(patch), 0o644); err != nil {
		t.Fatal(err)
	}
	apply := exec.Command("git", "apply", "--check", "fix.patch")
	apply.Dir = dir
	if out, err := apply.CombinedOutput(); err != nil {
		t.Errorf("git apply --check: %v\n%s", err, out)
	}
	if err := os.Remove(filepath.Join(dir, "fix.patch")); err != nil {
		t.Fatal(err)
	}

	stdout, stderr, code := runTool(t, dir, "-fix", "-generated", "./...")
	if code != exitFindings || !strings.Contains(stderr, "applied 2 suggested fixes") {
		t.Fatalf("-fix: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"copy.go:27:2: tokenforward", "> 27 | \tout.Header.Set(\"Authorization\", r.Header.Get(\"Authorization\"))", "gen.go:11:4: headerforward"} {
		if !strings.Contains(strings.ReplaceAll(stdout, "    ", " "), strings.ReplaceAll(want, "    ", " ")) {
			t.Errorf("-fix output lacks %q:\n%s", want, stdout)
		}
	}
	if got := mustRead(t, filepath.Join(dir, "gen.go")); got != gen {
		t.Errorf("-fix edited a generated file:\n%s", got)
	}
	if got := mustRead(t, filepath.Join(dir, "cgopkg", "cgopkg.go")); got != cgo || !strings.Contains(stdout, "cgopkg/cgopkg.go:15:4: headerforward") {
		t.Errorf("-fix edited a file of a cgo package, or its finding is gone:\n%s\n%s", got, stdout)
	}
	crlf := mustRead(t, filepath.Join(dir, "crlf.go"))
	if !strings.Contains(crlf, "continue\r\n") || strings.Count(crlf, "\n") != strings.Count(crlf, "\r\n") {
		t.Errorf("crlf.go lost its line endings:\n%q", crlf)
	}

	if _, _, code := runTool(t, testdata("e2e", "clean"), "-diff", "./..."); code != exitClean {
		t.Errorf("-diff with nothing to change: exit %d, want %d", code, exitClean)
	}
}

// TestGolangciPlugin runs golangci-lint v2.15.0 built with the plugin (see
// testdata/golangci; .ci/run builds it and sets PASSTHROUGH_GOLANGCI_LINT
// to its path) on testdata/e2e/gcl: the findings marked "// want
// passthrough" and no others, so the settings (X-Api-Key) apply and both
// //nolint:passthrough and //passthrough:allow silence; --fix applies the
// suggested fix; a misspelled setting is an error naming it.
func TestGolangciPlugin(t *testing.T) {
	gcl := os.Getenv("PASSTHROUGH_GOLANGCI_LINT")
	if gcl == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must set PASSTHROUGH_GOLANGCI_LINT (.ci/run builds testdata/golangci)")
		}
		t.Skip("set PASSTHROUGH_GOLANGCI_LINT to a golangci-lint built from testdata/golangci (as .ci/run does)")
	}
	dir := filepath.Join(t.TempDir(), "gcl")
	if err := os.CopyFS(dir, os.DirFS(testdata("e2e", "gcl"))); err != nil {
		t.Fatal(err)
	}
	lint := func(args ...string) ([]string, string) {
		report := filepath.Join(t.TempDir(), "report.json")
		cmd := exec.Command(gcl, append([]string{"run", "--output.json.path", report, "--output.text.path", "stderr"}, args...)...)
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		data, err := os.ReadFile(report)
		if err != nil {
			return nil, string(out)
		}
		var r struct {
			Issues []struct {
				FromLinter string
				Pos        struct {
					Filename string
					Line     int
				}
			}
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("golangci-lint JSON: %v\n%s", err, data)
		}
		var got []string
		for _, i := range r.Issues {
			got = append(got, fmt.Sprintf("%s:%d %s", i.Pos.Filename, i.Pos.Line, i.FromLinter))
		}
		slices.Sort(got)
		return got, string(out)
	}
	got, out := lint("./...")
	if got == nil {
		t.Fatalf("golangci-lint failed:\n%s", out)
	}
	checkSame(t, got, marked(t, dir))

	lint("--fix", "./...")
	src, err := os.ReadFile(filepath.Join(dir, "gcl.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The plugin's settings make X-Api-Key a credential header: the fix
	// removes it too.
	if !strings.Contains(string(src), "\t\t\tpr.Out.Header.Del(\"Authorization\")\n\t\t\tpr.Out.Header.Del(\"X-Api-Key\")\n\t\t\tpr.SetURL(target)") {
		t.Errorf("--fix did not apply the Rewrite fix:\n%s", src)
	}
	if got, _ := lint("./..."); len(got) != 3 {
		t.Errorf("after --fix: %v, want the two tokenforward findings and the resource one", got)
	}

	bad := strings.Replace(mustRead(t, filepath.Join(dir, ".golangci.yml")), "headers:", "headerz:", 1)
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, out := lint("./..."); !strings.Contains(out, `unknown field "headerz"`) {
		t.Errorf("a misspelled setting: want an error naming it, got:\n%s", out)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRealJWTLibs runs the audience analyzer on code written against the
// real golang-jwt v5 and v4, go-oidc v3 and jwx v2 modules.
func TestRealJWTLibs(t *testing.T) {
	dir := testdata("e2e", "jwtlibs")
	got, _ := reported(t, dir, "./...")
	checkSame(t, got, marked(t, dir))
}

// TestRealFrameworks runs on code written against the real web
// frameworks and client libraries the built-in models describe (gin,
// echo, fiber, fasthttp, chi, gorilla/mux, Connect, gRPC, resty,
// go-retryablehttp, gorilla and coder websockets, GraphQL clients,
// go-tfe, client-go, go-github), with a look-alike negative for each.
func TestRealFrameworks(t *testing.T) {
	dir := testdata("e2e", "frameworks")
	got, _ := reported(t, dir, "./...")
	checkSame(t, got, marked(t, dir))
}

// runVet runs go vet with the built command as its tool in dir.
func runVet(dir string, flags ...string) ([]byte, error) {
	args := append([]string{"vet", "-vettool=" + binary}, flags...)
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// TestProvisionalFindings: a read in a handler package that sees no
// replacing middleware is reported there provisionally; the command
// drops it when every registration among the roots replaces the
// header (ginrouter/routes registers blind.Relay behind Distribute
// only), keeps one nothing registers (blind.Unrouted), keeps one
// registered both ways with a note (blind.Mixed), and keeps them all
// when the router is not among the roots. It settles alike when the
// roots are replayed from the results cache. go vet, one package at a
// time, keeps them all.
func TestProvisionalFindings(t *testing.T) {
	dir := testdata("e2e", "frameworks")
	relay := "ginrouter/blind/blind.go:21 tokenforward"
	kept := []string{"ginrouter/blind/blind.go:28 tokenforward", "ginrouter/blind/blind.go:35 tokenforward"}
	cache := filepath.Join(t.TempDir(), "cache")
	for _, run := range []struct {
		name  string
		args  []string
		relay bool
	}{
		{"cold, filling a cache", []string{"-cache=" + cache, "./ginrouter/..."}, false},
		{"replayed", []string{"-cache=" + cache, "./ginrouter/..."}, false},
		{"no router among the roots", []string{"-cache=off", "./ginrouter/blind", "./ginrouter/relay"}, true},
	} {
		got, _ := reported(t, dir, run.args...)
		if slices.Contains(got, relay) != run.relay || !slices.Contains(got, kept[0]) || !slices.Contains(got, kept[1]) {
			t.Errorf("%s: want %s reported=%v and %v reported, got:\n  %s", run.name, relay, run.relay, kept, strings.Join(got, "\n  "))
		}
	}
	text, _, _ := runTool(t, dir, "-cache="+cache, "./ginrouter/...")
	if note := "(middleware Distribute replaces it on other registrations of Mixed)"; !strings.Contains(text, note) {
		t.Errorf("the finding of Mixed lacks %q:\n%s", note, text)
	}
	cmd := exec.Command("go", "vet", "-vettool="+binary, "./ginrouter/...")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	for _, line := range []string{"blind.go:21:", "blind.go:28:", "blind.go:35:"} {
		if !strings.Contains(string(out), line) {
			t.Errorf("go vet: want a finding at %s, got:\n%s", line, out)
		}
	}
}
