// Package upstream is a small client for the issue tracker's REST API.
package upstream

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// BaseURL is the issue tracker's API.
const BaseURL = "https://issues.example.com/api/v1"

// Client calls the API with a bearer token.
type Client struct {
	token string
	http  *http.Client
}

// New returns a client that authenticates with token.
func New(token string) *Client {
	return &Client{token: token, http: http.DefaultClient}
}

// Get fetches path and decodes the JSON response into out.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, BaseURL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
