// Package jwtlibs exercises the audience analyzer against the real JWT and
// OIDC modules. A "// want audience" comment marks each line that must be
// reported; the end-to-end test checks that exactly those are.
package jwtlibs

import (
	"context"
	"errors"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
	jwtv4 "github.com/golang-jwt/jwt/v4"
	"github.com/golang-jwt/jwt/v5"
	"github.com/lestrrat-go/jwx/v2/jwa"
	jwxjwt "github.com/lestrrat-go/jwx/v2/jwt"
)

const resource = "https://mcp.example.com"

var key = []byte("secret")

func keyFunc(*jwt.Token) (any, error) { return key, nil }

func v5NoAudience(raw string) error {
	_, err := jwt.Parse(raw, keyFunc) // want audience
	return err
}

func v5WithAudience(raw string) error {
	_, err := jwt.Parse(raw, keyFunc, jwt.WithAudience(resource))
	return err
}

func v5Parser(raw string) error {
	p := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}))
	_, err := p.ParseWithClaims(raw, &jwt.RegisteredClaims{}, keyFunc) // want audience
	return err
}

func v5Manual(raw string) error {
	c := &jwt.RegisteredClaims{}
	if _, err := jwt.ParseWithClaims(raw, c, keyFunc); err != nil {
		return err
	}
	aud, err := c.GetAudience()
	if err != nil || !slices.Contains(aud, resource) {
		return errors.New("wrong audience")
	}
	return nil
}

func v4NoCheck(raw string) error {
	_, err := jwtv4.Parse(raw, func(*jwtv4.Token) (interface{}, error) { return key, nil }) // want audience
	return err
}

func v4Verified(raw string) error {
	c := &jwtv4.RegisteredClaims{}
	if _, err := jwtv4.ParseWithClaims(raw, c, func(*jwtv4.Token) (interface{}, error) { return key, nil }); err != nil {
		return err
	}
	if !c.VerifyAudience(resource, true) {
		return errors.New("wrong audience")
	}
	return nil
}

func oidcSkip(ctx context.Context, p *oidc.Provider, raw string) error {
	_, err := p.Verifier(&oidc.Config{SkipClientIDCheck: true}).Verify(ctx, raw) // want audience
	return err
}

func oidcClientID(ctx context.Context, p *oidc.Provider, raw string) error {
	_, err := p.Verifier(&oidc.Config{ClientID: "mcp"}).Verify(ctx, raw)
	return err
}

func jwxNoAudience(raw []byte) error {
	_, err := jwxjwt.Parse(raw, jwxjwt.WithKey(jwa.HS256, key)) // want audience
	return err
}

func jwxWithAudience(raw []byte) error {
	_, err := jwxjwt.Parse(raw, jwxjwt.WithKey(jwa.HS256, key), jwxjwt.WithAudience(resource))
	return err
}

func jwxInsecure(raw []byte) (string, error) {
	tok, err := jwxjwt.ParseInsecure(raw) // want audience
	if err != nil {
		return "", err
	}
	return tok.Subject(), nil
}

// jwxWellFormed only asks whether the token parses.
func jwxWellFormed(raw []byte) error {
	_, err := jwxjwt.ParseInsecure(raw)
	return err
}
