// Package jwt is a stub of github.com/golang-jwt/jwt/v5 for tests.
package jwt

type ClaimStrings []string

type Claims interface {
	GetAudience() (ClaimStrings, error)
	GetIssuer() (string, error)
}

type RegisteredClaims struct {
	Issuer   string
	Subject  string
	Audience ClaimStrings
}

func (c RegisteredClaims) GetAudience() (ClaimStrings, error) { return c.Audience, nil }
func (c RegisteredClaims) GetIssuer() (string, error)         { return c.Issuer, nil }

type MapClaims map[string]any

func (m MapClaims) GetAudience() (ClaimStrings, error) { return nil, nil }
func (m MapClaims) GetIssuer() (string, error)         { return "", nil }
func (m MapClaims) GetSubject() (string, error)        { return "", nil }

type NumericDate struct{ Unix int64 }

func (m MapClaims) GetExpirationTime() (*NumericDate, error) { return nil, nil }

type Token struct {
	Header map[string]any
	Raw    string
	Claims Claims
	Valid  bool
}

type Keyfunc func(*Token) (any, error)

type ParserOption func(*Parser)

type Parser struct{ audience []string }

func NewParser(options ...ParserOption) *Parser { return &Parser{} }

func (p *Parser) Parse(tokenString string, keyFunc Keyfunc) (*Token, error) { return &Token{}, nil }
func (p *Parser) ParseWithClaims(tokenString string, claims Claims, keyFunc Keyfunc) (*Token, error) {
	return &Token{Claims: claims}, nil
}
func (p *Parser) ParseUnverified(tokenString string, claims Claims) (*Token, []string, error) {
	return &Token{Claims: claims}, nil, nil
}

func Parse(tokenString string, keyFunc Keyfunc, options ...ParserOption) (*Token, error) {
	return &Token{}, nil
}
func ParseWithClaims(tokenString string, claims Claims, keyFunc Keyfunc, options ...ParserOption) (*Token, error) {
	return &Token{Claims: claims}, nil
}

func WithAudience(aud ...string) ParserOption        { return nil }
func WithAllAudiences(aud ...string) ParserOption    { return nil }
func WithIssuer(iss string) ParserOption             { return nil }
func WithoutClaimsValidation() ParserOption          { return nil }
func WithValidMethods(methods []string) ParserOption { return nil }
