// want package:"token-aware"

// Package jwxuse parses tokens with lestrrat-go/jwx v2.
package jwxuse

import (
	"errors"

	"github.com/lestrrat-go/jwx/v2/jwt"
)

func parse(raw []byte) (jwt.Token, error) {
	return jwt.Parse(raw, jwt.WithKey("RS256", nil)) // want `jwt.Parse accepts the token without checking its audience`
}

func insecure(raw []byte) (jwt.Token, error) {
	return jwt.ParseInsecure(raw) // want `jwt.ParseInsecure neither verifies nor validates the token`
}

func noValidate(raw []byte) (jwt.Token, error) {
	return jwt.Parse(raw, jwt.WithKey("RS256", nil), jwt.WithAudience("mcp"), jwt.WithValidate(false)) // want `with verification or validation turned off`
}

func withAudience(raw []byte) (jwt.Token, error) {
	return jwt.Parse(raw, jwt.WithKey("RS256", nil), jwt.WithAudience("https://mcp.example.com"))
}

func validated(raw []byte) (jwt.Token, error) {
	t, err := jwt.Parse(raw, jwt.WithKey("RS256", nil), jwt.WithValidate(true))
	if err != nil {
		return nil, err
	}
	return t, jwt.Validate(t, jwt.WithAudience("https://mcp.example.com"))
}

func manual(raw []byte) (jwt.Token, error) {
	t, err := jwt.ParseString(string(raw), jwt.WithKey("RS256", nil))
	if err != nil {
		return nil, err
	}
	for _, a := range t.Audience() {
		if a == "https://mcp.example.com" {
			return t, nil
		}
	}
	return nil, errors.New("token not issued for this server")
}
