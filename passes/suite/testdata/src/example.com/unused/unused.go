// Package unused is analyzed with unused directives reported and
// suppressed findings shown.
package unused

import "net/http"

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://token-service.internal", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) /* want `suppressed: inbound credential .* \(allowed at unused.go:9: our own token service\)` */ //passthrough:allow tokenforward our own token service
}

func nothing() {
	/* want `directive: //passthrough:allow tokenforward allows no finding here: remove it` */ //passthrough:allow tokenforward stale
}
