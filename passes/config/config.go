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
	// Headers are extra credential header names, such as X-Custom-Auth.
	Headers []string `yaml:"headers,omitempty" json:"headers,omitempty"`
	// DefaultHeaders switches the default list of API-key and token
	// header names (X-Api-Key, *-Token, ...) on or off; unset means on.
	DefaultHeaders *bool `yaml:"default-headers,omitempty" json:"default-headers,omitempty"`
	// Sources are functions whose result is an inbound credential.
	Sources []Source `yaml:"sources,omitempty" json:"sources,omitempty"`
	// Sinks are functions whose argument becomes an upstream credential.
	Sinks []Sink `yaml:"sinks,omitempty" json:"sinks,omitempty"`
	// FieldSinks are library fields that become an upstream credential.
	FieldSinks []FieldSink `yaml:"field-sinks,omitempty" json:"field-sinks,omitempty"`
	// Inbound and Outbound are functions that return a received or a
	// sent request or header set (a framework's c.Request()).
	Inbound  []Request `yaml:"inbound,omitempty" json:"inbound,omitempty"`
	Outbound []Request `yaml:"outbound,omitempty" json:"outbound,omitempty"`
	// Accessors return the request or header set of their receiver,
	// received or sent as the receiver is (connect.Request.Header).
	Accessors []Request `yaml:"accessors,omitempty" json:"accessors,omitempty"`
	// RequestTypes are library types whose values are requests or header
	// sets (fasthttp.Request), or received ones (fasthttp.RequestCtx).
	RequestTypes []RequestType `yaml:"request-types,omitempty" json:"request-types,omitempty"`
	// Handlers are functions that register a callback the library calls
	// with a received request (connect.NewUnaryHandler).
	Handlers []Handler `yaml:"handlers,omitempty" json:"handlers,omitempty"`
	// Stores are request-scoped stores (gin's c.Set and c.Get).
	Stores []Store `yaml:"stores,omitempty" json:"stores,omitempty"`
	// HeaderSinks and Proxies forward whole header sets and requests.
	HeaderSinks []HeaderSink `yaml:"header-sinks,omitempty" json:"header-sinks,omitempty"`
	// HeaderCopies copy their receiver's header set into argument
	// Argument; HeaderVisitors call the callback in argument Argument
	// with each name and value of their receiver's header set.
	HeaderCopies   []HeaderSink `yaml:"header-copies,omitempty" json:"header-copies,omitempty"`
	HeaderVisitors []HeaderSink `yaml:"header-visitors,omitempty" json:"header-visitors,omitempty"`
	Proxies        []Proxy      `yaml:"proxies,omitempty" json:"proxies,omitempty"`
	// AudienceValidators are functions that check a token's audience.
	AudienceValidators []Validator `yaml:"audience-validators,omitempty" json:"audience-validators,omitempty"`
	// OAuthFlows are calls that obtain a token in an OAuth flow, and
	// MCPTransports are where a token, token source or HTTP client
	// configures an MCP client transport (the resource analyzer).
	OAuthFlows    []OAuthFlow    `yaml:"oauth-flows,omitempty" json:"oauth-flows,omitempty"`
	MCPTransports []MCPTransport `yaml:"mcp-transports,omitempty" json:"mcp-transports,omitempty"`
	// Disable lists analyzers not to run.
	Disable []string `yaml:"disable,omitempty" json:"disable,omitempty"`

	// FromModule makes each package's configuration the file at its
	// module root with these settings added (ForPackage): for go vet and
	// gopls, which cannot be given a file.
	FromModule bool `yaml:"-" json:"-"`
}

// Source is a function whose result Result (0-based) is an inbound
// credential. With Header set, only when argument *Header (0-based, not
// counting a method's receiver) names a credential header (a framework's
// c.GetHeader(name)); with Receiver "inbound", only when the receiver is
// an inbound request or header set.
type Source struct {
	Function string `yaml:"function" json:"function"`
	Result   int    `yaml:"result" json:"result"`
	Header   *int   `yaml:"header,omitempty" json:"header,omitempty"`
	Receiver string `yaml:"receiver,omitempty" json:"receiver,omitempty"`
	// Library is set for the entries of a built-in model: they describe
	// the library to its callers, and do not apply inside it.
	Library string `yaml:"-" json:"-"`
}

