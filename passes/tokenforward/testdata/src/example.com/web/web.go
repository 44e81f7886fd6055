// Package web is a small framework of the shapes the library models
// describe: a context that holds the received request, a request-scoped
// store, a client whose methods set headers, a context type that is
// always a received request, and a handler registry.
package web

import "net/http"

// Ctx is the framework's request context.
type Ctx struct {
	Request *http.Request
	keys    map[string]any
}

// Engine serves requests.
type Engine struct{ h func(*Ctx) }

func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.h(&Ctx{Request: r, keys: map[string]any{}})
}

func (c *Ctx) Set(key string, v any) { c.keys[key] = v }
func (c *Ctx) Get(key string) any    { return c.keys[key] }
func (c *Ctx) GetString(key string) string {
	s, _ := c.keys[key].(string)
	return s
}

// Header reads a header of the received request by name (modelled as a
// source when the name is a credential header).
func (c *Ctx) Header(name string) string { return "" }

// Client sends requests upstream; its header table is applied by code
// the engine does not follow.
type Client struct {
	headers map[string]string
	Token   string
}

func (cl *Client) SetHeader(name, value string) { cl.headers[name] = value }

// Raw is a header set as a raw-protocol server hands it over (and as its
// client sends it).
type Raw map[string]string

// Handle registers a function called with the headers of each received
// request.
func Handle(path string, f func(path string, head Raw)) {}

// NewClient copies the configuration's token: the library's own store
// into the field its model names a sink.
func NewClient(cfg Client) *Client {
	c := &Client{headers: map[string]string{}}
	if cfg.Token != "" {
		c.Token = cfg.Token
	}
	return c
}
