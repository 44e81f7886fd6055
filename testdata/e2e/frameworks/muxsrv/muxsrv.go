// Package muxsrv is a service on a gorilla/mux router that fronts a
// GitLab-like API keyed by API-key and token headers.
package muxsrv

import (
	"io"
	"maps"
	"net/http"
	"os"

	"github.com/gorilla/mux"
)

const upstreamURL = "https://git.example.com/api/v4"

// gitlabTokenHeader is the header GitLab reads personal access tokens from.
const gitlabTokenHeader = "Private-Token"

// forward sends a request the handlers built and copies the answer back.
// It has the shape of a handler but is not one: out is always an outbound
// request made by newOut, never a received one.
func forward(w http.ResponseWriter, out *http.Request) {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

func newOut(r *http.Request, path string) *http.Request {
	out, _ := http.NewRequestWithContext(r.Context(), r.Method, upstreamURL+path, r.Body)
	return out
}

// geocode passes the caller's API key on.
func geocode(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/geocode")
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key")) // want tokenforward
	forward(w, out)
}

// project passes the caller's GitLab token on.
func project(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/projects/"+mux.Vars(r)["id"])
	out.Header[gitlabTokenHeader] = r.Header.Values(gitlabTokenHeader) // want tokenforward
	forward(w, out)
}

// session passes an X-Auth-Token on.
func session(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/session")
	out.Header.Set("X-Auth-Token", r.Header.Get("x-auth-token")) // want tokenforward
	forward(w, out)
}

// legacy passes the caller's basic credentials on.
func legacy(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="legacy"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	out := newOut(r, "/legacy")
	out.SetBasicAuth(user, pass) // want tokenforward
	forward(w, out)
}

// form forwards the CSRF token (not a credential) with the server's own
// token.
func form(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/form")
	out.Header.Set("X-CSRF-Token", r.Header.Get("X-CSRF-Token"))
	out.Header.Set(gitlabTokenHeader, os.Getenv("GITLAB_TOKEN"))
	forward(w, out)
}

// raw copies all inbound headers except the cookies.
func raw(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/raw")
	maps.Copy(out.Header, r.Header) // want headerforward
	out.Header.Del("Cookie")
	forward(w, out)
}

// blob copies all inbound headers and then drops the credential.
func blob(w http.ResponseWriter, r *http.Request) {
	out := newOut(r, "/blob")
	maps.Copy(out.Header, r.Header)
	out.Header.Del("Authorization")
	out.Header.Del(gitlabTokenHeader)
	out.Header.Del("X-Api-Key")
	out.Header.Del("X-Auth-Token")
	forward(w, out)
}

// Router wires the routes.
func Router() *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/geocode", geocode).Methods(http.MethodGet)
	r.HandleFunc("/projects/{id}", project).Methods(http.MethodGet)
	r.HandleFunc("/session", session)
	r.HandleFunc("/legacy", legacy)
	r.HandleFunc("/form", form).Methods(http.MethodPost)
	r.HandleFunc("/raw", raw)
	r.HandleFunc("/blob", blob)
	return r
}
