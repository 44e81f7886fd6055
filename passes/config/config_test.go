package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/passthroughlint/passthrough/passes/config"
)

func TestParse(t *testing.T) {
	src := `# extra credential headers
headers: [X-Api-Key, X-Upstream-Token]
sources:
  - function: example.com/auth.TokenFromRequest
    result: 0
sinks:
  - function: (*example.com/client.Client).SetToken
    argument: 0
  - function: example.com/client.New
    argument: 1
audience-validators:
  - function: example.com/jwtutil.CheckAudience
oauth-flows:
  - function: (*example.com/auth.Client).Login
    result: 0
    options: 1
  - function: example.com/auth.DeviceLogin
mcp-transports:
  - function: example.com/mcpx.Dial
    argument: 1
  - field: example.com/mcpx.Transport.HTTPClient
disable: [audience]
`
	got, err := config.Parse(".passthrough.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	one := 1
	want := &config.Config{
		Headers:            []string{"X-Api-Key", "X-Upstream-Token"},
		Sources:            []config.Source{{Function: "example.com/auth.TokenFromRequest"}},
		Sinks:              []config.Sink{{Function: "(*example.com/client.Client).SetToken"}, {Function: "example.com/client.New", Argument: 1}},
		AudienceValidators: []config.Validator{{Function: "example.com/jwtutil.CheckAudience"}},
		OAuthFlows:         []config.OAuthFlow{{Function: "(*example.com/auth.Client).Login", Options: &one}, {Function: "example.com/auth.DeviceLogin"}},
		MCPTransports:      []config.MCPTransport{{Function: "example.com/mcpx.Dial", Argument: 1}, {Field: "example.com/mcpx.Transport.HTTPClient"}},
		Disable:            []string{"audience"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if s := config.SinksFlag(&got.Sinks).String(); s != "(*example.com/client.Client).SetToken:0,example.com/client.New:1" {
		t.Errorf("sinks as a flag: %q", s)
	}
}

// TestFlags: the flag values fill the same settings as the file, with
// the same validation; lists add up, and an empty value resets.
func TestFlags(t *testing.T) {
	var c config.Config
	headers, sinks := config.HeadersFlag(&c.Headers), config.SinksFlag(&c.Sinks)
	for _, set := range []struct {
		v  flag.Value
		in string
	}{{headers, "X-Api-Key, X-Token"}, {headers, "Private-Token"}, {sinks, "example.com/c.New:1"}} {
		if err := set.v.Set(set.in); err != nil {
			t.Fatalf("Set(%q): %v", set.in, err)
		}
	}
	want := config.Config{Headers: []string{"X-Api-Key", "X-Token", "Private-Token"}, Sinks: []config.Sink{{Function: "example.com/c.New", Argument: 1}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v, want %+v", c, want)
	}
	for _, bad := range []struct {
		v  flag.Value
		in string
	}{{headers, "Bad Header"}, {sinks, "nope"}, {config.ValidatorsFlag(&c.AudienceValidators), "nope"}, {sinks, "example.com/c.New:-1"}} {
		if err := bad.v.Set(bad.in); err == nil {
			t.Errorf("Set(%q) accepted", bad.in)
		}
	}
	if err := headers.Set(""); err != nil || c.Headers != nil {
		t.Errorf("an empty value must reset the list: %v, %q", err, c.Headers)
	}
}

func TestEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n"} {
		c, err := config.Parse("x.yml", []byte(src))
		if err != nil || !reflect.DeepEqual(c, &config.Config{}) {
			t.Errorf("Parse(%q) = %+v, %v; want the zero configuration", src, c, err)
		}
	}
}

// TestErrors checks that each mistake is an error naming file, line and key.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"headerz: [X-Api-Key]\n", `cfg.yml:1: unknown key "headerz" (known: headers, default-headers, sources, sinks, field-sinks, inbound, outbound, accessors, request-types, handlers, stores, header-sinks, header-copies, header-visitors, proxies, audience-validators, oauth-flows, mcp-transports, disable)`},
		{"default-headers: maybe\n", `cfg.yml:1: default-headers: want true or false, not "maybe"`},
		{"library: example.com/x\n", `cfg.yml:1: unknown key "library"`},
		{"sources:\n  - function: example.com/c.Get\n    receiver: outbound\n", `cfg.yml:3: sources.receiver: want inbound, not "outbound"`},
		{"inbound:\n  - function: example.com/c.Req\n", `cfg.yml:2: inbound: missing key "is" (request or headers)`},
		{"field-sinks:\n  - field: Token\n", `cfg.yml:2: field-sinks.field: "Token" is not a field: want pkg/path.Type.Field`},
		{"stores:\n  - set: example.com/c.Set\n    get: [nope]\n", `cfg.yml:3: stores.get: "nope" is not a function`},
		{"headers: X-Api-Key\n", "cfg.yml:1: headers: want a list of strings"},
		{"headers: [1]\n", `cfg.yml:1: headers: want a string, not "1"`},
		{"headers: [\"X Api\"]\n", `cfg.yml:1: headers: "X Api" is not a valid header name`},
		{"sources:\n  - function: auth.Token\n    reslt: 1\n", `cfg.yml:3: sources: unknown key "reslt" (known: function, result, header, receiver)`},
		{"sinks:\n  - function: example.com/client.New\n", `cfg.yml:2: sinks: argument is required`},
		{"sources:\n  - result: 1\n", `cfg.yml:2: sources: missing key "function"`},
		{"sinks:\n  - function: not a function\n", `cfg.yml:2: sinks.function: "not a function" is not a function`},
		{"sinks:\n  - function: example.com/c.New\n    argument: first\n", `cfg.yml:3: sinks.argument: want a non-negative integer, not "first"`},
		{"sinks:\n  - function: example.com/c.New\n    argument: -1\n", `cfg.yml:3: sinks.argument: want a non-negative integer, not "-1"`},
		{"- headers\n", "cfg.yml:1: the configuration must be a mapping"},
		{"  disable: [audience]\nheaders: [X-Key]\n", "cfg.yml: text after the first mapping that is not YAML"},
		{"headers: [A]\n---\nheaders: [B]\n", "cfg.yml:3: a second YAML document"},
		{"headers: [A]\nheaders: [B]\n", `cfg.yml:2: "headers" is given twice`},
		{"sinks:\n  - function: example.com/c.New\n    argument: 1\n    argument: 2\n", `cfg.yml:4: sinks: "argument" is given twice`},
		{"headers: [a\n", "cfg.yml: "},
		{"mcp-transports:\n  - function: example.com/c.Dial\n    field: example.com/c.T.Client\n", `cfg.yml:3: mcp-transports: give function and argument, or field, not both`},
		{"mcp-transports:\n  - field: example.com/c.T.Client\n    argument: 1\n", `cfg.yml:3: mcp-transports: argument goes with function`},
		{"mcp-transports:\n  - field: Client\n", `cfg.yml:2: mcp-transports.field: "Client" is not a field`},
		{"oauth-flows:\n  - function: example.com/c.Login\n    options: last\n", `cfg.yml:3: oauth-flows.options: want a non-negative integer, not "last"`},
		{"oauth-flows:\n  - function: example.com/c.Login\n    audience: x\n", `cfg.yml:3: oauth-flows: unknown key "audience" (known: function, result, options)`},
	} {
		_, err := config.Parse("cfg.yml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): got error %v, want one containing %q", tc.src, err, tc.want)
		}
	}
}

