// Package extauth is a stub of the MCP go-sdk auth/extauth package for tests.
package extauth

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

type ClientCredentialsHandlerConfig struct {
	HTTPClient *http.Client
}

type ClientCredentialsHandler struct{ ts oauth2.TokenSource }

func NewClientCredentialsHandler(config *ClientCredentialsHandlerConfig) (*ClientCredentialsHandler, error) {
	return &ClientCredentialsHandler{}, nil
}

func (h *ClientCredentialsHandler) TokenSource(ctx context.Context) (oauth2.TokenSource, error) {
	return h.ts, nil
}

func (h *ClientCredentialsHandler) Authorize(ctx context.Context, req *http.Request, resp *http.Response) error {
	return nil
}
