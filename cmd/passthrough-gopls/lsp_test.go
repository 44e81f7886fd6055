package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end test of the editor integration: a gopls built by this
// command (.ci/run builds one and sets PASSTHROUGH_GOPLS) is driven over
// LSP by a small client that opens the demo's files, as an editor does.

func goplsUnderTest(t *testing.T) string {
	t.Helper()
	path := os.Getenv("PASSTHROUGH_GOPLS")
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must set PASSTHROUGH_GOPLS (.ci/run builds it with go run ./cmd/passthrough-gopls)")
		}
		t.Skip("set PASSTHROUGH_GOPLS to a gopls built by go run ./cmd/passthrough-gopls (as .ci/run does)")
	}
	return path
}

// TestLSP: every finding the command reports on the demo arrives in the
// editor as a diagnostic on the same line, from the same analyzer, with
// the same related locations; a headerforward finding offers its fix as
// a quick fix; gopls' "analyses" setting switches an analyzer off.
func TestLSP(t *testing.T) {
	gopls := goplsUnderTest(t)
	demo, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	want := commandFindings(t, demo)
	if len(want) == 0 {
		t.Fatal("the command reports nothing on the demo")
	}

	t.Run("diagnostics and quick fix", func(t *testing.T) {
		s := startGopls(t, gopls, demo, map[string]any{})
		start := time.Now()
		s.openAll(t)
		got := s.waitFor(t, want, 3*time.Minute)
		t.Logf("all %d findings arrived %v after the files were opened", len(want), time.Since(start).Round(time.Millisecond))
		for _, w := range want {
			d, ok := got[w.key()]
			if !ok {
				t.Errorf("no diagnostic for %s", w.key())
				continue
			}
			if gotRel, wantRel := d.relatedLines(), w.relatedLines(); gotRel != wantRel {
				t.Errorf("%s: related locations\n got %s\nwant %s", w.key(), gotRel, wantRel)
			}
		}
		for k := range got {
			if !containsKey(want, k) {
				t.Errorf("gopls reports %s, the command does not", k)
			}
		}

		// The quick fix of a headerforward finding.
		fixed := false
		for _, w := range want {
			if w.Analyzer != "headerforward" {
				continue
			}
			d := got[w.key()]
			actions := s.codeActions(t, d)
			for _, a := range actions {
				if a.Kind == "quickfix" && a.edits() > 0 {
					fixed = true
					t.Logf("%s: quick fix %q", w.key(), a.Title)
				}
			}
		}
		if !fixed {
			t.Error("no headerforward finding offers a quick fix with edits")
		}
		s.shutdown(t)
	})

	t.Run("analyses setting", func(t *testing.T) {
		s := startGopls(t, gopls, demo, map[string]any{"analyses": map[string]bool{"audience": false}})
		s.openAll(t)
		var rest []finding
		var off []finding
		for _, w := range want {
			if w.Analyzer != "audience" {
				rest = append(rest, w)
			} else {
				off = append(off, w)
			}
		}
		if len(rest) == len(want) {
			t.Fatal("the demo has no audience finding to switch off")
		}
		s.waitFor(t, rest, 3*time.Minute)
		time.Sleep(3 * time.Second) // what would still arrive
		got := s.current()
		for _, w := range off {
			if _, ok := got[w.key()]; ok {
				t.Errorf("audience is switched off, yet gopls reports %s", w.key())
			}
		}
		s.shutdown(t)
	})
}

// finding is a diagnostic of the command's -json output.
type finding struct {
	Analyzer string    `json:"-"` // the analyzer that reported it: the JSON tree's key
	Category string    `json:"category"`
	Posn     string    `json:"posn"`
	Related  []related `json:"related"`
}

type related struct {
	Posn string `json:"posn"`
}

// key identifies a finding by analyzer, file and line.
func (f finding) key() string {
	file, line := fileLine(f.Posn)
	return fmt.Sprintf("%s %s:%d", f.Analyzer, file, line)
}

