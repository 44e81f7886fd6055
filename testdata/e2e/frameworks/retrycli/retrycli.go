// Package retrycli is a net/http service that calls its upstream through
// hashicorp/go-retryablehttp.
package retrycli

import (
	"io"
	"net/http"
	"net/url"
	"os"

	"github.com/hashicorp/go-retryablehttp"
)

const upstreamURL = "https://api.example.com"

var client = retryablehttp.NewClient()

func relay(w http.ResponseWriter, req *retryablehttp.Request) {
	resp, err := client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// Me forwards the caller's token on a retryable request.
func Me(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequest(http.MethodGet, upstreamURL+"/v1/me", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req.Header.Set("Authorization", r.Header.Get("Authorization")) // want tokenforward
	relay(w, req)
}

// Upload does the same with a context and a body.
func Upload(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequestWithContext(r.Context(), http.MethodPut, upstreamURL+"/v1/upload", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	tok := r.Header.Get("Authorization")
	req.Header.Add("Authorization", tok) // want tokenforward
	relay(w, req)
}

// Sync sends every inbound header along.
func Sync(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequestWithContext(r.Context(), http.MethodPost, upstreamURL+"/v1/sync", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req.Header = r.Header.Clone() // want headerforward
	relay(w, req)
}

// Replay sends a clone of the received request to the upstream with
// retries.
func Replay(w http.ResponseWriter, r *http.Request) {
	target, _ := url.Parse(upstreamURL + r.URL.Path)
	out := r.Clone(r.Context())
	out.URL = target
	out.Host = target.Host
	out.RequestURI = ""
	req, err := retryablehttp.FromRequest(out) // want headerforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// Status uses the service's own key and forwards the request id.
func Status(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequest(http.MethodGet, upstreamURL+"/v1/status", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
	req.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	relay(w, req)
}

// Mirror sends every inbound header but the credential.
func Mirror(w http.ResponseWriter, r *http.Request) {
	req, err := retryablehttp.NewRequestWithContext(r.Context(), http.MethodGet, upstreamURL+"/v1/mirror", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req.Header = r.Header.Clone()
	req.Header.Del("Authorization")
	relay(w, req)
}
