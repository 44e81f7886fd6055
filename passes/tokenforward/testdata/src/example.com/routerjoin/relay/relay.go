// Package relay holds relay handlers that another package registers, // want package:`func API\.Batches: [^;]*source:cred->sink if authorization\(param2\).*func API\.Files: [^;]*source:cred->sink if authorization\(param2\).*func Audio: [^;]*source:cred->sink if authorization\(param1\).*func Backend\.Serve: [^;]*source:cred->sink if authorization\(param2\).*func Chat: [^;]*source:cred->sink if authorization\(param1\).*func Embeddings: [^;]*source:cred->sink if authorization\(param1\).*func Images: [^;]*source:cred->sink if authorization\(param1\).*func Mirror\.ServeHTTP: [^;]*source:cred->sink if authorization\(param2\).*func Proxy\.ServeHTTP: [^;]*source:cred->sink if authorization\(param2\).*func Speech: [^;]*source:cred->sink if authorization\(param1\).*func Typed\.ServeHTTP: [^;]*source:cred->sink if authorization\(param2\)`
// behind middleware of a third (which this one sees: it uses its Tenant
// helper). Whether a read gets the client's credential is decided where
// the handlers are registered, or called.
package relay

import (
	"log"
	"net/http"
	"os"

	"example.com/routerjoin/fwd"
	"example.com/routerjoin/keys"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

// Chat is registered behind keys.OwnKey on every route.
func Chat(w http.ResponseWriter, r *http.Request) {
	log.Printf("chat for %s", keys.Tenant(r))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Audio is registered behind keys.OwnKey on one route, bare on another.
func Audio(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Images reads in a helper of this package: the helper's request is
// the handler's.
func Images(w http.ResponseWriter, r *http.Request) {
	forward(r)
}

func forward(r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Embeddings is registered behind keys.Reformat, which keeps the
// client's token.
func Embeddings(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Speech hands the request to a helper of a package that sees no
// middleware: the helper's read is decided here, then where Speech is
// registered.
func Speech(w http.ResponseWriter, r *http.Request) {
	fwd.Forward(r)
}

// Moderations replaces the header itself before it reads it: decided
// here, whoever registers it.
func Moderations(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// local is registered by this package, bare: reported here, at the sink.
func local(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// Local registers local.
func Local(mux *http.ServeMux) {
	mux.HandleFunc("/local", local)
}

// API is a handler type whose methods other packages register as method
// values.
type API struct{ Tenant string }

// Files is registered behind keys.OwnKey, and bare.
func (a *API) Files(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	log.Printf("%s for %s", r.URL.Path, a.Tenant)
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Batches is registered behind keys.OwnKey only.
func (a *API) Batches(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	log.Printf("%s for %s", r.URL.Path, a.Tenant)
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Proxy is a handler type that package router registers behind
// keys.OwnKey: its ServeHTTP is decided where a Proxy is made into an
// http.Handler.
type Proxy struct{ Tenant string }

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Mirror is a handler type that package router registers bare.
type Mirror struct{ Tenant string }

func (m Mirror) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Typed is a generic handler type: package router registers Typed[int]
// behind keys.OwnKey and Typed[string] bare. Each instance's ServeHTTP is
// its summary, decided where the instance is made into an http.Handler.
type Typed[T any] struct{ Tenant T }

func (t Typed[T]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

// Backend is one implementation of router's Backends, chosen per
// request: a value of it made into that interface (of two methods) is
// not a registration; the calls through the interface decide.
type Backend struct{}

func (Backend) Name() string { return "backend" }

func (Backend) Serve(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}
