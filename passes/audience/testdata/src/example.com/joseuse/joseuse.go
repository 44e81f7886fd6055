// want package:"token-aware"

// Package joseuse verifies tokens with go-jose v4.
package joseuse

import (
	"errors"

	"github.com/go-jose/go-jose/v4/jwt"
)

func noAudience(raw string, key any) (*jwt.Claims, error) {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return nil, err
	}
	var c jwt.Claims
	if err := tok.Claims(key, &c); err != nil { // want `\(\*jwt.JSONWebToken\).Claims accepts the claims without checking their audience`
		return nil, err
	}
	return &c, c.Validate(jwt.Expected{Issuer: "https://auth.example.com"})
}

func unsafe(raw string) (*jwt.Claims, error) {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return nil, err
	}
	var c jwt.Claims
	err = tok.UnsafeClaimsWithoutVerification(&c) // want `jwt.UnsafeClaimsWithoutVerification does not verify the signature`
	return &c, err
}

func anyAudience(raw string, key any) error {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return err
	}
	var c jwt.Claims
	if err := tok.Claims(key, &c); err != nil {
		return err
	}
	return c.Validate(jwt.Expected{Issuer: "https://auth.example.com", AnyAudience: jwt.Audience{"https://mcp.example.com"}})
}

type custom struct {
	jwt.Claims
	Scope string
}

func manualContains(raw string, key any) error {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return err
	}
	var c custom
	if err := tok.Claims(key, &c); err != nil {
		return err
	}
	if !c.Audience.Contains("https://mcp.example.com") {
		return errors.New("token not issued for this server")
	}
	return nil
}
