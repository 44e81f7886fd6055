// want package:"token-aware"

// Package jwtv5 parses tokens with golang-jwt v5.
package jwtv5

import (
	"errors"
	"slices"

	"example.com/audcheck"
	"github.com/golang-jwt/jwt/v5"
)

var key = []byte("secret")

func keyFunc(*jwt.Token) (any, error) { return key, nil }

type claims struct {
	jwt.RegisteredClaims
	Scope string
}

var resource = "https://mcp.example.com"

func parse(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts the token without checking its audience: add jwt.WithAudience`
}

func parseWithClaims(raw string) (*claims, error) {
	c := &claims{}
	_, err := jwt.ParseWithClaims(raw, c, keyFunc, jwt.WithIssuer("https://auth.example.com")) // want `jwt.ParseWithClaims accepts the token without checking its audience`
	return c, err
}

func parser(raw string) error {
	p := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}))
	_, err := p.Parse(raw, keyFunc) // want `\(\*jwt.Parser\).Parse accepts the token without checking its audience`
	return err
}

func withoutValidation(raw string) error {
	_, err := jwt.Parse(raw, keyFunc, jwt.WithAudience(resource), jwt.WithoutClaimsValidation()) // want `with jwt.WithoutClaimsValidation accepts the token`
	return err
}

// The issuer is read and compared, the audience never.
func issuerOnly(raw string) error {
	t, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts`
	if err != nil {
		return err
	}
	if audcheck.Issuer(t.Claims) != "https://auth.example.com" {
		return errors.New("wrong issuer")
	}
	return nil
}

// Negatives.

func withAudience(raw string) error {
	_, err := jwt.Parse(raw, keyFunc, jwt.WithAudience(resource))
	return err
}

func withAllAudiences(raw string) error {
	_, err := jwt.ParseWithClaims(raw, &claims{}, keyFunc, jwt.WithAllAudiences(resource, "https://other"))
	return err
}

func parserWithAudience(raw string) error {
	p := jwt.NewParser(jwt.WithAudience(resource), jwt.WithValidMethods([]string{"HS256"}))
	_, err := p.ParseWithClaims(raw, &claims{}, keyFunc)
	return err
}

// A parser kept in a variable is judged by what the package stores in it.
var shared = jwt.NewParser(jwt.WithAudience(resource))

func sharedParser(raw string) error {
	_, err := shared.Parse(raw, keyFunc)
	return err
}

func manualGetAudience(raw string) error {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return err
	}
	aud, err := t.Claims.GetAudience()
	if err != nil || !slices.Contains(aud, resource) {
		return errors.New("token not issued for this server")
	}
	return nil
}

func manualField(raw string) error {
	c := &claims{}
	if _, err := jwt.ParseWithClaims(raw, c, keyFunc); err != nil {
		return err
	}
	for _, a := range c.Audience {
		if a == resource {
			return nil
		}
	}
	return errors.New("token not issued for this server")
}

func manualMapClaims(raw string) error {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return err
	}
	m, ok := t.Claims.(jwt.MapClaims)
	if !ok || m["aud"] != resource {
		return errors.New("token not issued for this server")
	}
	return nil
}

// The check in a helper of this package.
func checkAudience(c *claims) error {
	if !slices.Contains(c.Audience, resource) {
		return errors.New("token not issued for this server")
	}
	return nil
}

func helperInPackage(raw string) error {
	c := &claims{}
	if _, err := jwt.ParseWithClaims(raw, c, keyFunc); err != nil {
		return err
	}
	return checkAudience(c)
}

// The check in a helper of another package (a fact).
func helperInOtherPackage(raw string) error {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return err
	}
	if !audcheck.Check(t.Claims) {
		return errors.New("token not issued for this server")
	}
	return nil
}

// The expected audience comes from configuration that is always set.
type config struct{ Audience string }

func fromConfig(raw string, cfg config) error {
	_, err := jwt.Parse(raw, keyFunc, jwt.WithAudience(cfg.Audience))
	return err
}

// The audience is compared only under a debug flag, and the result only
// logged: the check cannot decide acceptance.
func debugOnly(raw string, debug bool) (*jwt.Token, error) {
	t, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts`
	if err != nil {
		return nil, err
	}
	if debug {
		aud, _ := t.Claims.GetAudience()
		println(slices.Contains(aud, resource))
	}
	return t, nil
}

// The check decides on every path to acceptance, through a loop.
func loopCheck(raw string) (*jwt.Token, error) {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return nil, err
	}
	aud, _ := t.Claims.GetAudience()
	for _, a := range aud {
		if a == resource {
			return t, nil
		}
	}
	return nil, errors.New("token not issued for this server")
}

// ParseUnverified trusted as is.
func unverified(raw string) (string, error) {
	c := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, c); err != nil { // want `ParseUnverified does not verify the token's signature`
		return "", err
	}
	return audcheck.Issuer(c), nil
}

// ParseUnverified to read the issuer and pick the key, then a verified
// parse of the same token: the usual pattern.
func peekThenVerify(raw string) error {
	c := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, c); err != nil {
		return err
	}
	_, err := jwt.Parse(raw, keyFunc, jwt.WithAudience(resource))
	return err
}

type validator struct{ audience string }

// The audience is checked when one is configured, through a flag set in
// a loop and tested after it (as an MCP gateway's claims validator does):
// a check conditional on configuration counts.
func (v *validator) flagAfterLoop(raw string) (*jwt.Token, error) {
	t, err := jwt.Parse(raw, keyFunc)
	if err != nil {
		return nil, err
	}
	if v.audience != "" {
		aud, _ := t.Claims.GetAudience()
		found := false
		for _, a := range aud {
			if a == v.audience {
				found = true
				break
			}
		}
		if !found {
			return nil, errors.New("token not issued for this server")
		}
	}
	return t, nil
}

// The same flag, only logged: it decides nothing.
func (v *validator) flagOnlyLogged(raw string) (*jwt.Token, error) {
	t, err := jwt.Parse(raw, keyFunc) // want `jwt.Parse accepts`
	if err != nil {
		return nil, err
	}
	aud, _ := t.Claims.GetAudience()
	found := false
	for _, a := range aud {
		if a == v.audience {
			found = true
		}
	}
	if !found {
		println("audience mismatch")
	}
	return t, nil
}

// A parser built once and kept in a field, used in a method: judged by
// the parsers the package stores into the field.
type authenticator struct {
	parser *jwt.Parser
}

func newAuthenticator() *authenticator {
	return &authenticator{parser: jwt.NewParser(jwt.WithIssuer("https://auth.example.com"))}
}

func (a *authenticator) authenticate(raw string) (*jwt.Token, error) {
	return a.parser.Parse(raw, keyFunc) // want `\(\*jwt.Parser\).Parse accepts the token without checking its audience: add jwt.WithAudience\(<this server's resource URI>\) to the options of the jwt.NewParser`
}

type strictAuthenticator struct {
	parser *jwt.Parser
}

func newStrict() *strictAuthenticator {
	return &strictAuthenticator{parser: jwt.NewParser(jwt.WithAudience(resource))}
}

func (a *strictAuthenticator) authenticate(raw string) (*jwt.Token, error) {
	return a.parser.Parse(raw, keyFunc)
}

// A parser handed in from outside the package is not judged here.
type injected struct {
	parser *jwt.Parser
}

func newInjected(p *jwt.Parser) *injected { return &injected{parser: p} }

func (a *injected) authenticate(raw string) (*jwt.Token, error) {
	return a.parser.Parse(raw, keyFunc)
}
