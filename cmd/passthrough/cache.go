package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// The results cache keeps, per package, what the analyzers reported and
// the facts they exported, so that a run on a tree that did not change
// (or on the packages a change did not reach) replays them instead of
// loading the package's syntax and analyzing it. A package's key is made,
// as the go command makes its action IDs, of everything its analysis
// depends on: this binary, the configuration and the options that change
// what the analyzers see, the package's files (their contents; only the
// names of files in the module cache or GOROOT, which do not change under
// a version), and the keys of its imports. A change to a file therefore
// invalidates exactly its package and the packages that depend on it.
//
// A root held by the cache is replayed whole, without the checker: its
// findings come from its entry, and neither it nor its dependencies are
// type-checked unless a root analyzed in this run imports them (or the
// configuration names functions, which are looked up in the packages'
// types). A dependency held by the cache is replayed inside the checker:
// its facts are exported for its importers from its entry, its syntax
// never loaded (its declarations are type-checked).
//
// Only the packages whose analysis needs syntax are cached (the roots
// and the dependencies the analyzers look inside); the others are
// analyzed live, at no cost, as before. A package that has errors, or an
// analyzer that failed on it, is not stored.

// cacheFormat changes when what is stored, or how keys are made, does.
const cacheFormat = "passthrough results cache 1"

// cacheMaxAge is how long an entry no run used is kept.
const cacheMaxAge = 7 * 24 * time.Hour

// defaultCacheDir is where the cache lives unless -cache says otherwise:
// $PASSTHROUGH_CACHE, else passthrough under the user cache directory
// ("off" when there is none: no cache).
func defaultCacheDir() string {
	if dir := os.Getenv("PASSTHROUGH_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "off"
	}
	return filepath.Join(dir, "passthrough")
}

// resultsCache is the cache as one run uses it.
type resultsCache struct {
	dir  string
	salt [sha256.Size]byte
	// analyzers are those whose results are stored: the run's analyzers
	// and the analyzers with facts they require.
	analyzers []*analysis.Analyzer
	env       goEnv

	// replayRoots allows roots the cache holds to be replayed without
	// the checker, their packages not type-checked at all (the run needs
	// no types of them: the configuration names no functions).
	replayRoots bool

	// Set when the package graph is known (plan), then read.
	keys       map[*packages.Package]string
	hits       map[*packages.Package]*cacheEntry
	replayOnly map[*packages.Package]bool

	// Set once the packages are type-checked (bind), then read.
	byTypes map[*types.Package]*packageSlot

	// The run's files by name, for replayed positions; a file a replayed
	// position names that the run did not parse is added (fileFor).
	fset    *token.FileSet
	filesMu sync.Mutex
	files   map[string]*token.File
}

// packageSlot is what the run knows of one cacheable package: its key,
// the entry it replays (a hit), or the records it collects (a miss).
type packageSlot struct {
	key     string
	hit     *cacheEntry
	mu      sync.Mutex
	records map[string]*analyzerRecord
}

// cacheEntry is what is stored for a package: one record per analyzer.
type cacheEntry struct {
	Records map[string]*analyzerRecord
}

type analyzerRecord struct {
	Diagnostics  []cachedDiagnostic
	ObjectFacts  []cachedObjectFact
	PackageFacts []analysis.Fact
}

type cachedObjectFact struct {
	Path objectpath.Path
	Fact analysis.Fact
}

// cachedPos is a position as a file name and a byte offset (File "" for
// no position): token.Pos values do not survive the process.
type cachedPos struct {
	File   string
	Offset int
}

type cachedDiagnostic struct {
	Pos, End               cachedPos
	Category, Message, URL string
	Fixes                  []cachedFix
	Related                []cachedRelated
}

type cachedFix struct {
	Message string
	Edits   []cachedEdit
}

type cachedEdit struct {
	Pos, End cachedPos
	NewText  []byte
}

type cachedRelated struct {
	Pos, End cachedPos
	Message  string
}

// goEnv is what the go command says of the toolchain and the target:
// the standard library's files do not change under a release version,
// and the target decides the sizes of types.
type goEnv struct {
	Version, GOROOT, Target string
}

