package audcgo

// static int two(void) { return 2; }
import "C"

import "github.com/golang-jwt/jwt/v5"

// ResourceURI is this server's resource URI.
const ResourceURI = "https://mcp.example.com"

func Two() int { return int(C.two()) }

func keyFunc(*jwt.Token) (any, error) { return []byte("k"), nil }

func parse(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts the token without checking its audience`
	return err
}
