package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"golang.org/x/tools/go/analysis"
)

// SARIF 2.1.0, as GitHub code scanning reads it. Only the properties the
// command fills are declared.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                  `json:"tool"`
	Invocations        []sarifInvocation          `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactID `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult              `json:"results"`
	ColumnKind         string                     `json:"columnKind"`
}

// sarifInvocation says whether the run analyzed everything it was asked
// to, and why not.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifMarkdownText `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProps    `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMarkdownText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifArtifactID struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	CodeFlows           []sarifCodeFlow    `json:"codeFlows,omitempty"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}

const (
	homepage = "https://github.com/passthroughlint/passthrough"
	srcRoot  = "%SRCROOT%"
)

// directiveRule describes the diagnostics about //passthrough:allow
// directives themselves, which every analyzer may report.
var directiveRule = ruledoc.Doc{
	Name:     "AllowDirective",
	Title:    "Malformed or unused //passthrough:allow directive",
	Tags:     []string{"maintainability"},
	Severity: "",
}

const directiveHelp = "A `//passthrough:allow <analyzer>[,<analyzer>] <reason>` directive must name known analyzers and give a reason; with `-unused-directives`, a directive that allows no finding is reported so that stale ones are removed."

// writeSARIF writes the findings as one SARIF run. root is the directory
// artifact URIs are relative to (the repository root).
func writeSARIF(w io.Writer, res *result, analyzers []*analysis.Analyzer, root string) error {
	// SARIF wants versions that start with a number: "v1.2.3" is given as
	// 1.2.3, a development build as 0.0.0-devel.
	v := strings.TrimPrefix(version(), "v")
	if !semver.MatchString(v) {
		v = "0.0.0-devel"
	}
	driver := sarifDriver{Name: "passthrough", InformationURI: homepage, Version: v, SemanticVersion: v}
	index := map[string]int{}
	addRule := func(id string, d ruledoc.Doc, help, level string) {
		index[id] = len(driver.Rules)
		props := sarifRuleProps{Tags: d.Tags, SecuritySeverity: d.Severity, Precision: "high", ProblemSeverity: level}
		if props.Tags == nil {
			props.Tags = []string{}
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   id,
			Name:                 d.Name,
			ShortDescription:     sarifText{Text: d.Title},
			FullDescription:      sarifText{Text: firstParagraph(help)},
			Help:                 sarifMarkdownText{Text: stripMarkdown(help), Markdown: help},
			HelpURI:              homepage + "#" + id,
			DefaultConfiguration: sarifRuleConfig{Level: level},
			Properties:           props,
		})
	}
	for _, a := range analyzers {
		// The help is the analyzer's documentation after its summary line.
		summary, help, _ := strings.Cut(a.Doc, "\n")
		d, ok := ruledoc.For(a.Name)
		if !ok {
			d = ruledoc.Doc{Title: summary}
		}
		addRule(a.Name, d, strings.TrimSpace(help), "error")
		cats := ruledoc.Categories(a.Name)
		for _, c := range slices.Sorted(maps.Keys(cats)) {
			addRule(a.Name+"/"+c, cats[c], cats[c].Help, "error")
		}
	}
	addRule("directive", directiveRule, directiveHelp, "warning")

	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	inv := sarifInvocation{ExecutionSuccessful: !res.incomplete()}
	for _, e := range res.errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: e}})
	}
	if n := len(res.notAnalyzed); n > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: fmt.Sprintf("%d of %d packages not analyzed", n, res.roots)}})
	}
	run := sarifRun{
		Tool:               sarifTool{Driver: driver},
		Invocations:        []sarifInvocation{inv},
		OriginalURIBaseIDs: map[string]sarifArtifactID{srcRoot: {URI: "file://" + filepath.ToSlash(abs) + "/"}},
		Results:            []sarifResult{},
		ColumnKind:         "utf16CodeUnits",
	}
	files := newSourceCache()
	fingerprints := map[string]int{}
	for _, f := range res.findings {
		ruleID := sarifRuleOf(f)
		msg := f.diag.Message
		var suppressions []sarifSuppression
		if f.suppressed() {
			// An allowed finding is kept, marked suppressed in source
			// with the directive's reason: code scanning shows it
			// dismissed.
			var reason string
			msg, reason = suppress.Justification(msg)
			suppressions = []sarifSuppression{{Kind: "inSource", Justification: reason}}
		}
		r := sarifResult{
			RuleID:       ruleID,
			RuleIndex:    index[ruleID],
			Level:        driver.Rules[index[ruleID]].DefaultConfiguration.Level,
			Message:      sarifText{Text: msg},
			Locations:    []sarifLocation{{PhysicalLocation: files.location(abs, f.posn.Filename, f.posn.Line, f.posn.Column, f.end.Line, f.end.Column)}},
			Suppressions: suppressions,
		}
		// The fingerprint is the rule, the text of the reported line and
		// its occurrence among identical lines of the file: stable when
		// other lines move.
		text := strings.TrimSpace(files.line(f.posn.Filename, f.posn.Line))
		sum := sha256.Sum256([]byte(ruleID + "\x00" + text))
		key := f.posn.Filename + "\x00" + hex.EncodeToString(sum[:])
		fingerprints[key]++
		r.PartialFingerprints = map[string]string{
			"primaryLocationLineHash": fmt.Sprintf("%s:%d", hex.EncodeToString(sum[:8]), fingerprints[key]),
		}
		if len(f.related) > 0 {
			var flow sarifThreadFlow
			for i, rel := range f.related {
				loc := sarifLocation{
					PhysicalLocation: files.location(abs, rel.posn.Filename, rel.posn.Line, rel.posn.Column, rel.posn.Line, 0),
					Message:          &sarifText{Text: rel.message},
				}
				flow.Locations = append(flow.Locations, sarifThreadFlowLocation{Location: loc})
				id := i + 1
				loc.ID = &id
				r.RelatedLocations = append(r.RelatedLocations, loc)
			}
			r.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{flow}}}
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// firstParagraph returns the first paragraph of s as one line of text.
func firstParagraph(s string) string {
	p, _, _ := strings.Cut(s, "\n\n")
	return stripMarkdown(strings.Join(strings.Fields(p), " "))
}