func readGoEnv() (goEnv, error) {
	out, err := exec.Command("go", "env", "GOVERSION", "GOROOT", "GOOS", "GOARCH").Output()
	if err != nil {
		return goEnv{}, err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 {
		return goEnv{}, fmt.Errorf("go env: unexpected output %q", out)
	}
	return goEnv{Version: strings.TrimSpace(lines[0]), GOROOT: filepath.Clean(strings.TrimSpace(lines[1])),
		Target: strings.TrimSpace(lines[2]) + "/" + strings.TrimSpace(lines[3])}, nil
}

// activeCache is the cache of the run in progress, for the analyzers'
// wrappers (installed once per analyzer, see wrapForCache); nil when the
// run has none.
var activeCache atomic.Pointer[resultsCache]

var (
	wrappedMu sync.Mutex
	wrapped   = map[*analysis.Analyzer]bool{}
	factTypes sync.Map // reflect.Type -> registered with gob
)

// newResultsCache prepares the cache in dir for a run of analyzers with
// the options and configuration of o; nil for -cache=off, and nil with
// the reason when it cannot be used (the run then goes without, and -v
// says why).
func newResultsCache(dir string, analyzers []*analysis.Analyzer, o *options) (*resultsCache, error) {
	if dir == "" || dir == "off" {
		return nil, nil
	}
	env, err := readGoEnv()
	if err != nil {
		return nil, err
	}
	self, err := executableHash()
	if err != nil {
		return nil, err
	}
	cfg, err := json.Marshal(o.cfg)
	if err != nil {
		return nil, err
	}
	c := &resultsCache{dir: dir, env: env}
	h := sha256.New()
	sarif := slices.ContainsFunc(o.outputs, func(out output) bool { return out.format == "sarif" })
	fmt.Fprintf(h, "%s\x00%x\x00%s\x00%s\x00%s\x00%s\x00", cacheFormat, self, env.Version, env.GOROOT, env.Target, cfg)
	fmt.Fprintf(h, "tests=%v tags=%q suppressed=%v unused=%v\x00", o.tests, o.tags, o.showSuppressed || sarif, o.unusedDirectives)
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer, top bool)
	visit = func(a *analysis.Analyzer, top bool) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r, false)
		}
		if top || len(a.FactTypes) > 0 {
			c.analyzers = append(c.analyzers, a)
			fmt.Fprintf(h, "analyzer %s\x00", a.Name)
		}
	}
	for _, a := range analyzers {
		visit(a, true)
	}
	h.Sum(c.salt[:0])
	for _, a := range c.analyzers {
		wrapForCache(a)
		for _, f := range a.FactTypes {
			if _, done := factTypes.LoadOrStore(reflect.TypeOf(f), true); !done {
				gob.Register(f)
			}
		}
	}
	return c, nil
}

// executableHash identifies this binary by its contents.
func executableHash() ([]byte, error) {
	path, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// plan computes the key of every package that needs syntax (needs says
// which) and reads the entries of those the cache holds. It returns what
// the loader asks: whether a package is served from the cache, and
// whether it is a root replayed whole (not type-checked at all, unless a
// package analyzed in this run imports it).
func (c *resultsCache) plan(roots []*packages.Package, needs func(*packages.Package) bool) (fromCache, replayOnly func(*packages.Package) bool) {
	c.keys = map[*packages.Package]string{}
	c.hits = map[*packages.Package]*cacheEntry{}
	c.replayOnly = map[*packages.Package]bool{}
	mainDirs := map[string]bool{}
	for _, p := range roots {
		if p.Module != nil && p.Module.Main {
			mainDirs[p.Module.Dir] = true
		}
	}
	memo := map[*packages.Package][]byte{}
	var key func(p *packages.Package) []byte
	key = func(p *packages.Package) []byte {
		if k, ok := memo[p]; ok {
			return k
		}
		memo[p] = nil // no cycles in a package graph; this only guards the walk
		h := sha256.New()
		h.Write(c.salt[:])
		fmt.Fprintf(h, "package %s %s %s\x00", p.ID, p.PkgPath, p.Name)
		ok := len(p.Errors) == 0
		for _, name := range p.CompiledGoFiles {
			fmt.Fprintf(h, "file %s\x00", name)
			if c.immutable(p, name, mainDirs) {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				ok = false
				break
			}
			sum := sha256.Sum256(data)
			h.Write(sum[:])
		}
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			k := key(p.Imports[path])
			if k == nil {
				ok = false
				break
			}
			fmt.Fprintf(h, "import %s %x\x00", path, k)
		}
		if !ok {
			return nil // nothing that depends on it is cached
		}
		memo[p] = h.Sum(nil)
		return memo[p]
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if !needs(p) || len(p.CompiledGoFiles) == 0 {
			return // nothing to analyze, nothing to keep
		}
		k := key(p)
		if k == nil {
			return
		}
		c.keys[p] = hex.EncodeToString(k)
		if e := c.read(c.keys[p]); e != nil && c.complete(e) {
			c.hits[p] = e
		}
	})
	for _, p := range roots {
		if c.replayRoots && c.hits[p] != nil {
			c.replayOnly[p] = true
		}
	}
	return func(p *packages.Package) bool { return c.hits[p] != nil },
		func(p *packages.Package) bool { return c.replayOnly[p] }
}

