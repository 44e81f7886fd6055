// Package restycli is a net/http service that calls its upstream with
// resty v2, on requests and on per-caller clients.
package restycli

import (
	"net/http"
	"os"
	"strings"

	"github.com/go-resty/resty/v2"
)

const upstreamURL = "https://api.example.com"

var rc = resty.New().SetBaseURL(upstreamURL)

func reply(w http.ResponseWriter, resp *resty.Response, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(resp.StatusCode())
	_, _ = w.Write(resp.Body())
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// Me sets the caller's token on the request.
func Me(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetContext(r.Context()).SetAuthToken(bearer(r)).Get("/v1/me") // want tokenforward
	reply(w, resp, err)
}

// Repos builds a client per caller.
func Repos(w http.ResponseWriter, r *http.Request) {
	c := resty.New().SetBaseURL(upstreamURL)
	c.SetAuthToken(bearer(r)) // want tokenforward
	resp, err := c.R().Get("/v1/repos")
	reply(w, resp, err)
}

// Issues copies the header by name.
func Issues(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetHeader("Authorization", r.Header.Get("Authorization")).Get("/v1/issues") // want tokenforward
	reply(w, resp, err)
}

// Labels passes a header map.
func Labels(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetHeaders(map[string]string{"Accept": "application/json", "Authorization": r.Header.Get("Authorization")}).Get("/v1/labels") // want tokenforward
	reply(w, resp, err)
}

// Milestones passes a multi-valued header map.
func Milestones(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetHeaderMultiValues(map[string][]string{"Authorization": r.Header.Values("Authorization")}).Get("/v1/milestones") // want tokenforward
	reply(w, resp, err)
}

// Wiki passes the caller's basic credentials on.
func Wiki(w http.ResponseWriter, r *http.Request) {
	user, pass, _ := r.BasicAuth()
	resp, err := rc.R().SetBasicAuth(user, pass).Get("/v1/wiki") // want tokenforward
	reply(w, resp, err)
}

// Gists uses GitHub's "token" scheme with the caller's token.
func Gists(w http.ResponseWriter, r *http.Request) {
	req := rc.R().SetAuthScheme("token")
	req.SetAuthToken(bearer(r)) // want tokenforward
	resp, err := req.Get("/v1/gists")
	reply(w, resp, err)
}

// Hooks configures a per-caller client with a header.
func Hooks(w http.ResponseWriter, r *http.Request) {
	c := resty.New().SetBaseURL(upstreamURL).SetHeader("Authorization", r.Header.Get("Authorization")) // want tokenforward
	resp, err := c.R().Get("/v1/hooks")
	reply(w, resp, err)
}

// Status uses the service's own token and forwards the request id.
func Status(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetAuthToken(os.Getenv("UPSTREAM_TOKEN")).SetHeader("X-Request-Id", r.Header.Get("X-Request-Id")).Get("/v1/status")
	w.Header().Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	reply(w, resp, err)
}

// Metrics passes a header map without the caller's credential.
func Metrics(w http.ResponseWriter, r *http.Request) {
	resp, err := rc.R().SetHeaders(map[string]string{"X-Request-Id": r.Header.Get("X-Request-Id"), "Authorization": "Bearer " + os.Getenv("METRICS_TOKEN")}).Get("/v1/metrics")
	reply(w, resp, err)
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
}

// Deploy exchanges the caller's token for one issued for the upstream
// (RFC 8693) and calls the upstream with that.
func Deploy(w http.ResponseWriter, r *http.Request) {
	var exchanged tokenResponse
	_, err := rc.R().SetBasicAuth(os.Getenv("CLIENT_ID"), os.Getenv("CLIENT_SECRET")).SetFormData(map[string]string{
		"grant_type":         "urn:ietf:params:oauth:grant-type:token-exchange",
		"subject_token":      bearer(r),
		"subject_token_type": "urn:ietf:params:oauth:token-type:access_token",
		"audience":           upstreamURL,
	}).SetResult(&exchanged).Post("https://auth.example.com/oauth2/token")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp, err := rc.R().SetAuthToken(exchanged.AccessToken).Post("/v1/deploy")
	reply(w, resp, err)
}
