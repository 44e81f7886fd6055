// Package auth is a stub of the MCP go-sdk auth package for tests.
package auth

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

type TokenInfo struct {
	Scopes []string
	UserID string
}

type TokenVerifier func(ctx context.Context, token string, req *http.Request) (*TokenInfo, error)

type RequireBearerTokenOptions struct{ Scopes []string }

func RequireBearerToken(verifier TokenVerifier, opts *RequireBearerTokenOptions) func(http.Handler) http.Handler {
	return nil
}

// OAuthHandler is what a client transport asks for tokens.
type OAuthHandler interface {
	TokenSource(context.Context) (oauth2.TokenSource, error)
	Authorize(context.Context, *http.Request, *http.Response) error
}