// immutable reports whether a file of p cannot change without its
// package's version changing: a file of the standard library of a
// release toolchain, or of a module version in the module cache (not a
// directory of the main modules, such as vendor).
func (c *resultsCache) immutable(p *packages.Package, name string, mainDirs map[string]bool) bool {
	name = filepath.Clean(name)
	if !strings.HasPrefix(c.env.Version, "devel") && strings.HasPrefix(name, filepath.Join(c.env.GOROOT, "src")+string(filepath.Separator)) {
		return true
	}
	m := p.Module
	if m == nil {
		return false
	}
	if m.Replace != nil {
		m = m.Replace
	}
	if m.Version == "" || m.Dir == "" || !strings.HasPrefix(name, filepath.Clean(m.Dir)+string(filepath.Separator)) {
		return false
	}
	for dir := range mainDirs {
		if strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator)) {
			return false
		}
	}
	return true
}

// complete reports whether an entry has a record for every analyzer of
// the run.
func (c *resultsCache) complete(e *cacheEntry) bool {
	for _, a := range c.analyzers {
		if e.Records[a.Name] == nil {
			return false
		}
	}
	return true
}

// bind maps the packages, now type-checked, to what the run knows of
// them, and makes the cache the run's.
func (c *resultsCache) bind(roots []*packages.Package) {
	c.byTypes = map[*types.Package]*packageSlot{}
	if len(roots) > 0 {
		c.fset = roots[0].Fset // the loader's, now set on every package it read
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		// A root replayed whole that another root imports was typed
		// too: its facts are replayed for that importer.
		if k, ok := c.keys[p]; ok && p.Types != nil && !p.IllTyped {
			c.byTypes[p.Types] = &packageSlot{key: k, hit: c.hits[p], records: map[string]*analyzerRecord{}}
		}
	})
	activeCache.Store(c)
}

// counts returns how many cacheable packages the run served from the
// cache and how many it analyzed.
func (c *resultsCache) counts() (hits, misses int) {
	for _, s := range c.byTypes {
		if s.hit != nil {
			hits++
		} else {
			misses++
		}
	}
	for p := range c.replayOnly {
		if p.Types == nil { // not among the above
			hits++
		}
	}
	return hits, misses
}

// fileFor returns the run's file called name, adding it to the file set
// when the run did not parse it (a replayed path can name a file of a
// dependency no package of this run needed).
func (c *resultsCache) fileFor(name string) *token.File {
	c.filesMu.Lock()
	defer c.filesMu.Unlock()
	if c.files == nil {
		c.files = map[string]*token.File{}
		c.fset.Iterate(func(f *token.File) bool {
			c.files[f.Name()] = f
			return true
		})
	}
	if f, ok := c.files[name]; ok {
		return f
	}
	data, err := os.ReadFile(name)
	if err != nil {
		c.files[name] = nil
		return nil
	}
	f := c.fset.AddFile(name, -1, len(data))
	f.SetLinesForContent(data)
	c.files[name] = f
	return f
}