// Sink is a function whose argument Argument (0-based, not counting a
// method's receiver) is sent upstream as a credential. With Header set,
// only when argument *Header names a credential header (a client's
// SetHeader(name, value)); with Receiver "outbound", only when the
// receiver is a request or header set the program sends.
type Sink struct {
	Function string `yaml:"function" json:"function"`
	Argument int    `yaml:"argument" json:"argument"`
	Header   *int   `yaml:"header,omitempty" json:"header,omitempty"`
	Receiver string `yaml:"receiver,omitempty" json:"receiver,omitempty"`
	Library  string `yaml:"-" json:"-"` // as Source.Library
}

// FieldSink is a struct field that a library sends upstream as the
// bearer credential of its client ("pkg/path.Type.Field").
type FieldSink struct {
	Field   string `yaml:"field" json:"field"`
	Library string `yaml:"-" json:"-"` // as Source.Library
}

// Request is a function whose result Result is the request a program
// received (Inbound) or sends, or its header set (Is "headers").
type Request struct {
	Function string `yaml:"function" json:"function"`
	Result   int    `yaml:"result" json:"result"`
	Is       string `yaml:"is" json:"is"` // request or headers
}

// RequestType is a library type ("pkg/path.Type") whose values are
// requests or header sets (Is); with Inbound set, only received ones: a
// parameter of that type is a received request.
type RequestType struct {
	Type    string `yaml:"type" json:"type"`
	Is      string `yaml:"is" json:"is"`
	Inbound bool   `yaml:"inbound,omitempty" json:"inbound,omitempty"`
}

// Handler is a function whose argument Argument is a callback that the
// library calls with a received request or header set (Is) as its
// parameter Param (both 0-based, receivers not counted).
type Handler struct {
	Function string `yaml:"function" json:"function"`
	Argument int    `yaml:"argument" json:"argument"`
	Param    int    `yaml:"param" json:"param"`
	Is       string `yaml:"is" json:"is"`
}

// Store is a framework's request-scoped store: Set keeps argument Value
// under the constant key in argument Key; each of Get returns, as its
// result 0, what was kept under the key in its argument Key.
type Store struct {
	Set   string   `yaml:"set" json:"set"`
	Get   []string `yaml:"get" json:"get"`
	Key   int      `yaml:"key" json:"key"`
	Value int      `yaml:"value" json:"value"`
}

// HeaderSink is a function whose argument Argument is a header set sent
// upstream whole (headerforward).
type HeaderSink struct {
	Function string `yaml:"function" json:"function"`
	Argument int    `yaml:"argument" json:"argument"`
}

// Proxy is a function that forwards the request it is called for, with
// all its headers, to an upstream (headerforward).
type Proxy struct {
	Function string `yaml:"function" json:"function"`
}

// OAuthFlow is a call that obtains a token in an OAuth flow: result
// Result is the token (or a token source, or a client that uses one).
// With Options set, argument *Options (0-based, the receiver not counted)
// is the variadic list of oauth2.AuthCodeOption values that may carry
// the RFC 8707 resource parameter; without it, the flow never sends one
// and every token it gives is unbound.
type OAuthFlow struct {
	Function string `yaml:"function" json:"function"`
	Result   int    `yaml:"result" json:"result"`
	Options  *int   `yaml:"options,omitempty" json:"options,omitempty"`
	Library  string `yaml:"-" json:"-"` // as Source.Library
}

