// Package config reads the passthrough configuration: one schema for the
// command's YAML file (.passthrough.yml) and the golangci-lint plugin's
// settings. A bad configuration is an error that names the file, the line
// and the key; it never silently falls back to defaults.
package config

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file the command reads from the module
// root when -config is not given.
const FileName = ".passthrough.yml"

// Config is the configuration schema.
type Config struct {
	// Headers are extra credential header names, such as X-Api-Key.
	Headers []string `yaml:"headers" json:"headers"`
	// Sources are functions whose result is an inbound credential.
	Sources []Source `yaml:"sources" json:"sources"`
	// Sinks are functions whose argument becomes an upstream credential.
	Sinks []Sink `yaml:"sinks" json:"sinks"`
	// AudienceValidators are functions that check a token's audience.
	AudienceValidators []Validator `yaml:"audience-validators" json:"audience-validators"`
	// Disable lists analyzers not to run.
	Disable []string `yaml:"disable" json:"disable"`
}

// Source is a function whose result Result (0-based) is an inbound credential.
type Source struct {
	Function string `yaml:"function" json:"function"`
	Result   int    `yaml:"result" json:"result"`
}

// Sink is a function whose argument Argument (0-based, not counting a
// method's receiver) is sent upstream as a credential.
type Sink struct {
	Function string `yaml:"function" json:"function"`
	Argument int    `yaml:"argument" json:"argument"`
}

// Validator is a function that checks a token's audience.
type Validator struct {
	Function string `yaml:"function" json:"function"`
}

// Load reads a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes and checks a configuration; name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return new(Config), nil // an empty file is the default configuration
		}
		return nil, fmt.Errorf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c := new(Config)
	if len(root.Content) == 0 {
		return c, nil
	}
	if err := decode(name, root.Content[0], c); err != nil {
		return nil, err
	}
	return c, nil
}

// A schemaError locates a problem in the file.
func schemaError(name string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...))
}

// decode walks the document itself, rather than letting the YAML library
// fill the struct, so that every error can name the key and its line.
func decode(name string, n *yaml.Node, c *Config) error {
	if n.Kind != yaml.MappingNode {
		return schemaError(name, n, "the configuration must be a mapping of keys (headers, sources, sinks, audience-validators, disable)")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		var err error
		switch key.Value {
		case "headers":
			c.Headers, err = stringList(name, key.Value, val)
			for _, h := range c.Headers {
				if !validHeader.MatchString(h) {
					return schemaError(name, val, "headers: %q is not a valid header name", h)
				}
			}
		case "disable":
			c.Disable, err = stringList(name, key.Value, val)
		case "sources":
			err = funcIndexEntries(name, key.Value, "result", val, func(fn string, i int) {
				c.Sources = append(c.Sources, Source{Function: fn, Result: i})
			})
		case "sinks":
			err = funcIndexEntries(name, key.Value, "argument", val, func(fn string, i int) {
				c.Sinks = append(c.Sinks, Sink{Function: fn, Argument: i})
			})
		case "audience-validators":
			err = eachMapping(name, key.Value, val, []string{"function"}, func(m map[string]*yaml.Node, at *yaml.Node) error {
				f, err := function(name, key.Value, m, at)
				if err == nil {
					c.AudienceValidators = append(c.AudienceValidators, Validator{Function: f})
				}
				return err
			})
		default:
			return schemaError(name, key, "unknown key %q (known: headers, sources, sinks, audience-validators, disable)", key.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

var validHeader = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

func stringList(name, key string, n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, schemaError(name, n, "%s: want a list of strings", key)
	}
	var out []string
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode || e.Tag != "!!str" {
			return nil, schemaError(name, e, "%s: want a string, not %s", key, describe(e))
		}
		out = append(out, e.Value)
	}
	return out, nil
}

// funcIndexEntries decodes a list of entries with a function and an
// index (sources: result, sinks: argument).
func funcIndexEntries(name, key, indexKey string, n *yaml.Node, add func(fn string, i int)) error {
	return eachMapping(name, key, n, []string{"function", indexKey}, func(m map[string]*yaml.Node, at *yaml.Node) error {
		fn, err := function(name, key, m, at)
		if err != nil {
			return err
		}
		i, err := index(name, key+"."+indexKey, m[indexKey])
		if err != nil {
			return err
		}
		add(fn, i)
		return nil
	})
}

func eachMapping(name, key string, n *yaml.Node, fields []string, f func(map[string]*yaml.Node, *yaml.Node) error) error {
	if n.Kind != yaml.SequenceNode {
		return schemaError(name, n, "%s: want a list of entries with %s", key, strings.Join(fields, ", "))
	}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return schemaError(name, e, "%s: want an entry with %s, not %s", key, strings.Join(fields, ", "), describe(e))
		}
		m := map[string]*yaml.Node{}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k := e.Content[i]
			if !slices.Contains(fields, k.Value) {
				return schemaError(name, k, "%s: unknown key %q (known: %s)", key, k.Value, strings.Join(fields, ", "))
			}
			m[k.Value] = e.Content[i+1]
		}
		if err := f(m, e); err != nil {
			return err
		}
	}
	return nil
}

// funcSyntax accepts pkg/path.Func, (pkg/path.Type).Method and
// (*pkg/path.Type).Method, as types.Func.FullName spells them.
var funcSyntax = regexp.MustCompile(`^(?:[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*|\(\*?[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*\)\.[\pL_][\pL\pN_]*)$`)

// ValidFunction reports whether s names a function as the schema requires.
func ValidFunction(s string) bool { return funcSyntax.MatchString(s) }

