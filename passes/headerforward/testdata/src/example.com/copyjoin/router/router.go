// want package:"uses example.com/copyjoin/blind.Clone covered=true by OwnKey; uses example.com/copyjoin/blind.Mirror covered=false by OwnKey"

// Package router is where the handlers and the middleware meet.
package router

import (
	"net/http"

	"example.com/copyjoin/blind"
	"example.com/copyjoin/fwd"
	"example.com/copyjoin/keys"
	"example.com/copyjoin/relay"
)

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/chat", keys.OwnKey(http.HandlerFunc(relay.Chat)))
	mux.Handle("/audio", keys.OwnKey(http.HandlerFunc(relay.Audio)))
	mux.HandleFunc("/audio-bare", relay.Audio)                          // want `forwarded wholesale`
	mux.Handle("/resend", keys.Logging(http.HandlerFunc(relay.Resend))) // want `forwarded wholesale`
	mux.Handle("/speech", keys.OwnKey(http.HandlerFunc(relay.Speech)))
	gw := &relay.Gateway{Tenant: "acme"}
	mux.Handle("/gateway", keys.OwnKey(gw))
	mux.Handle("/gateway-bare", gw) // want `forwarded wholesale`
	mux.HandleFunc("/copy", bare)
	mux.Handle("/clone", keys.OwnKey(http.HandlerFunc(blind.Clone)))
	mux.Handle("/mirror", keys.OwnKey(http.HandlerFunc(blind.Mirror)))
	mux.HandleFunc("/mirror-bare", blind.Mirror) // recorded as not covered; reported where blind copies
	return mux
}

// bare is registered without the middleware: its call hands the
// client's headers on.
func bare(w http.ResponseWriter, r *http.Request) {
	fwd.Copy(r) // want `forwarded wholesale`
}
