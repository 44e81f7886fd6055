// Package sources shows each way an inbound credential is read.
package sources

import (
	"net/http"
	"strings"
)

const authHeader = "Authorization"

func upstream(r *http.Request) *http.Request {
	out, _ := http.NewRequestWithContext(r.Context(), "GET", "https://api.example.com", nil)
	return out
}

func get(w http.ResponseWriter, r *http.Request) {
	out := upstream(r)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
}

func namedConstant(w http.ResponseWriter, r *http.Request) {
	out := upstream(r)
	tok := strings.TrimPrefix(r.Header.Get(authHeader), "Bearer ")
	out.Header.Set(authHeader, "Bearer "+tok) // want `inbound credential`
}
