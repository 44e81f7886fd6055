// Package tfecli is a net/http service that reads HCP Terraform / TFE
// workspaces with hashicorp/go-tfe.
package tfecli

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"

	tfe "github.com/hashicorp/go-tfe"
)

const tfeAddress = "https://app.terraform.io"

func show(w http.ResponseWriter, r *http.Request, client *tfe.Client, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ws, err := client.Workspaces.Read(r.Context(), r.PathValue("org"), r.PathValue("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(ws)
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// Workspace builds a go-tfe client with the caller's token.
func Workspace(w http.ResponseWriter, r *http.Request) {
	client, err := tfe.NewClient(&tfe.Config{Address: tfeAddress, Token: bearer(r)}) // want tokenforward
	show(w, r, client, err)
}

// Runs starts from the default configuration and puts the caller's token
// in it.
func Runs(w http.ResponseWriter, r *http.Request) {
	cfg := tfe.DefaultConfig()
	cfg.Token = bearer(r) // want tokenforward
	client, err := tfe.NewClient(cfg)
	show(w, r, client, err)
}

// Status uses the service's own token (DefaultConfig reads TFE_TOKEN).
func Status(w http.ResponseWriter, r *http.Request) {
	client, err := tfe.NewClient(tfe.DefaultConfig())
	show(w, r, client, err)
}

// Policy uses the service's own token from its configuration, and puts the
// request id on the client's headers.
func Policy(w http.ResponseWriter, r *http.Request) {
	cfg := &tfe.Config{Address: tfeAddress, Token: os.Getenv("TFE_POLICY_TOKEN"), Headers: http.Header{}}
	cfg.Headers.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	client, err := tfe.NewClient(cfg)
	show(w, r, client, err)
}
