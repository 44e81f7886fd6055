package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The drivers that cannot be told which configuration to use (go vet
// runs one process per package with the analyzers' own flags; one gopls
// process serves every workspace) find it the way the command does: the
// .passthrough.yml at the module root of the package analyzed. Settings
// given by flags are added to the file's, as the command adds its flags
// to its file; a driver that was given a configuration (the command, the
// golangci-lint plugin) does not look for one.

// ForPackage returns the configuration of the package whose file is
// filename: c itself unless c.FromModule is set; then the configuration
// file at the package's module root, with c's settings added, or c when
// the module has none. A file is read again when it changes (a
// long-running gopls); each version of it is parsed once per c.
func (c *Config) ForPackage(filename string) (*Config, error) {
	if !c.FromModule || filename == "" {
		return c, nil
	}
	root := moduleRootOf(filepath.Dir(filename))
	if root == "" {
		return c, nil
	}
	path := filepath.Join(root, FileName)
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	key := discovered{base: c, path: path, mod: info.ModTime(), size: info.Size()}
	if v, ok := discoveredConfigs.Load(key); ok {
		r := v.(discoveredConfig)
		return r.cfg, r.err
	}
	file, err := Load(path)
	var r discoveredConfig
	switch {
	case err != nil:
		r.err = err
	default:
		if err := file.CheckAnalyzers(AnalyzerNames); err != nil {
			r.err = fmt.Errorf("%s: %w", path, err)
			break
		}
		file.Merge(c)
		file.FromModule = false
		r.cfg = file
	}
	v, _ := discoveredConfigs.LoadOrStore(key, r)
	r = v.(discoveredConfig)
	return r.cfg, r.err
}

// AnalyzerNames are the names of the suite's analyzers, as directives,
// flags and the disable list use them (package suite builds them in this
// order).
var AnalyzerNames = []string{"tokenforward", "headerforward", "audience", "resource"}

type discovered struct {
	base *Config
	path string
	mod  time.Time
	size int64
}

type discoveredConfig struct {
	cfg *Config
	err error
}

var (
	discoveredConfigs sync.Map // discovered -> discoveredConfig
	moduleRoots       sync.Map // directory -> module root ("" when none)
)

// moduleRootOf returns the nearest directory at or above dir that holds
// a go.mod, or "".
func moduleRootOf(dir string) string {
	if v, ok := moduleRoots.Load(dir); ok {
		return v.(string)
	}
	root := ""
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		root = dir
	} else if parent := filepath.Dir(dir); parent != dir {
		root = moduleRootOf(parent)
	}
	moduleRoots.Store(dir, root)
	return root
}
