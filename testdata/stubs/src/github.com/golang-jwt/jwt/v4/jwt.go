// Package jwt is a stub of github.com/golang-jwt/jwt/v4 for tests.
package jwt

type Claims interface{ Valid() error }

type RegisteredClaims struct {
	Issuer   string
	Audience []string
}

func (c RegisteredClaims) Valid() error                              { return nil }
func (c *RegisteredClaims) VerifyAudience(cmp string, req bool) bool { return true }

type MapClaims map[string]interface{}

func (m MapClaims) Valid() error                             { return nil }
func (m MapClaims) VerifyAudience(cmp string, req bool) bool { return true }

type Token struct {
	Raw    string
	Claims Claims
	Valid  bool
}

type Keyfunc func(*Token) (interface{}, error)

type ParserOption func(*Parser)

type Parser struct{}

func Parse(tokenString string, keyFunc Keyfunc, options ...ParserOption) (*Token, error) {
	return &Token{}, nil
}
func ParseWithClaims(tokenString string, claims Claims, keyFunc Keyfunc, options ...ParserOption) (*Token, error) {
	return &Token{Claims: claims}, nil
}
func WithoutClaimsValidation() ParserOption { return nil }
