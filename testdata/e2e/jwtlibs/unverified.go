package jwtlibs

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

type ctxKey struct{}

// unverifiedIdentity trusts claims nobody verified.
func unverifiedIdentity(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims := jwt.MapClaims{}
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // want audience
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, claims)))
	})
}

type keys interface {
	Key(kid string) (any, error)
}

// peekKid reads kid to pick the key, then verifies the same token.
func peekKid(ks keys, raw string) (*jwt.RegisteredClaims, error) {
	tok, _, err := jwt.NewParser().ParseUnverified(raw, &jwt.RegisteredClaims{})
	if err != nil {
		return nil, err
	}
	kid, _ := tok.Header["kid"].(string)
	key, err := ks.Key(kid)
	if err != nil {
		return nil, err
	}
	claims := &jwt.RegisteredClaims{}
	_, err = jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return key, nil }, jwt.WithAudience(resource))
	return claims, err
}

// subjectOfIssued reads the subject of the token this client just got.
func subjectOfIssued(tok *oauth2.Token) (string, error) {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(tok.AccessToken, claims); err != nil {
		return "", err
	}
	return claims.GetSubject()
}

// fieldParser: the parser lacks the audience; it is used in a method.
type fieldParser struct{ p *jwt.Parser }

func newFieldParser() *fieldParser {
	return &fieldParser{p: jwt.NewParser(jwt.WithIssuer("https://auth.example.com"))}
}

func (f *fieldParser) parse(raw string) (*jwt.Token, error) {
	return f.p.Parse(raw, keyFunc) // want audience
}

// A verifier made from SkipClientIDCheck and kept for later.
type oidcServer struct{ v *oidc.IDTokenVerifier }

func newOIDCServer(ctx context.Context, p *oidc.Provider) *oidcServer {
	return &oidcServer{v: p.VerifierContext(ctx, &oidc.Config{SkipClientIDCheck: true})} // want audience
}

func (s *oidcServer) verify(ctx context.Context, raw string) error {
	_, err := s.v.Verify(ctx, raw)
	return err
}

func expectations() josejwt.Expected {
	return josejwt.Expected{Issuer: "https://auth.example.com"}
}

// joseJWS verifies a JWS and validates the claims it carries against
// expectations that lack the audience.
func joseJWS(raw string, pub any) (*josejwt.Claims, error) {
	sig, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return nil, err
	}
	payload, err := sig.Verify(pub)
	if err != nil {
		return nil, err
	}
	var c josejwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	if err := c.ValidateWithLeeway(expectations().WithTime(time.Now()), time.Minute); err != nil { // want audience
		return nil, err
	}
	return &c, nil
}

func joseJWSAudience(raw string, pub any) (*josejwt.Claims, error) {
	sig, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return nil, err
	}
	payload, err := sig.Verify(pub)
	if err != nil {
		return nil, err
	}
	var c josejwt.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	e := expectations()
	e.AnyAudience = josejwt.Audience{resource}
	if err := c.Validate(e.WithTime(time.Now())); err != nil {
		return nil, errors.New("token not issued for this server")
	}
	return &c, nil
}
