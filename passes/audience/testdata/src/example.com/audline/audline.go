// want package:"token-aware"

// Package audline is generated code whose //line directives map it to
// lines of another file, past this one's end: the fix edits this file.
package audline

import "github.com/golang-jwt/jwt/v5"

// ResourceURI is this server's resource URI.
const ResourceURI = "https://mcp.example.com"

func keyFunc(*jwt.Token) (any, error) { return []byte("k"), nil }

//line tokens.rl:1000
func parse(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts the token without checking its audience`
	return err
}