func function(name, key string, m map[string]*yaml.Node, at *yaml.Node) (string, error) {
	n, ok := m["function"]
	if !ok {
		return "", schemaError(name, at, "%s: missing key \"function\"", key)
	}
	if n.Kind != yaml.ScalarNode || !ValidFunction(n.Value) {
		return "", schemaError(name, n, "%s.function: %q is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", key, n.Value)
	}
	return n.Value, nil
}

func index(name, key string, n *yaml.Node) (int, error) {
	if n == nil {
		return 0, nil
	}
	i, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || i < 0 {
		return 0, schemaError(name, n, "%s: want a non-negative integer, not %s", key, describe(n))
	}
	return i, nil
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return strconv.Quote(n.Value)
}

// CheckAnalyzers reports a name in Disable that is not an analyzer.
func (c *Config) CheckAnalyzers(known []string) error {
	for _, d := range c.Disable {
		if !slices.Contains(known, d) {
			return fmt.Errorf("disable: unknown analyzer %q (known: %s)", d, strings.Join(known, ", "))
		}
	}
	return nil
}

// ParseFuncIndex parses the "function:index" form of a source or sink flag.
func ParseFuncIndex(s string) (string, int, error) {
	fn, idx, ok := strings.Cut(s, ":")
	if !ok {
		fn, idx = s, "0"
	}
	if !ValidFunction(fn) {
		return "", 0, fmt.Errorf("%q is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", fn)
	}
	i, err := strconv.Atoi(idx)
	if err != nil || i < 0 {
		return "", 0, fmt.Errorf("%q: the index after ':' must be a non-negative integer", s)
	}
	return fn, i, nil
}

// The flag values below write into a Config: the analyzers define their
// flags with them (for go vet users, and for the command's -tokenforward.*
// flags), so a flag and a configuration key are one setting. Each takes a
// comma-separated list, may be repeated (the lists add up), and resets
// its list when given an empty value. Values are validated as the file's.

// HeadersFlag is a flag.Value for Headers.
func HeadersFlag(list *[]string) flag.Value {
	return &listFlag[string]{list: list, parse: func(s string) (string, error) {
		if !validHeader.MatchString(s) {
			return "", fmt.Errorf("%q is not a valid header name", s)
		}
		return s, nil
	}, format: func(s string) string { return s }}
}

// SourcesFlag is a flag.Value for Sources, as "pkg/path.Func:result".
func SourcesFlag(list *[]Source) flag.Value {
	return &listFlag[Source]{list: list, parse: func(s string) (Source, error) {
		fn, i, err := ParseFuncIndex(s)
		return Source{Function: fn, Result: i}, err
	}, format: func(s Source) string { return fmt.Sprintf("%s:%d", s.Function, s.Result) }}
}

// SinksFlag is a flag.Value for Sinks, as "pkg/path.Func:argument".
func SinksFlag(list *[]Sink) flag.Value {
	return &listFlag[Sink]{list: list, parse: func(s string) (Sink, error) {
		fn, i, err := ParseFuncIndex(s)
		return Sink{Function: fn, Argument: i}, err
	}, format: func(s Sink) string { return fmt.Sprintf("%s:%d", s.Function, s.Argument) }}
}

// ValidatorsFlag is a flag.Value for AudienceValidators, as "pkg/path.Func".
func ValidatorsFlag(list *[]Validator) flag.Value {
	return &listFlag[Validator]{list: list, parse: func(s string) (Validator, error) {
		if !ValidFunction(s) {
			return Validator{}, fmt.Errorf("%q is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", s)
		}
		return Validator{Function: s}, nil
	}, format: func(v Validator) string { return v.Function }}
}

type listFlag[T any] struct {
	list   *[]T
	parse  func(string) (T, error)
	format func(T) string
}

func (l *listFlag[T]) String() string {
	if l.list == nil {
		return ""
	}
	parts := make([]string, len(*l.list))
	for i, v := range *l.list {
		parts[i] = l.format(v)
	}
	return strings.Join(parts, ",")
}

func (l *listFlag[T]) Set(s string) error {
	if s == "" {
		*l.list = nil
		return nil
	}
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		v, err := l.parse(item)
		if err != nil {
			return err
		}
		*l.list = append(*l.list, v)
	}
	return nil
}

// Merge adds the settings of o (the command's flags) to c (the file's):
// lists add up.
func (c *Config) Merge(o *Config) {
	c.Headers = append(c.Headers, o.Headers...)
	c.Sources = append(c.Sources, o.Sources...)
	c.Sinks = append(c.Sinks, o.Sinks...)
	c.AudienceValidators = append(c.AudienceValidators, o.AudienceValidators...)
	c.Disable = append(c.Disable, o.Disable...)
}

// Validate checks a configuration that did not come from a file (the
// golangci-lint plugin's settings), with the rules Parse applies.
func (c *Config) Validate() error {
	for _, h := range c.Headers {
		if !validHeader.MatchString(h) {
			return fmt.Errorf("headers: %q is not a valid header name", h)
		}
	}
	for _, s := range c.Sources {
		if !ValidFunction(s.Function) {
			return fmt.Errorf("sources.function: %q is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", s.Function)
		}
		if s.Result < 0 {
			return fmt.Errorf("sources.result: want a non-negative integer, not %d", s.Result)
		}
	}
	for _, s := range c.Sinks {
		if !ValidFunction(s.Function) {
			return fmt.Errorf("sinks.function: %q is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", s.Function)
		}
		if s.Argument < 0 {
			return fmt.Errorf("sinks.argument: want a non-negative integer, not %d", s.Argument)
		}
	}
	for _, v := range c.AudienceValidators {
		if !ValidFunction(v.Function) {
			return fmt.Errorf("audience-validators.function: %q is not a function", v.Function)
		}
	}
	return nil
}