func (f finding) relatedLines() string {
	var out []string
	for _, r := range f.Related {
		file, line := fileLine(r.Posn)
		out = append(out, fmt.Sprintf("%s:%d", file, line))
	}
	return strings.Join(out, " ")
}

func fileLine(posn string) (string, int) {
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return posn, 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	return filepath.Base(strings.Join(parts[:len(parts)-2], ":")), line
}

func containsKey(fs []finding, k string) bool {
	for _, f := range fs {
		if f.key() == k {
			return true
		}
	}
	return false
}

// commandFindings runs the command on the demo.
func commandFindings(t *testing.T, demo string) []finding {
	t.Helper()
	cmd := exec.Command("go", "run", "../passthrough", "-C", demo, "-json", "./...")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
		t.Fatalf("passthrough -json on the demo: %v\n%s", err, out)
	}
	var byPkg map[string]map[string][]finding
	if err := json.Unmarshal(out, &byPkg); err != nil {
		t.Fatalf("passthrough -json: %v", err)
	}
	var all []finding
	for _, byAnalyzer := range byPkg {
		for name, fs := range byAnalyzer {
			for _, f := range fs {
				f.Analyzer = name
				all = append(all, f)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key() < all[j].key() })
	return all
}

// session is one gopls process and what it has published.
type session struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	dir      string
	settings map[string]any

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan json.RawMessage
	diags   map[string][]diagnostic // by file URI
	changed chan struct{}
}

type diagnostic struct {
	Range              lspRange `json:"range"`
	Source             string   `json:"source"`
	Message            string   `json:"message"`
	RelatedInformation []struct {
		Location struct {
			URI   string   `json:"uri"`
			Range lspRange `json:"range"`
		} `json:"location"`
	} `json:"relatedInformation"`
	uri string
}

type lspRange struct {
	Start struct {
		Line      int `json:"line"`
		Character int `json:"character"`
	} `json:"start"`
	End struct {
		Line      int `json:"line"`
		Character int `json:"character"`
	} `json:"end"`
}

func (d diagnostic) relatedLines() string {
	var out []string
	for _, r := range d.RelatedInformation {
		out = append(out, fmt.Sprintf("%s:%d", filepath.Base(uriPath(r.Location.URI)), r.Location.Range.Start.Line+1))
	}
	return strings.Join(out, " ")
}

func fileURI(path string) string { return (&url.URL{Scheme: "file", Path: path}).String() }

func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	return u.Path
}

func startGopls(t *testing.T, gopls, dir string, settings map[string]any) *session {
	t.Helper()
	cmd := exec.Command(gopls)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	s := &session{cmd: cmd, in: in, dir: dir, settings: settings, waiting: map[int]chan json.RawMessage{}, diags: map[string][]diagnostic{}, changed: make(chan struct{}, 1)}
	go s.read(bufio.NewReader(out))
	s.call(t, "initialize", map[string]any{
		"processId":             os.Getpid(),
		"rootUri":               fileURI(dir),
		"workspaceFolders":      []map[string]string{{"uri": fileURI(dir), "name": "demo"}},
		"initializationOptions": settings,
		"capabilities": map[string]any{
			"workspace": map[string]any{"configuration": true, "workspaceFolders": true},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true},
				"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{
					"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "refactor", "source"}}}},
			},
		},
	})
	s.notify(t, "initialized", map[string]any{})
	return s
}

