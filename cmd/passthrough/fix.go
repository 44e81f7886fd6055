package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/passthroughlint/passthrough/passes/report"
	"golang.org/x/tools/go/analysis"
)

// A fileEdit replaces bytes [start, end) of a file with text.
type fileEdit struct {
	start, end int
	text       string
	finding    string // "file:line" of the finding, for messages
}

// applyFixes applies the first suggested fix of every finding that has one,
// except a fix in cgo's copy of a file (the analyzers offer none).
// It computes every file first and writes nothing unless all succeed:
// overlapping or conflicting edits, or a result that is not valid Go, leave
// every file untouched. With diff set it prints a unified diff instead of
// writing. It returns the number of fixes applied.
func applyFixes(res *result, diff bool, w io.Writer) (int, error) {
	edits := map[string][]fileEdit{}
	fixes := 0
	for _, f := range res.findings {
		if !res.fixable(f) {
			continue
		}
		fix := f.diag.SuggestedFixes[0]
		fixes++
		for _, e := range fix.TextEdits {
			// Offsets and names of the files themselves, not those that
			// //line directives name.
			start, end := res.fset.PositionFor(e.Pos, false), res.fset.PositionFor(e.End, false)
			if !e.End.IsValid() {
				end = start
			}
			edits[start.Filename] = append(edits[start.Filename], fileEdit{
				start: start.Offset, end: end.Offset, text: string(e.NewText),
				finding: fmt.Sprintf("%s:%d", relPath(f.posn.Filename), f.posn.Line),
			})
		}
	}
	files := make([]string, 0, len(edits))
	for name := range edits {
		files = append(files, name)
	}
	sort.Strings(files)
	var changes []change
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			return 0, fmt.Errorf("%s: %w; no file was changed", relPath(name), pathError(err))
		}
		if sum, ok := res.parsed[name]; ok && sum != sha256.Sum256(src) {
			return 0, fmt.Errorf("%s changed since it was analyzed; no file was changed (run again)", relPath(name))
		}
		out, err := applyEdits(src, edits[name])
		if err != nil {
			return 0, fmt.Errorf("%s: %w; no file was changed", relPath(name), err)
		}
		if out, err = format.Source(out); err != nil {
			return 0, fmt.Errorf("%s: the fixed file does not parse (%w); no file was changed", relPath(name), err)
		}
		out = keepLineEndings(src, out)
		if diff {
			fmt.Fprint(w, unifiedDiff(relPath(name), string(src), string(out)))
			continue
		}
		changes = append(changes, change{name: name, data: out})
	}
	if err := writeAll(changes); err != nil {
		return 0, err
	}
	return fixes, nil
}

// fixable reports whether -fix applies the first suggested fix of a
// finding: not for an allowed finding, nor in cgo's copy of a file, nor
// in a file not edited by hand (generated, or in a cgo package).
func (res *result) fixable(f finding) bool {
	if f.suppressed() || len(f.diag.SuggestedFixes) == 0 {
		return false
	}
	return !slices.ContainsFunc(f.diag.SuggestedFixes[0].TextEdits, func(e analysis.TextEdit) bool {
		return report.MappedCopy(res.fset, e.Pos) || res.noEdit[res.fset.PositionFor(e.Pos, false).Filename] != ""
	})
}

// applyEdits applies non-overlapping edits; identical duplicates (the same
// file seen in a package and its test variant) count once.
func applyEdits(src []byte, edits []fileEdit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end < edits[j].end
	})
	var uniq []fileEdit
	for _, e := range edits {
		if n := len(uniq); n > 0 && uniq[n-1].start == e.start && uniq[n-1].end == e.end && uniq[n-1].text == e.text {
			continue
		}
		uniq = append(uniq, e)
	}
	for i := 1; i < len(uniq); i++ {
		a, b := uniq[i-1], uniq[i]
		overlap := b.start < a.end
		twoInsertions := a.start == a.end && b.start == b.end && a.start == b.start // at one place: order unknown
		if overlap || twoInsertions {
			return nil, fmt.Errorf("the fixes for the findings at %s and %s conflict", a.finding, b.finding)
		}
	}
	var out bytes.Buffer
	last := 0
	for _, e := range uniq {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("a fix for the finding at %s is out of range (was the file changed?)", e.finding)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// unifiedDiff renders the change from a to b as a unified diff with three
// lines of context, using Myers' algorithm on lines.
func unifiedDiff(name, a, b string) string {
	x, y := splitLines(a), splitLines(b)
	ops := myers(x, y)
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", filepath.ToSlash(name), filepath.ToSlash(name))
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		ax, ay := ops[start].ai, ops[start].bi
		var na, nb int
		var body strings.Builder
		for _, op := range ops[start:end] {
			body.WriteByte(op.kind)
			body.WriteString(op.line)
			if !strings.HasSuffix(op.line, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
			if op.kind != '+' {
				na++
			}
			if op.kind != '-' {
				nb++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n%s", ax+1, na, ay+1, nb, body.String())
		i = end
	}
	return out.String()
}

type diffOp struct {
	kind   byte // ' ', '-', '+'
	line   string
	ai, bi int // line indexes in a and b where the op stands
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// myers returns the edit script from x to y.
func myers(x, y []string) []diffOp {
	n, m := len(x), len(y)
	maxD := n + m
	v := make([]int, 2*maxD+2)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[maxD+k-1] < v[maxD+k+1]) {
				i = v[maxD+k+1]
			} else {
				i = v[maxD+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[maxD+k] = i
			if i >= n && j >= m {
				return backtrack(trace, x, y, d, maxD)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, x, y []string, d, maxD int) []diffOp {
	var ops []diffOp
	i, j := len(x), len(y)
	for ; d > 0; d-- {
		v := trace[d] // the furthest reaching paths before step d
		k := i - j
		pk := k - 1
		if k == -d || (k != d && v[maxD+k-1] < v[maxD+k+1]) {
			pk = k + 1
		}
		pi := v[maxD+pk]
		pj := pi - pk
		for i > pi && j > pj { // the diagonal (equal lines) after the edit
			i, j = i-1, j-1
			ops = append(ops, diffOp{kind: ' ', line: x[i], ai: i, bi: j})
		}
		if i == pi { // came down: an insertion
			j--
			ops = append(ops, diffOp{kind: '+', line: y[j], ai: i, bi: j})
		} else { // came right: a deletion
			i--
			ops = append(ops, diffOp{kind: '-', line: x[i], ai: i, bi: j})
		}
	}
	for i > 0 && j > 0 {
		i, j = i-1, j-1
		ops = append(ops, diffOp{kind: ' ', line: x[i], ai: i, bi: j})
	}
	for l, r := 0, len(ops)-1; l < r; l, r = l+1, r-1 {
		ops[l], ops[r] = ops[r], ops[l]
	}
	return ops
}