// diagnostics are the diagnostics a replayed root's entry holds for the
// analyzer called name.
func (c *resultsCache) diagnostics(p *packages.Package, name string) ([]analysis.Diagnostic, error) {
	rec := c.hits[p].Records[name]
	if rec == nil {
		return nil, fmt.Errorf("results cache: %s: no record for %s (remove %s)", p.PkgPath, name, c.dir)
	}
	var out []analysis.Diagnostic
	for _, cd := range rec.Diagnostics {
		d, err := decodeDiagnostic(c.fileFor, cd)
		if err != nil {
			return nil, fmt.Errorf("results cache: %s: %w (remove %s)", p.PkgPath, err, c.dir)
		}
		out = append(out, d)
	}
	return out, nil
}

// wrapForCache makes a replay a package's cached results, or record
// them, when a run with a cache is in progress. It is installed once per
// analyzer: the analyzers with facts that the run's analyzers require
// are package variables, shared by every run of the process.
func wrapForCache(a *analysis.Analyzer) {
	wrappedMu.Lock()
	defer wrappedMu.Unlock()
	if wrapped[a] {
		return
	}
	wrapped[a] = true
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		c := activeCache.Load()
		if c == nil {
			return run(pass)
		}
		slot := c.byTypes[pass.Pkg]
		if slot == nil {
			return run(pass)
		}
		if slot.hit != nil {
			if err := replay(pass, slot.hit.Records[a.Name], c.fileFor); err != nil {
				return nil, fmt.Errorf("results cache: %w (remove %s)", err, c.dir)
			}
			if a.ResultType == nil {
				return nil, nil
			}
			return reflect.Zero(a.ResultType).Interface(), nil
		}
		rec := record(pass)
		result, err := run(pass)
		if err == nil {
			slot.mu.Lock()
			slot.records[a.Name] = rec
			slot.mu.Unlock()
		}
		return result, err
	}
}

// record makes the pass note what it reports and exports in a record.
func record(pass *analysis.Pass) *analyzerRecord {
	rec := new(analyzerRecord)
	report, exportObj, exportPkg := pass.Report, pass.ExportObjectFact, pass.ExportPackageFact
	var mu sync.Mutex
	pass.Report = func(d analysis.Diagnostic) {
		// Recorded as the driver keeps it: the checker puts the edits of
		// a fix in order, in place.
		report(d)
		mu.Lock()
		rec.Diagnostics = append(rec.Diagnostics, encodeDiagnostic(pass.Fset, d))
		mu.Unlock()
	}
	pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
		exportObj(obj, f)
		// Facts of objects without a path (local ones) cannot reach an
		// importer: the checker drops them too.
		if path, err := objectpath.For(obj); err == nil {
			mu.Lock()
			rec.ObjectFacts = append(rec.ObjectFacts, cachedObjectFact{Path: path, Fact: f})
			mu.Unlock()
		}
	}
	pass.ExportPackageFact = func(f analysis.Fact) {
		exportPkg(f)
		mu.Lock()
		rec.PackageFacts = append(rec.PackageFacts, f)
		mu.Unlock()
	}
	return rec
}

// replay reports and exports what a record holds.
// fileFor finds the run's files by name.
func replay(pass *analysis.Pass, rec *analyzerRecord, fileFor func(string) *token.File) error {
	if rec == nil {
		return fmt.Errorf("no record for %s", pass.Analyzer.Name)
	}
	for _, of := range rec.ObjectFacts {
		obj, err := objectpath.Object(pass.Pkg, of.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", pass.Pkg.Path(), err)
		}
		pass.ExportObjectFact(obj, of.Fact)
	}
	for _, f := range rec.PackageFacts {
		pass.ExportPackageFact(f)
	}
	for _, cd := range rec.Diagnostics {
		d, err := decodeDiagnostic(fileFor, cd)
		if err != nil {
			return fmt.Errorf("%s: %w", pass.Pkg.Path(), err)
		}
		pass.Report(d)
	}
	return nil
}