func stripMarkdown(s string) string {
	return strings.NewReplacer("**", "", "`", "").Replace(s)
}

// sourceCache reads source lines, to fingerprint results and to turn byte
// columns into the UTF-16 columns SARIF consumers expect.
type sourceCache map[string][]string

func newSourceCache() sourceCache { return sourceCache{} }

func (c sourceCache) line(file string, n int) string {
	lines, ok := c[file]
	if !ok {
		if f, err := os.Open(file); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
			_ = f.Close()
		}
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// utf16Col converts a 1-based byte column of a line to a 1-based UTF-16 one.
func (c sourceCache) utf16Col(file string, line, col int) int {
	text := c.line(file, line)
	if col <= 1 || text == "" {
		return col
	}
	if col-1 > len(text) {
		col = len(text) + 1
	}
	return len(utf16.Encode([]rune(text[:col-1]))) + 1
}

func (c sourceCache) location(root, file string, line, col, endLine, endCol int) sarifPhysicalLocation {
	uri, base := filepath.ToSlash(file), ""
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		uri, base = filepath.ToSlash(rel), srcRoot
	} else {
		uri = "file://" + uri
	}
	region := sarifRegion{StartLine: max(line, 1)}
	if col > 0 {
		region.StartColumn = c.utf16Col(file, line, col)
	}
	if endLine >= line && endCol > 0 && (endLine > line || endCol > col) {
		region.EndLine, region.EndColumn = endLine, c.utf16Col(file, endLine, endCol)
	}
	return sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base}, Region: region}
}
