// want package:`field:example.com/crosspkg/upstream.Client.Token leaks cred.*func Authorize: [^;]*param1:cred->sink if param0:outreq.*func BearerToken: [^;]*param0:inreq->result0:cred.*func Client\.Get: [^;]*param1:cred->sink.*func DoWith: [^;]*param0:cred->callof1.arg0.*func New: [^;]*param0:cred->sink.*func Normalize: [^;]*param0:cred->result0`

// Package upstream is a client library: its sinks are discovered and
// exported as facts, so that callers in other packages are reported at the
// call or store that hands them an inbound token.
package upstream

import (
	"net/http"
	"strings"
)

// Client calls the upstream API with Token as its bearer credential.
type Client struct {
	BaseURL string
	Token   string
}

// Get sends the client's Token: the field reaches a sink.
func (c *Client) Get(path string) (*http.Response, error) {
	req, err := http.NewRequest("GET", c.BaseURL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return http.DefaultClient.Do(req)
}

// New stores its argument in the field that leaks: the parameter is a sink.
func New(token string) *Client {
	return &Client{BaseURL: "https://api.example.com", Token: token}
}

// Authorize sets the header on the request it is given: a sink when the
// caller passes an outbound request.
func Authorize(req *http.Request, token string) {
	req.Header.Set("Authorization", "Bearer "+token)
}

// BearerToken extracts the token of a received request.
func BearerToken(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// Normalize is a pure string helper: parameter to result.
func Normalize(tok string) string {
	return strings.TrimSpace(tok)
}

// DoWith hands the token to a function-typed parameter: its callers apply
// the callback they pass.
func DoWith(token string, f func(string)) { f(token) }