func encodePos(fset *token.FileSet, pos token.Pos) cachedPos {
	if !pos.IsValid() {
		return cachedPos{}
	}
	f := fset.File(pos)
	if f == nil {
		return cachedPos{}
	}
	return cachedPos{File: f.Name(), Offset: f.Offset(pos)}
}

func decodePos(fileFor func(string) *token.File, p cachedPos) (token.Pos, error) {
	if p.File == "" {
		return token.NoPos, nil
	}
	f := fileFor(p.File)
	if f == nil || p.Offset > f.Size() {
		return token.NoPos, fmt.Errorf("position %s:#%d is in no file of the run", p.File, p.Offset)
	}
	return f.Pos(p.Offset), nil
}

func encodeDiagnostic(fset *token.FileSet, d analysis.Diagnostic) cachedDiagnostic {
	cd := cachedDiagnostic{Pos: encodePos(fset, d.Pos), End: encodePos(fset, d.End),
		Category: d.Category, Message: d.Message, URL: d.URL}
	for _, fix := range d.SuggestedFixes {
		cf := cachedFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			cf.Edits = append(cf.Edits, cachedEdit{Pos: encodePos(fset, e.Pos), End: encodePos(fset, e.End), NewText: e.NewText})
		}
		cd.Fixes = append(cd.Fixes, cf)
	}
	for _, r := range d.Related {
		cd.Related = append(cd.Related, cachedRelated{Pos: encodePos(fset, r.Pos), End: encodePos(fset, r.End), Message: r.Message})
	}
	return cd
}

func decodeDiagnostic(fileFor func(string) *token.File, cd cachedDiagnostic) (analysis.Diagnostic, error) {
	var errs []error
	pos := func(p cachedPos) token.Pos {
		v, err := decodePos(fileFor, p)
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	d := analysis.Diagnostic{Pos: pos(cd.Pos), End: pos(cd.End), Category: cd.Category, Message: cd.Message, URL: cd.URL}
	for _, cf := range cd.Fixes {
		fix := analysis.SuggestedFix{Message: cf.Message}
		for _, e := range cf.Edits {
			fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: pos(e.Pos), End: pos(e.End), NewText: e.NewText})
		}
		d.SuggestedFixes = append(d.SuggestedFixes, fix)
	}
	for _, r := range cd.Related {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(r.Pos), End: pos(r.End), Message: r.Message})
	}
	if len(errs) > 0 {
		return d, errs[0]
	}
	return d, nil
}

// store writes the entries of the packages analyzed in this run whose
// every analyzer completed, then forgets the run.
func (c *resultsCache) store() {
	activeCache.CompareAndSwap(c, nil)
	for _, slot := range c.byTypes {
		if slot.hit != nil {
			continue
		}
		e := &cacheEntry{Records: slot.records}
		if !c.complete(e) {
			continue
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(e); err != nil {
			continue
		}
		_ = c.write(slot.key, buf.Bytes())
	}
	c.trim()
}

// path is where the entry of key is kept.
func (c *resultsCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".gob")
}

// read returns the entry of key, or nil. Reading it marks it used.
func (c *resultsCache) read(key string) *cacheEntry {
	path := c.path(key)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	e := new(cacheEntry)
	if gob.NewDecoder(bytes.NewReader(data)).Decode(e) != nil {
		return nil
	}
	now := time.Now()
	_ = os.Chtimes(path, now, now)
	return e
}

// write stores data as key's entry: written aside and renamed, so that a
// concurrent run reads a whole entry or none.
func (c *resultsCache) write(key string, data []byte) error {
	path := c.path(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), key+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// trim removes, at most once a day, the entries no run used for
// cacheMaxAge (and temporary files a crashed run left).
func (c *resultsCache) trim() {
	marker := filepath.Join(c.dir, "trimmed")
	if fi, err := os.Stat(marker); err == nil && time.Since(fi.ModTime()) < 24*time.Hour {
		return
	}
	_ = os.WriteFile(marker, nil, 0o644)
	cutoff := time.Now().Add(-cacheMaxAge)
	_ = filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil //nolint:nilerr // an unreadable entry is skipped, not a reason to stop trimming
		}
		if d.IsDir() || path == marker {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().Before(cutoff) {
			_ = os.Remove(path)
		}
		return nil
	})
}
