// Package audcheck holds audience checks other packages call. // want package:`func Check: [^;]*param0:jwt->sink`
package audcheck

import (
	"slices"

	"github.com/golang-jwt/jwt/v5"
)

// Resource is this server's resource URI.
const Resource = "https://mcp.example.com"

// Check reports whether the claims were issued for this server.
func Check(c jwt.Claims) bool {
	aud, err := c.GetAudience()
	return err == nil && slices.Contains(aud, Resource)
}

// Issuer reads the issuer only: not an audience check.
func Issuer(c jwt.Claims) string {
	iss, _ := c.GetIssuer()
	return iss
}
