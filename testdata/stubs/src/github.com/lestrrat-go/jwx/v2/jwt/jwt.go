// Package jwt is a stub of github.com/lestrrat-go/jwx/v2/jwt for tests.
package jwt

type Token interface {
	Audience() []string
	Issuer() string
}

type ParseOption interface{ parseOption() }
type ValidateOption interface {
	ParseOption
	validateOption()
}

type option struct{}

func (option) parseOption()    {}
func (option) validateOption() {}

func Parse(s []byte, options ...ParseOption) (Token, error)         { return nil, nil }
func ParseString(s string, options ...ParseOption) (Token, error)   { return nil, nil }
func ParseInsecure(s []byte, options ...ParseOption) (Token, error) { return nil, nil }
func Validate(t Token, options ...ValidateOption) error             { return nil }

type withAud struct{ option }

func WithAudience(s string) withAud      { return withAud{} }
func WithIssuer(s string) option         { return option{} }
func WithVerify(v bool) option           { return option{} }
func WithValidate(v bool) option         { return option{} }
func WithKey(alg string, key any) option { return option{} }
