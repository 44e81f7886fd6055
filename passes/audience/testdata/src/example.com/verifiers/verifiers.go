// Package verifiers installs go-sdk token verifiers.
package verifiers

import (
	"context"
	"errors"
	"log"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/modelcontextprotocol/go-sdk/auth"
)

// blind only checks that a token is present.
func blind(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("no token")
	}
	log.Printf("token of length %d", len(token))
	return &auth.TokenInfo{UserID: "anyone"}, nil // want `this token verifier accepts the bearer token without validating it`
}

// checked parses the token with an audience.
func checked(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
	if _, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return []byte("k"), nil }, jwt.WithAudience("https://mcp.example.com")); err != nil {
		return nil, err
	}
	return &auth.TokenInfo{}, nil
}

// delegating hands the token to a validator the analysis cannot see into.
type validator interface {
	Validate(ctx context.Context, token string) (string, error)
}

type server struct{ v validator }

func (s *server) verify(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
	user, err := s.v.Validate(ctx, token)
	if err != nil {
		return nil, err
	}
	return &auth.TokenInfo{UserID: user}, nil
}

// static compares the token with a configured secret: a check.
func static(want string) auth.TokenVerifier {
	return func(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
		if token != want {
			return nil, errors.New("bad token")
		}
		return &auth.TokenInfo{}, nil
	}
}

func routes(s *server) {
	http.Handle("/a", auth.RequireBearerToken(blind, nil)(nil))
	http.Handle("/b", auth.RequireBearerToken(checked, nil)(nil))
	http.Handle("/c", auth.RequireBearerToken(s.verify, nil)(nil))
	http.Handle("/d", auth.RequireBearerToken(static("secret"), nil)(nil))
	// A literal that accepts everything.
	http.Handle("/e", auth.RequireBearerToken(func(ctx context.Context, token string, r *http.Request) (*auth.TokenInfo, error) {
		return &auth.TokenInfo{Scopes: []string{"all"}}, nil // want `this token verifier accepts the bearer token without validating it`
	}, nil)(nil))
}
