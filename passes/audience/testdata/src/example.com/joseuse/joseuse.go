// want package:"token-aware"

// Package joseuse verifies tokens with go-jose v4.
package joseuse

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/go-jose/go-jose/v4/jwt"
)

func noAudience(raw string, key any) (*jwt.Claims, error) {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return nil, err
	}
	var c jwt.Claims
	if err := tok.Claims(key, &c); err != nil { // want `\(\*jwt.JSONWebToken\).Claims accepts the claims without checking their audience`
		return nil, err
	}
	return &c, c.Validate(jwt.Expected{Issuer: "https://auth.example.com"})
}

func unsafe(raw string) (*jwt.Claims, error) {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return nil, err
	}
	var c jwt.Claims
	err = tok.UnsafeClaimsWithoutVerification(&c) // want `jwt.UnsafeClaimsWithoutVerification does not verify the signature`
	return &c, err
}

func anyAudience(raw string, key any) error {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return err
	}
	var c jwt.Claims
	if err := tok.Claims(key, &c); err != nil {
		return err
	}
	return c.Validate(jwt.Expected{Issuer: "https://auth.example.com", AnyAudience: jwt.Audience{"https://mcp.example.com"}})
}

type custom struct {
	jwt.Claims
	Scope string
}

func manualContains(raw string, key any) error {
	tok, err := jwt.ParseSigned(raw, []string{"RS256"})
	if err != nil {
		return err
	}
	var c custom
	if err := tok.Claims(key, &c); err != nil {
		return err
	}
	if !c.Audience.Contains("https://mcp.example.com") {
		return errors.New("token not issued for this server")
	}
	return nil
}

// expectations builds the expectations once; they lack the audience.
func expectations() jwt.Expected {
	return jwt.Expected{Issuer: "https://auth.example.com"}
}

func strictExpectations() jwt.Expected {
	return jwt.Expected{Issuer: "https://auth.example.com", AnyAudience: jwt.Audience{"https://mcp.example.com"}}
}

// Claims decoded from a payload verified some other way (a JWS): the
// validation accepts them, and it has no audience.
func helperExpected(payload []byte) (*jwt.Claims, error) {
	var c jwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	if err := c.ValidateWithLeeway(expectations().WithTime(time.Now()), 60); err != nil { // want `jwt.Claims.ValidateWithLeeway with an Expected that has no AnyAudience accepts a token issued for any audience`
		return nil, err
	}
	return &c, nil
}

func issuerOnlyExpected(payload []byte) (*jwt.Claims, error) {
	var c jwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	return &c, c.Validate(jwt.Expected{Issuer: "https://auth.example.com"}) // want `jwt.Claims.Validate with an Expected that has no AnyAudience`
}

func strictHelperExpected(payload []byte) (*jwt.Claims, error) {
	var c jwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	return &c, c.Validate(strictExpectations().WithTime(time.Now()))
}

// An audience set only when one is configured counts.
func configuredExpected(payload []byte, audience string) error {
	var c jwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return err
	}
	e := jwt.Expected{}
	if audience != "" {
		e.AnyAudience = jwt.Audience{audience}
	}
	return c.Validate(e)
}

type verifierWithExpected struct{ expected jwt.Expected }

// Expectations kept in a field are made elsewhere: not judged.
func (v *verifierWithExpected) fieldExpected(payload []byte) error {
	var c jwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return err
	}
	return c.Validate(v.expected)
}
