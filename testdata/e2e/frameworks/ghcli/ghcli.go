// Package ghcli is a net/http service that calls the GitHub REST API with
// google/go-github.
package ghcli

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"

	"github.com/google/go-github/v75/github"
)

func whoami(w http.ResponseWriter, r *http.Request, gh *github.Client) {
	user, _, err := gh.Users.Get(r.Context(), "")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(user)
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// Me calls GitHub as the caller.
func Me(w http.ResponseWriter, r *http.Request) {
	gh := github.NewClient(nil).WithAuthToken(bearer(r)) // want tokenforward
	whoami(w, r, gh)
}

// Token uses the older constructor with the caller's token.
func Token(w http.ResponseWriter, r *http.Request) {
	gh := github.NewTokenClient(r.Context(), bearer(r)) // want tokenforward
	whoami(w, r, gh)
}

// Bot calls GitHub as the application.
func Bot(w http.ResponseWriter, r *http.Request) {
	gh := github.NewClient(nil).WithAuthToken(os.Getenv("GITHUB_TOKEN"))
	whoami(w, r, gh)
}

// Anonymous calls GitHub without credentials, passing the caller's
// request id in the user agent.
func Anonymous(w http.ResponseWriter, r *http.Request) {
	gh := github.NewClient(nil)
	gh.UserAgent = "gateway/" + r.Header.Get("X-Request-Id")
	whoami(w, r, gh)
}