// MCPTransport is where a token, token source or HTTP client configures
// an MCP client transport: argument Argument of Function, or a store into
// Field (pkg/path.Type.Field). One of Function and Field is set.
type MCPTransport struct {
	Function string `yaml:"function,omitempty" json:"function,omitempty"`
	Argument int    `yaml:"argument,omitempty" json:"argument,omitempty"`
	Field    string `yaml:"field,omitempty" json:"field,omitempty"`
	Library  string `yaml:"-" json:"-"` // as Source.Library
}

// Validator is a function that checks a token's audience.
type Validator struct {
	Function string `yaml:"function" json:"function"`
}

// Load reads a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
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
	if err := oneDocument(name, dec); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return c, nil
	}
	if err := decode(name, root.Content[0], c, nil); err != nil {
		return nil, err
	}
	return c, nil
}

// oneDocument rejects what follows the first document: a second one
// (after ---, or a line less indented than an indented first key, which
// YAML reads as a new document) would otherwise be ignored in silence.
func oneDocument(name string, dec *yaml.Decoder) error {
	var next yaml.Node
	err := dec.Decode(&next)
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: text after the first mapping that is not YAML (%v): is the first line indented?", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	at := &next
	if len(next.Content) > 0 {
		at = next.Content[0]
	}
	return schemaError(name, at, "a second YAML document: the configuration is one mapping (is the first line indented, or is there a ---?)")
}

// Model is a library model file: what the analyzers know about one
// library, in the configuration's schema, with the library's module path
// and the version the model was checked against.
type Model struct {
	Library string
	Version string
	Config
}

// ParseModel decodes and checks a model file; name is used in errors.
func ParseModel(name string, data []byte) (*Model, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	m := new(Model)
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty model file", name)
	}
	if err := decode(name, root.Content[0], &m.Config, m); err != nil {
		return nil, err
	}
	if m.Library == "" || m.Version == "" {
		return nil, fmt.Errorf("%s: a model file names its library and the version it was checked against (keys library, version)", name)
	}
	for i := range m.Sources {
		m.Sources[i].Library = m.Library
	}
	for i := range m.Sinks {
		m.Sinks[i].Library = m.Library
	}
	for i := range m.FieldSinks {
		m.FieldSinks[i].Library = m.Library
	}
	for i := range m.OAuthFlows {
		m.OAuthFlows[i].Library = m.Library
	}
	for i := range m.MCPTransports {
		m.MCPTransports[i].Library = m.Library
	}
	return m, nil
}

// A schemaError locates a problem in the file.
func schemaError(name string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...))
}

// keys are the configuration's keys, for errors.
const keys = "headers, default-headers, sources, sinks, field-sinks, inbound, outbound, accessors, request-types, handlers, stores, header-sinks, header-copies, header-visitors, proxies, audience-validators, oauth-flows, mcp-transports, disable"

