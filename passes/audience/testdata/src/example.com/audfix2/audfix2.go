// want package:"token-aware"

// Package audfix2 has two audience-like names: no fix, the choice is the
// user's; and a parse with no name in scope gets none either.
package audfix2

import "github.com/golang-jwt/jwt/v5"

const (
	audience = "https://mcp.example.com"
	clientID = "mcp-server"
)

func keyFunc(*jwt.Token) (any, error) { return []byte("k"), nil }

func parse(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts`
	return err
}
