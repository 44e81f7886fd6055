// want package:`pending at 18:2 on example.com/routerjoin/blind.Relay; pending at 26:2 on example.com/routerjoin/blind.Bare; pending at 33:2 on example.com/routerjoin/blind.Unrouted; pending at 53:2 on example.com/routerjoin/blind.Open; pending at 62:2 on \(example.com/routerjoin/blind.Gate\).ServeHTTP.*func Bare: [^;]*source:cred->sink if authorization\(param1\), reported.*func Gate\.ServeHTTP: [^;]*source:cred->sink if authorization\(param2\), reported.*func Open: [^;]*source:cred->field\(field:example.com/routerjoin/blind.Session.Key\) if authorization\(param1\), reported.*func Relay: [^;]*source:cred->sink if authorization\(param1\), reported.*func Unrouted: [^;]*source:cred->sink if authorization\(param1\), reported`

// Package blind is a handler package that sees no middleware that
// replaces Authorization. Its exported handlers are registered by
// package router (or by nothing): a read is reported here,
// provisionally, and its flow kept in the handler's summary, so that
// the packages that register the handler record whether every
// registration replaces the header. A driver that sees them all (the
// passthrough command) drops the finding when each does; one that
// sees a package at a time (go vet, analysistest) keeps it.
package blind

import "net/http"

// Relay is registered behind keys.OwnKey on every route.
func Relay(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// Bare is registered behind keys.OwnKey on one route and bare on
// another: not covered.
func Bare(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// Unrouted is registered by no package: its finding stays.
func Unrouted(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// Session carries a caller's key to the upstream call.
type Session struct{ Key string }

// Sessions are the sessions in flight.
var Sessions = map[string]*Session{}

// Open keeps the request's Authorization in a session that Send
// forwards later: the field holds it provisionally, and the finding
// where it is sent waits on Open's registrations.
func Open(w http.ResponseWriter, r *http.Request) {
	Sessions[r.URL.Path] = &Session{Key: r.Header.Get("Authorization")}
}

// Send forwards a session's key.
func Send(s *Session) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", s.Key) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

// Gate is a handler type that router registers behind keys.OwnKey only.
type Gate struct{}

func (Gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}