func (s *session) openAll(t *testing.T) {
	t.Helper()
	err := filepath.Walk(s.dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s.notify(t, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": fileURI(path), "languageId": "go", "version": 1, "text": string(text)}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// current returns the suite's diagnostics gopls has published, by key.
func (s *session) current() map[string]diagnostic {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]diagnostic{}
	for uri, ds := range s.diags {
		for _, d := range ds {
			switch d.Source {
			case "tokenforward", "headerforward", "audience", "resource":
				d.uri = uri
				out[fmt.Sprintf("%s %s:%d", d.Source, filepath.Base(uriPath(uri)), d.Range.Start.Line+1)] = d
			}
		}
	}
	return out
}

// waitFor waits until every wanted finding has a diagnostic.
func (s *session) waitFor(t *testing.T, want []finding, timeout time.Duration) map[string]diagnostic {
	t.Helper()
	deadline := time.After(timeout)
	for {
		got := s.current()
		missing := 0
		for _, w := range want {
			if _, ok := got[w.key()]; !ok {
				missing++
			}
		}
		if missing == 0 {
			return got
		}
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("after %v, %d of %d findings have no diagnostic; gopls published %v", timeout, missing, len(want), keys(got))
		}
	}
}

func keys(m map[string]diagnostic) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type codeAction struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	Edit  struct {
		Changes         map[string][]json.RawMessage `json:"changes"`
		DocumentChanges []struct {
			Edits []json.RawMessage `json:"edits"`
		} `json:"documentChanges"`
	} `json:"edit"`
}

func (a codeAction) edits() int {
	n := 0
	for _, es := range a.Edit.Changes {
		n += len(es)
	}
	for _, dc := range a.Edit.DocumentChanges {
		n += len(dc.Edits)
	}
	return n
}

func (s *session) codeActions(t *testing.T, d diagnostic) []codeAction {
	t.Helper()
	raw := s.call(t, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": d.uri},
		"range":        d.Range,
		"context":      map[string]any{"diagnostics": []diagnostic{d}, "only": []string{"quickfix"}},
	})
	var out []codeAction
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("codeAction result: %v: %s", err, raw)
	}
	return out
}

func (s *session) shutdown(t *testing.T) {
	t.Helper()
	s.call(t, "shutdown", nil)
	s.notify(t, "exit", nil)
}

// call sends a request and waits for its result.
func (s *session) call(t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	ch := make(chan json.RawMessage, 1)
	s.waiting[id] = ch
	s.mu.Unlock()
	s.send(t, map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case res := <-ch:
		return res
	case <-time.After(2 * time.Minute):
		t.Fatalf("no answer to %s", method)
		return nil
	}
}

func (s *session) notify(t *testing.T, method string, params any) {
	t.Helper()
	s.send(t, map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (s *session) send(t *testing.T, msg any) {
	data, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := fmt.Fprintf(s.in, "Content-Length: %d\r\n\r\n%s", len(data), data); err != nil {
		t.Errorf("writing to gopls: %v", err)
	}
}

// read handles what gopls sends: results, diagnostics, and its own
// requests (configuration, progress, registrations).
func (s *session) read(r *bufio.Reader) {
	for {
		length := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var msg struct {
			ID     *json.RawMessage `json:"id"`
			Method string           `json:"method"`
			Params json.RawMessage  `json:"params"`
			Result json.RawMessage  `json:"result"`
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			continue
		}
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string       `json:"uri"`
				Diagnostics []diagnostic `json:"diagnostics"`
			}
			if json.Unmarshal(msg.Params, &p) == nil {
				s.mu.Lock()
				s.diags[p.URI] = p.Diagnostics
				s.mu.Unlock()
				select {
				case s.changed <- struct{}{}:
				default:
				}
			}
		case msg.Method != "" && msg.ID != nil: // a request from gopls
			var result any
			if msg.Method == "workspace/configuration" {
				var p struct{ Items []any }
				_ = json.Unmarshal(msg.Params, &p)
				items := make([]any, len(p.Items))
				for i := range items {
					items[i] = s.settings
				}
				result = items
			}
			data, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": result})
			s.mu.Lock()
			fmt.Fprintf(s.in, "Content-Length: %d\r\n\r\n%s", len(data), data)
			s.mu.Unlock()
		case msg.ID != nil:
			var id int
			if json.Unmarshal(*msg.ID, &id) == nil {
				s.mu.Lock()
				ch := s.waiting[id]
				delete(s.waiting, id)
				s.mu.Unlock()
				if ch != nil {
					ch <- bytes.Clone(msg.Result)
				}
			}
		}
	}
}
