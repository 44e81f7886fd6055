// want package:"token-aware"

// Package verifiers installs go-sdk token verifiers.
package verifiers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

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

// introspect asks the authorization server (RFC 7662) and accepts any
// active token, whatever its audience (as the go-sdk auth example does).
func introspect(ctx context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
	form := url.Values{}
	form.Set("token", token)
	resp, err := http.PostForm("https://auth.example.com/introspect", form)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var result struct {
		Active bool   `json:"active"`
		Sub    string `json:"sub"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&result); err != nil {
		return nil, err
	}
	if !result.Active {
		return nil, errors.New("inactive")
	}
	return &auth.TokenInfo{UserID: result.Sub}, nil // want `accepts an introspected token \(RFC 7662\) on "active" without checking its "aud"`
}

// introspectAud also checks the audience.
func introspectAud(ctx context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
	resp, err := http.PostForm("https://auth.example.com/introspect", url.Values{"token": {token}})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var result struct {
		Active bool     `json:"active"`
		Aud    []string `json:"aud"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&result); err != nil {
		return nil, err
	}
	if !result.Active || !slices.Contains(result.Aud, "https://mcp.example.com") {
		return nil, errors.New("not for this server")
	}
	return &auth.TokenInfo{}, nil
}

func introspectionRoutes() {
	http.Handle("/f", auth.RequireBearerToken(introspect, nil)(nil))
	http.Handle("/g", auth.RequireBearerToken(introspectAud, nil)(nil))
}

// decodedPayload reads the claims from the JWT's payload with base64 and
// JSON, and checks them, but never the signature: anyone can mint one.
func decodedPayload(ctx context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var claims struct {
		Sub string   `json:"sub"`
		Aud []string `json:"aud"`
		Exp int64    `json:"exp"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, err
	}
	if claims.Exp < time.Now().Unix() || !slices.Contains(claims.Aud, "https://mcp.example.com") {
		return nil, errors.New("expired or not for this server")
	}
	return &auth.TokenInfo{UserID: claims.Sub}, nil // want `this token verifier accepts the bearer token without validating it`
}

func decodedRoutes() {
	http.Handle("/h", auth.RequireBearerToken(decodedPayload, nil)(nil))
}
