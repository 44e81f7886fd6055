// Package wrappers reads and writes headers through functions that take // want package:`func ctx\.GetHeader: [^;]*source:cred->result0 if name\(param1\)`
// the header name from their caller, as frameworks do (gin's
// c.GetHeader(key)): each call is judged by the name it passes.
package wrappers

import "net/http"

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func getHeader(r *http.Request, name string) string { return r.Header.Get(name) }

func setHeader(req *http.Request, name, value string) {
	req.Header.Set(name, value) // want `inbound credential from Header.Get\("Authorization"\)`
}

// ctx is a framework's request context: the request is kept in a field.
type ctx struct{ req *http.Request }

func (c *ctx) requestHeader(key string) string { return c.req.Header.Get(key) }

// GetHeader reaches the header through another method.
func (c *ctx) GetHeader(key string) string { return c.requestHeader(key) }

type server struct{}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	handle(&ctx{req: r})
}

func handle(c *ctx) {
	out := upstream()
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want `inbound credential from`
	out.Header.Set("X-Request-Id", c.GetHeader("X-Request-Id"))
	http.DefaultClient.Do(out)
}

func byWrapper(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", getHeader(r, "authorization")) // want `inbound credential from`
	out.Header.Set("X-Trace", getHeader(r, "X-Trace"))
	setHeader(out, "Authorization", r.Header.Get("Authorization"))
	setHeader(out, "X-Trace", getHeader(r, "X-Trace"))
	// The client's token under a name that is not a credential header is
	// not its credential upstream.
	setHeader(out, "X-Original-Client", getHeader(r, "Authorization"))
	http.DefaultClient.Do(out)
}

// nameFromCaller passes its own parameter on: its callers decide.
func nameFromCaller(r *http.Request, name string) string { return getHeader(r, name) }

func twoLevels(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("X-Api-Key", nameFromCaller(r, "X-Api-Key")) // want `inbound credential from`
	out.Header.Set("Accept", nameFromCaller(r, "Accept"))
	http.DefaultClient.Do(out)
}

// names are read from a list that holds a credential header: each is one.
func fromList(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for _, h := range []string{"Accept", "Authorization"} {
		out.Header.Set(h, getHeader(r, h)) // want `inbound credential from`
	}
	http.DefaultClient.Do(out)
}
