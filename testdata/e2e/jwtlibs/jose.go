package jwtlibs

import (
	"errors"

	"github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
)

func joseNoAudience(raw string, pub any) error {
	tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return err
	}
	var c josejwt.Claims
	if err := tok.Claims(pub, &c); err != nil { // want audience
		return err
	}
	return c.Validate(josejwt.Expected{Issuer: "https://auth.example.com"})
}

func joseAnyAudience(raw string, pub any) error {
	tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return err
	}
	var c josejwt.Claims
	if err := tok.Claims(pub, &c); err != nil {
		return err
	}
	if err := c.Validate(josejwt.Expected{AnyAudience: josejwt.Audience{resource}}); err != nil {
		return errors.New("token not issued for this server")
	}
	return nil
}
