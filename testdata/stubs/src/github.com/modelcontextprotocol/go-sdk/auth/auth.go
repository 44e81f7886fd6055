// Package auth is a stub of the MCP go-sdk auth package for tests.
package auth

import (
	"context"
	"net/http"
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
