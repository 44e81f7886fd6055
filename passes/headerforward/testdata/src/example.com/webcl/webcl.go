// Package webcl is a small client and proxy library of the shapes the
// library models describe for headerforward.
package webcl

import "net/http"

// Request is a request the client sends.
type Request struct{ headers map[string]string }

// SetHeaders sends every entry of h as a header.
func (r *Request) SetHeaders(h map[string]string) {}

// SetHeader sends one header.
func (r *Request) SetHeader(name, value string) {}

// DialOptions configures a dial; HTTPHeader is sent with the handshake.
type DialOptions struct{ HTTPHeader http.Header }

// Dial dials with the options.
func Dial(url string, o *DialOptions) {}

// Headers is a header table of a raw protocol.
type Headers struct{ kv map[string]string }

// CopyTo copies every header into dst.
func (h *Headers) CopyTo(dst *Headers) {}

// VisitAll calls f with each header.
func (h *Headers) VisitAll(f func(k, v []byte)) {}

// Set sets a header; Del deletes one.
func (h *Headers) Set(k, v string) {}
func (h *Headers) Del(k string)    {}

// Ctx is a raw-protocol request context: Head is the received headers.
type Ctx struct{ Head Headers }

// Out is a request of the raw protocol the client sends.
type Out struct{ Head Headers }

// NewOut makes one.
func NewOut() *Out { return &Out{} }

// SetBytes sets a header of an outbound request.
func (h *Headers) SetBytes(k, v []byte) {}

// ProxyConfig configures Proxy.
type ProxyConfig struct{ Transport http.RoundTripper }

// Proxy forwards the received request to url, with all its headers.
func Proxy(url string, cfg ProxyConfig) func(http.Handler) http.Handler { return nil }

// Chain registers middleware in order.
func Chain(mw ...func(http.Handler) http.Handler) {}
