// Package mwapp registers its relay handlers behind another package's
// middleware.
package mwapp

import (
	"net/http"

	"example.com/mwlib"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func relay(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayWithHelper(w http.ResponseWriter, r *http.Request) {
	mwlib.UseOwnKey(r)
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func relayBare(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

func relayMaybe(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}

func relayViaValue(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/relay", mwlib.OwnKey(http.HandlerFunc(relay)))
	mux.HandleFunc("/helper", relayWithHelper)
	mux.HandleFunc("/bare", relayBare)
	mux.Handle("/maybe", mwlib.Maybe(false)(http.HandlerFunc(relayMaybe)))
	wrap := mwlib.OwnKey
	mux.Handle("/value", wrap(http.HandlerFunc(relayViaValue)))
	return mux
}
