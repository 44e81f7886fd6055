// want package:"token-aware"

// Package audfix has one audience-like name in scope: the fix uses it.
package audfix

import "github.com/golang-jwt/jwt/v5"

// ResourceURI is this server's resource URI.
const ResourceURI = "https://mcp.example.com"

func keyFunc(*jwt.Token) (any, error) { return []byte("k"), nil }

func parse(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts the token without checking its audience`
	return err
}

func parseWithOptions(raw string) error {
	_, err := jwt.ParseWithClaims(raw, &jwt.RegisteredClaims{}, keyFunc, jwt.WithIssuer("https://auth.example.com")) // want `jwt.ParseWithClaims accepts`
	return err
}