// TestModel: a model file is the configuration's schema with the library
// and the version it was checked against; run settings do not belong.
func TestModel(t *testing.T) {
	src := `library: example.com/web
version: v1.2.3
sources:
  - function: (*example.com/web.Context).GetHeader
    header: 0
sinks:
  - function: (*example.com/web.Client).SetHeader
    argument: 1
    header: 0
    receiver: outbound
field-sinks:
  - field: example.com/web.Config.Token
inbound:
  - function: (example.com/web.Context).Request
    is: request
stores:
  - set: (*example.com/web.Context).Set
    get: [(*example.com/web.Context).Get, (*example.com/web.Context).GetString]
header-sinks:
  - function: (*example.com/web.Client).SetHeaders
proxies:
  - function: example.com/web.Proxy
`
	m, err := config.ParseModel("web.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	zero := 0
	want := &config.Model{Library: "example.com/web", Version: "v1.2.3", Config: config.Config{
		Sources:     []config.Source{{Function: "(*example.com/web.Context).GetHeader", Header: &zero, Library: "example.com/web"}},
		Sinks:       []config.Sink{{Function: "(*example.com/web.Client).SetHeader", Argument: 1, Header: &zero, Receiver: "outbound", Library: "example.com/web"}},
		FieldSinks:  []config.FieldSink{{Field: "example.com/web.Config.Token", Library: "example.com/web"}},
		Inbound:     []config.Request{{Function: "(example.com/web.Context).Request", Is: "request"}},
		Stores:      []config.Store{{Set: "(*example.com/web.Context).Set", Get: []string{"(*example.com/web.Context).Get", "(*example.com/web.Context).GetString"}, Value: 1}},
		HeaderSinks: []config.HeaderSink{{Function: "(*example.com/web.Client).SetHeaders"}},
		Proxies:     []config.Proxy{{Function: "example.com/web.Proxy"}},
	}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %+v\nwant %+v", m, want)
	}
	for src, msg := range map[string]string{
		"sources: []\n": "names its library and the version",
		"library: a\nversion: v1\ndisable: [x]\n": `"disable" configures a run`,
	} {
		if _, err := config.ParseModel("m.yml", []byte(src)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseModel(%q): got %v, want an error containing %q", src, err, msg)
		}
	}
}

// TestValidate: settings that did not come from a file get the file's checks.
func TestValidate(t *testing.T) {
	bad := &config.Config{Sinks: []config.Sink{{Function: "example.com/c.New", Argument: -1}}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "sinks.argument: want a non-negative integer") {
		t.Errorf("got %v", err)
	}
	one := 1
	good := &config.Config{Headers: []string{"X-Key"}, Sources: []config.Source{{Function: "example.com/c.Get", Header: &one}},
		Stores: []config.Store{{Set: "example.com/c.Set", Get: []string{"example.com/c.Get"}, Value: 1}}}
	if err := good.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// TestLoadNamesTheFile: a file that cannot be read is an error naming it.
func TestLoadNamesTheFile(t *testing.T) {
	_, err := config.Load("/nonexistent/passthrough.yml")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/passthrough.yml: ") {
		t.Errorf("got %v", err)
	}
}

func TestCheckAnalyzers(t *testing.T) {
	c := &config.Config{Disable: []string{"tokenfoward"}}
	err := c.CheckAnalyzers([]string{"tokenforward"})
	if err == nil || !strings.Contains(err.Error(), `unknown analyzer "tokenfoward"`) {
		t.Errorf("got %v", err)
	}
}

func TestValidFunction(t *testing.T) {
	for s, want := range map[string]bool{
		"example.com/auth.Token":                true,
		"github.com/a/b-c/v2/pkg.New":           true,
		"(*example.com/client.Client).SetToken": true,
		"(example.com/client.Client).Do":        true,
		"net/http.NewRequest":                   true,
		"Token":                                 false,
		"example.com/auth.":                     false,
		"(*example.com/client.Client)":          false,
		"example.com/auth.Token()":              false,
	} {
		if got := config.ValidFunction(s); got != want {
			t.Errorf("ValidFunction(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestForPackage: the file at the package's module root, read again when
// it changes, its errors naming it; a configuration that was given (not
// FromModule) is used as it is.
func TestForPackage(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n")
	if err := os.MkdirAll(filepath.Join(root, "internal", "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "internal", "p", "p.go")

	flags := &config.Config{FromModule: true, Headers: []string{"X-Flag"}}
	got, err := flags.ForPackage(file)
	if err != nil || got != flags {
		t.Fatalf("no file: got %+v, %v; want the flags' configuration", got, err)
	}

	write(config.FileName, "headers: [X-File]\n")
	got, err = flags.ForPackage(file)
	if err != nil || !slices.Equal(got.Headers, []string{"X-File", "X-Flag"}) {
		t.Fatalf("with a file: got %v, %v; want the file's header and the flag's", got, err)
	}
	again, _ := flags.ForPackage(file)
	if again != got {
		t.Error("an unchanged file was parsed again")
	}

	write(config.FileName, "headers: [X-File, X-Second]\ndisable: [audience]\n")
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(filepath.Join(root, config.FileName), later, later); err != nil {
		t.Fatal(err)
	}
	got, err = flags.ForPackage(file)
	if err != nil || !slices.Equal(got.Headers, []string{"X-File", "X-Second", "X-Flag"}) || !slices.Equal(got.Disable, []string{"audience"}) {
		t.Fatalf("after a change: got %+v, %v", got, err)
	}

	write(config.FileName, "disable: [nope]\n")
	if err := os.Chtimes(filepath.Join(root, config.FileName), later.Add(time.Second), later.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := flags.ForPackage(file); err == nil || !strings.Contains(err.Error(), filepath.Join(root, config.FileName)) {
		t.Errorf("bad file: error %v does not name it", err)
	}

	given := &config.Config{Headers: []string{"X-Given"}}
	if got, err := given.ForPackage(file); err != nil || got != given {
		t.Errorf("a given configuration was replaced: %+v, %v", got, err)
	}
}