// decode walks the document itself, rather than letting the YAML library
// fill the struct, so that every error can name the key and its line.
// A model file (model set) also has library and version, and nothing
// that configures the run (headers, default-headers, disable).
func decode(name string, n *yaml.Node, c *Config, m *Model) error {
	if n.Kind != yaml.MappingNode {
		return schemaError(name, n, "the configuration must be a mapping of keys (%s)", keys)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if seen[key.Value] {
			return schemaError(name, key, "%q is given twice", key.Value)
		}
		seen[key.Value] = true
		var err error
		switch key.Value {
		case "library", "version":
			if m == nil {
				return schemaError(name, key, "unknown key %q (known: %s): it belongs in a model file", key.Value, keys)
			}
			if val.Kind != yaml.ScalarNode || val.Value == "" {
				return schemaError(name, val, "%s: want a string", key.Value)
			}
			if key.Value == "library" {
				m.Library = val.Value
			} else {
				m.Version = val.Value
			}
			continue
		case "headers", "default-headers", "disable":
			if m != nil {
				return schemaError(name, key, "%q configures a run: it does not belong in a model file", key.Value)
			}
		}
		switch key.Value {
		case "headers":
			c.Headers, err = stringList(name, key.Value, val)
			for _, h := range c.Headers {
				if !validHeader.MatchString(h) {
					return schemaError(name, val, "headers: %q is not a valid header name", h)
				}
			}
		case "default-headers":
			var on bool
			if val.Kind != yaml.ScalarNode || val.Tag != "!!bool" || val.Decode(&on) != nil {
				return schemaError(name, val, "default-headers: want true or false, not %s", describe(val))
			}
			c.DefaultHeaders = &on
		case "disable":
			c.Disable, err = stringList(name, key.Value, val)
		case "sources":
			err = eachEntry(name, key.Value, val, []string{"function", "result", "header", "receiver"}, func(e *entry) {
				c.Sources = append(c.Sources, Source{Function: e.function("function"), Result: e.index("result"),
					Header: e.optIndex("header"), Receiver: e.oneOf("receiver", false, "inbound")})
			})
		case "sinks":
			err = eachEntry(name, key.Value, val, []string{"function", "argument", "header", "receiver"}, func(e *entry) {
				c.Sinks = append(c.Sinks, Sink{Function: e.function("function"), Argument: e.requiredIndex("argument"),
					Header: e.optIndex("header"), Receiver: e.oneOf("receiver", false, "outbound")})
			})
		case "field-sinks":
			err = eachEntry(name, key.Value, val, []string{"field"}, func(e *entry) {
				c.FieldSinks = append(c.FieldSinks, FieldSink{Field: e.field("field")})
			})
		case "request-types":
			err = eachEntry(name, key.Value, val, []string{"type", "is", "inbound"}, func(e *entry) {
				c.RequestTypes = append(c.RequestTypes, RequestType{Type: e.typeName("type"), Is: e.oneOf("is", true, "request", "headers"), Inbound: e.flag("inbound")})
			})
		case "handlers":
			err = eachEntry(name, key.Value, val, []string{"function", "argument", "param", "is"}, func(e *entry) {
				c.Handlers = append(c.Handlers, Handler{Function: e.function("function"), Argument: e.index("argument"), Param: e.index("param"), Is: e.oneOf("is", true, "request", "headers")})
			})
		case "inbound", "outbound", "accessors":
			list := &c.Inbound
			switch key.Value {
			case "outbound":
				list = &c.Outbound
			case "accessors":
				list = &c.Accessors
			}
			err = eachEntry(name, key.Value, val, []string{"function", "result", "is"}, func(e *entry) {
				*list = append(*list, Request{Function: e.function("function"), Result: e.index("result"), Is: e.oneOf("is", true, "request", "headers")})
			})
		case "stores":
			err = eachEntry(name, key.Value, val, []string{"set", "get", "key", "value"}, func(e *entry) {
				st := Store{Set: e.function("set"), Get: e.functions("get"), Key: e.index("key"), Value: e.index("value")}
				if e.m["value"] == nil {
					st.Value = 1
				}
				c.Stores = append(c.Stores, st)
			})
		case "header-sinks", "header-copies", "header-visitors":
			list := map[string]*[]HeaderSink{"header-sinks": &c.HeaderSinks, "header-copies": &c.HeaderCopies, "header-visitors": &c.HeaderVisitors}[key.Value]
			err = eachEntry(name, key.Value, val, []string{"function", "argument"}, func(e *entry) {
				*list = append(*list, HeaderSink{Function: e.function("function"), Argument: e.index("argument")})
			})
		case "proxies":
			err = eachEntry(name, key.Value, val, []string{"function"}, func(e *entry) {
				c.Proxies = append(c.Proxies, Proxy{Function: e.function("function")})
			})
		case "audience-validators":
			err = eachEntry(name, key.Value, val, []string{"function"}, func(e *entry) {
				c.AudienceValidators = append(c.AudienceValidators, Validator{Function: e.function("function")})
			})
		case "oauth-flows":
			err = eachEntry(name, key.Value, val, []string{"function", "result", "options"}, func(e *entry) {
				c.OAuthFlows = append(c.OAuthFlows, OAuthFlow{Function: e.function("function"), Result: e.index("result"), Options: e.optIndex("options")})
			})
		case "mcp-transports":
			err = eachEntry(name, key.Value, val, []string{"function", "argument", "field"}, func(e *entry) {
				t := MCPTransport{}
				switch _, fn := e.m["function"]; {
				case fn && e.m["field"] != nil:
					e.fail(e.m["field"], "mcp-transports: give function and argument, or field, not both")
				case fn:
					t.Function, t.Argument = e.function("function"), e.index("argument")
				default:
					if e.m["argument"] != nil {
						e.fail(e.m["argument"], "mcp-transports: argument goes with function")
					}
					t.Field = e.field("field")
				}
				c.MCPTransports = append(c.MCPTransports, t)
			})
		default:
			return schemaError(name, key, "unknown key %q (known: %s)", key.Value, keys)
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

// An entry is one mapping of a list (a source, a sink...) being decoded;
// its methods read keys and keep the first error.
type entry struct {
	file, key string
	m         map[string]*yaml.Node
	at        *yaml.Node
	err       error
}

func (e *entry) fail(n *yaml.Node, format string, args ...any) {
	if e.err == nil {
		if n == nil {
			n = e.at
		}
		e.err = schemaError(e.file, n, "%s", fmt.Sprintf(format, args...))
	}
}

// function reads a required function name.
func (e *entry) function(k string) string {
	return e.name(k, ValidFunction, "a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method")
}

// name reads a required scalar that valid accepts; want says what it must
// be, for the error.
func (e *entry) name(k string, valid func(string) bool, want string) string {
	n, ok := e.m[k]
	if !ok {
		e.fail(nil, "%s: missing key %q", e.key, k)
		return ""
	}
	if n.Kind != yaml.ScalarNode || !valid(n.Value) {
		e.fail(n, "%s.%s: %s is not %s", e.key, k, describe(n), want)
	}
	return n.Value
}

// functions reads a function name or a list of them.
func (e *entry) functions(k string) []string {
	n, ok := e.m[k]
	if !ok {
		e.fail(nil, "%s: missing key %q", e.key, k)
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []string
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || !ValidFunction(it.Value) {
			e.fail(it, "%s.%s: %s is not a function: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method", e.key, k, describe(it))
		}
		out = append(out, it.Value)
	}
	return out
}

// field reads a field name, pkg/path.Type.Field.
func (e *entry) field(k string) string {
	return e.name(k, ValidField, "a field: want pkg/path.Type.Field")
}

// typeName reads a type name, pkg/path.Type.
func (e *entry) typeName(k string) string {
	return e.name(k, typeSyntax.MatchString, "a type: want pkg/path.Type")
}

// flag reads an optional boolean.
func (e *entry) flag(k string) bool {
	n, ok := e.m[k]
	if !ok {
		return false
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		e.fail(n, "%s.%s: want true or false, not %s", e.key, k, describe(n))
	}
	return b
}

// index reads an optional non-negative integer (0 when absent).
func (e *entry) index(k string) int {
	if p := e.optIndex(k); p != nil {
		return *p
	}
	return 0
}

// requiredIndex is index for a key that must be given: a sink's
// argument has no default that could be right for every function.
func (e *entry) requiredIndex(k string) int {
	if _, ok := e.m[k]; !ok {
		e.fail(nil, "%s: %s is required", e.key, k)
		return 0
	}
	return e.index(k)
}

func (e *entry) optIndex(k string) *int {
	n, ok := e.m[k]
	if !ok {
		return nil
	}
	i, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || i < 0 {
		e.fail(n, "%s.%s: want a non-negative integer, not %s", e.key, k, describe(n))
		return nil
	}
	return &i
}

// oneOf reads a string that must be one of values.
func (e *entry) oneOf(k string, required bool, values ...string) string {
	n, ok := e.m[k]
	if !ok {
		if required {
			e.fail(nil, "%s: missing key %q (%s)", e.key, k, strings.Join(values, " or "))
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode || !slices.Contains(values, n.Value) {
		e.fail(n, "%s.%s: want %s, not %s", e.key, k, strings.Join(values, " or "), describe(n))
	}
	return n.Value
}

// eachEntry decodes a list of mappings with the given keys.
func eachEntry(name, key string, n *yaml.Node, fields []string, f func(*entry)) error {
	if n.Kind != yaml.SequenceNode {
		return schemaError(name, n, "%s: want a list of entries with %s", key, strings.Join(fields, ", "))
	}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			return schemaError(name, item, "%s: want an entry with %s, not %s", key, strings.Join(fields, ", "), describe(item))
		}
		e := &entry{file: name, key: key, m: map[string]*yaml.Node{}, at: item}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k := item.Content[i]
			if !slices.Contains(fields, k.Value) {
				return schemaError(name, k, "%s: unknown key %q (known: %s)", key, k.Value, strings.Join(fields, ", "))
			}
			if _, dup := e.m[k.Value]; dup {
				return schemaError(name, k, "%s: %q is given twice", key, k.Value)
			}
			e.m[k.Value] = item.Content[i+1]
		}
		f(e)
		if e.err != nil {
			return e.err
		}
	}
	return nil
}

// funcSyntax accepts pkg/path.Func, (pkg/path.Type).Method and
// (*pkg/path.Type).Method, as types.Func.FullName spells them.
var funcSyntax = regexp.MustCompile(`^(?:[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*|\(\*?[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*\)\.[\pL_][\pL\pN_]*)$`)

// ValidFunction reports whether s names a function as the schema requires.
func ValidFunction(s string) bool { return funcSyntax.MatchString(s) }

var typeSyntax = regexp.MustCompile(`^[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*$`)

var fieldSyntax = regexp.MustCompile(`^[\w.~-]+(?:/[\w.~-]+)*\.[\pL_][\pL\pN_]*\.[\pL_][\pL\pN_]*$`)

// ValidField reports whether s names a field, pkg/path.Type.Field.
func ValidField(s string) bool { return fieldSyntax.MatchString(s) }

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

// UseDefaultHeaders reports whether the default credential header list
// is on.
func (c *Config) UseDefaultHeaders() bool { return c.DefaultHeaders == nil || *c.DefaultHeaders }

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
	if o.DefaultHeaders != nil {
		c.DefaultHeaders = o.DefaultHeaders
	}
	c.Sources = append(c.Sources, o.Sources...)
	c.Sinks = append(c.Sinks, o.Sinks...)
	c.FieldSinks = append(c.FieldSinks, o.FieldSinks...)
	c.Inbound = append(c.Inbound, o.Inbound...)
	c.Outbound = append(c.Outbound, o.Outbound...)
	c.Accessors = append(c.Accessors, o.Accessors...)
	c.RequestTypes = append(c.RequestTypes, o.RequestTypes...)
	c.Handlers = append(c.Handlers, o.Handlers...)
	c.Stores = append(c.Stores, o.Stores...)
	c.HeaderSinks = append(c.HeaderSinks, o.HeaderSinks...)
	c.HeaderCopies = append(c.HeaderCopies, o.HeaderCopies...)
	c.HeaderVisitors = append(c.HeaderVisitors, o.HeaderVisitors...)
	c.Proxies = append(c.Proxies, o.Proxies...)
	c.AudienceValidators = append(c.AudienceValidators, o.AudienceValidators...)
	c.OAuthFlows = append(c.OAuthFlows, o.OAuthFlows...)
	c.MCPTransports = append(c.MCPTransports, o.MCPTransports...)
	c.Disable = append(c.Disable, o.Disable...)
}

// Validate checks a configuration that did not come from a file (the
// golangci-lint plugin's settings) with the rules Parse applies, by
// decoding it as a file.
func (c *Config) Validate() error {
	data, err := yaml.Marshal(c)
	if err != nil {
		return err
	}
	_, err = Parse("settings", data)
	return err
}
