// want package:"uses \\(example.com/routerjoin/blind.Gate\\).ServeHTTP covered=true by OwnKey; uses example.com/routerjoin/blind.Bare covered=false by OwnKey; uses example.com/routerjoin/blind.Open covered=true by OwnKey; uses example.com/routerjoin/blind.Relay covered=true by OwnKey"

// Package router is where the handlers of package relay and the
// middleware of package keys meet: a handler every registration of which
// passes through keys.OwnKey sends the server's key; one registered
// without it, or behind middleware that keeps the client's token, is
// reported at that registration.
package router

import (
	"log"
	"net/http"

	"example.com/routerjoin/blind"
	"example.com/routerjoin/fwd"
	"example.com/routerjoin/keys"
	"example.com/routerjoin/relay"
)

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/chat", keys.OwnKey(http.HandlerFunc(relay.Chat)))
	mux.Handle("/audio", keys.OwnKey(http.HandlerFunc(relay.Audio)))
	mux.HandleFunc("/audio-bare", relay.Audio) // want `inbound credential from Header.Get\("Authorization"\) \(middleware OwnKey replaces it on other registrations of Audio\)`
	mux.Handle("/images", keys.OwnKey(http.HandlerFunc(relay.Images)))
	mux.Handle("/embeddings", keys.Reformat(http.HandlerFunc(relay.Embeddings))) // want `inbound credential from Header.Get\("Authorization"\)`
	mux.Handle("/moderations", http.HandlerFunc(relay.Moderations))
	mux.Handle("/speech", keys.OwnKey(http.HandlerFunc(relay.Speech)))
	mux.HandleFunc("/speech-bare", relay.Speech)  // want `inbound credential from Header.Get\("Authorization"\) \(middleware OwnKey replaces it on other registrations of Speech\)`
	mux.HandleFunc("/speech-again", relay.Speech) // the same handler and flow: reported once, above
	mux.Handle("/blind", keys.OwnKey(http.HandlerFunc(blind.Relay)))
	mux.Handle("/blind-open", keys.OwnKey(http.HandlerFunc(blind.Open)))
	mux.Handle("/blind-bare", keys.OwnKey(http.HandlerFunc(blind.Bare)))
	mux.Handle("/gate", keys.OwnKey(blind.Gate{}))
	mux.HandleFunc("/blind-bare-too", blind.Bare) // recorded as not covered; reported where blind reads it
	mux.Handle("/owned", keys.OwnKey(http.HandlerFunc(owned)))
	mux.HandleFunc("/passed", passed)
	api := &relay.API{Tenant: "acme"}
	mux.Handle("/files", keys.OwnKey(http.HandlerFunc(api.Files)))
	mux.HandleFunc("/files-bare", api.Files) // want `inbound credential from Header.Get\("Authorization"\) \(middleware OwnKey replaces it on other registrations of Files\)`
	mux.Handle("/batches", keys.OwnKey(http.HandlerFunc(api.Batches)))
	proxy := &relay.Proxy{Tenant: "acme"}
	log.Printf("proxy %v", proxy) // made into an any: not a registration
	mux.Handle("/proxy", keys.OwnKey(proxy))
	mux.Handle("/mirror", relay.Mirror{Tenant: "acme"}) // want `inbound credential from Header.Get\("Authorization"\)`
	backends["default"] = relay.Backend{}               // an implementation, not a registration
	mux.Handle("/typed", keys.OwnKey(relay.Typed[int]{Tenant: 1}))
	mux.Handle("/typed-bare", relay.Typed[string]{Tenant: "acme"}) // want `inbound credential from Header.Get\("Authorization"\)`
	relay.Local(mux)
	return mux
}

// owned runs behind OwnKey: the request it hands to fwd.Forward carries
// the server's key.
func owned(w http.ResponseWriter, r *http.Request) {
	fwd.Forward(r)
}

// passed is registered bare: the call hands the client's token on.
func passed(w http.ResponseWriter, r *http.Request) {
	fwd.Forward(r) // want `inbound credential from Header.Get\("Authorization"\)`
}

// A Backends implementation serves the requests routed to it.
type Backends interface {
	Name() string
	Serve(w http.ResponseWriter, r *http.Request)
}

var backends = map[string]Backends{}
