// Package bearerlib parses Authorization headers and keeps token
// information in contexts, for middleware in other packages.
package bearerlib

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
)

var tokenPattern = regexp.MustCompile(`\A[a-f0-9]{40}\z`)

// ParseAuthorizationHeader returns the token's type and the token: it
// checks its format, which is not verifying it.
func ParseAuthorizationHeader(req *http.Request) (kind int, token string, _ error) { // want ParseAuthorizationHeader:`bearer result1: Header.Get\("Authorization"\)`
	h := req.Header.Get("Authorization")
	if h == "" {
		return 0, "", errors.New("missing Authorization header")
	}
	if len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		token = h[7:]
	} else {
		token = h
	}
	if strings.HasPrefix(token, "ghp_") {
		return 1, token, nil
	}
	if tokenPattern.MatchString(token) {
		return 2, token, nil
	}
	return 0, "", errors.New("unsupported token")
}

// Authenticate looks the token up: it returns the user, not the token.
func Authenticate(req *http.Request, users map[string]string) (string, error) {
	user, ok := users[strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")]
	if !ok {
		return "", errors.New("unknown token")
	}
	return user, nil
}

type TokenInfo struct {
	Token string
	Kind  int
}

type infoKey struct{}

// WithTokenInfo makes a context that carries the token information.
func WithTokenInfo(ctx context.Context, info *TokenInfo) context.Context {
	return context.WithValue(ctx, infoKey{}, info)
}
