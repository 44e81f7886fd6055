// Package directives checks //passthrough:allow.
package directives

import "net/http"

func out() *http.Request {
	req, _ := http.NewRequest("GET", "https://token-service.internal", nil)
	return req
}

func sameLine(w http.ResponseWriter, r *http.Request) {
	out().Header.Set("Authorization", r.Header.Get("Authorization")) //passthrough:allow tokenforward the token service is the issuer
}

func lineAbove(w http.ResponseWriter, r *http.Request) {
	//passthrough:allow tokenforward forwarding to our own token introspection service
	out().Header.Set("Authorization", r.Header.Get("Authorization"))
}

func twoLinesAbove(w http.ResponseWriter, r *http.Request) {
	//passthrough:allow tokenforward too far away to apply

	out().Header.Set("Authorization", r.Header.Get("Authorization")) // want `tokenforward: inbound credential`
}

func noReason(w http.ResponseWriter, r *http.Request) {
	/* want `directive: //passthrough:allow tokenforward needs a reason` */ //passthrough:allow tokenforward
	out().Header.Set("Authorization", r.Header.Get("Authorization"))        // want `tokenforward: inbound credential`
}

func unknownAnalyzer(w http.ResponseWriter, r *http.Request) {
	/* want `directive: //passthrough:allow names unknown analyzer "tokenfwd"` */ //passthrough:allow tokenfwd typo in the name
	out().Header.Set("Authorization", r.Header.Get("Authorization"))              // want `tokenforward: inbound credential`
}

func nothingNamed() {
	/* want `directive: //passthrough:allow needs an analyzer and a reason` */ //passthrough:allow
}

// A directive that allows nothing is silent unless -unused-directives.
func unusedIsQuiet() {
	//passthrough:allow tokenforward nothing to allow here
}

// Not a directive: the prefix must be followed by a space.
//passthrough:allowed tokenforward not this one
