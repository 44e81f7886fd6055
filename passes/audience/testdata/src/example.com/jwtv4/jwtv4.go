// want package:"token-aware"

// Package jwtv4 parses tokens with golang-jwt v4, which has no audience
// option.
package jwtv4

import (
	"errors"

	"github.com/golang-jwt/jwt/v4"
)

func keyFunc(*jwt.Token) (interface{}, error) { return []byte("secret"), nil }

func parse(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want `golang-jwt v4 has no audience option: check claims.VerifyAudience`
	return err
}

func verified(raw string) error {
	c := &jwt.RegisteredClaims{}
	if _, err := jwt.ParseWithClaims(raw, c, keyFunc); err != nil {
		return err
	}
	if !c.VerifyAudience("https://mcp.example.com", true) {
		return errors.New("token not issued for this server")
	}
	return nil
}

func verifiedMap(raw string) error {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return err
	}
	if m, ok := t.Claims.(jwt.MapClaims); !ok || !m.VerifyAudience("https://mcp.example.com", true) {
		return errors.New("token not issued for this server")
	}
	return nil
}
