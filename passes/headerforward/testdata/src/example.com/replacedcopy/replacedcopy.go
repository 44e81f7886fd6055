// Package replacedcopy copies inbound header sets whose Authorization the
// function replaced first: with the server's own key it is not a finding;
// re-formatting the client's token replaces nothing.
package replacedcopy

import (
	"net/http"
	"os"
	"strings"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func ownKey(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
	out := upstream()
	out.Header = r.Header.Clone()
	http.DefaultClient.Do(out)
}

func reformatted(w http.ResponseWriter, r *http.Request) {
	r.Header.Set("Authorization", "Bearer "+strings.TrimSpace(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer")))
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func reformattedOnTheCopy(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	out.Header.Set("Authorization", strings.ToLower(r.Header.Get("Authorization")))
	http.DefaultClient.Do(out)
}
