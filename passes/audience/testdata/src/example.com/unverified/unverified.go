// want package:"token-aware"

// Package unverified reads tokens with jwt.ParseUnverified: to pick a
// key, on the client side, and (the findings) to trust their claims.
package unverified

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

type ctxKey struct{}

// --- findings: the unverified claims become the identity.

func claimsIntoContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // want `ParseUnverified does not verify the token's signature, and its claims are trusted`
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, claims)))
	})
}

// subjectOf is a verifier in name only: it returns the subject.
func subjectOf(raw string) (string, error) {
	tok, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{}) // want `ParseUnverified does not verify`
	if err != nil {
		return "", err
	}
	return tok.Claims.(jwt.MapClaims).GetSubject()
}

// adminOnly compares a claim: an authorization decision on claims anyone
// can write.
func adminOnly(raw string) bool {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // want `ParseUnverified does not verify`
		return false
	}
	return claims["role"] == "admin"
}

// --- not findings.

type keyStore interface {
	PublicKey(kid string) (string, error)
}

type policy interface {
	Eval(ctx context.Context, input map[string]any) error
}

// pickKeyThenPolicy reads kid to pick the key, then a policy engine
// verifies the same raw token (the OPA io.jwt.decode_verify shape).
func pickKeyThenPolicy(ctx context.Context, keys keyStore, opa policy, bearer string) (jwt.MapClaims, error) {
	parts := strings.Split(bearer, " ")
	if len(parts) != 2 || parts[0] != "Bearer" {
		return nil, errors.New("expected authorization header format: Bearer <token>")
	}
	claims := jwt.MapClaims{}
	tok, _, err := jwt.NewParser().ParseUnverified(parts[1], claims)
	if err != nil {
		return nil, err
	}
	kid, _ := tok.Header["kid"].(string)
	pem, err := keys.PublicKey(kid)
	if err != nil {
		return nil, err
	}
	input := map[string]any{"Key": pem, "Token": parts[1]}
	if err := opa.Eval(ctx, input); err != nil {
		return nil, err
	}
	return claims, nil
}

type tokenVerifier interface {
	Verify(ctx context.Context, raw string) error
}

// issuerThenVerifier reads iss to pick a tenant's verifier, which
// verifies the raw token.
func issuerThenVerifier(ctx context.Context, tenants map[string]tokenVerifier, raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil {
		return nil, err
	}
	iss, _ := claims.GetIssuer()
	v, ok := tenants[iss]
	if !ok {
		return nil, errors.New("unknown issuer")
	}
	if err := v.Verify(ctx, raw); err != nil {
		return nil, err
	}
	return claims, nil
}

// extractClaims is a client-side helper: its callers give it tokens the
// program got from the token endpoint.
func extractClaims(tokenString string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(tokenString, claims); err != nil {
		return nil, err
	}
	return claims, nil
}

type tokenResult struct {
	AccessToken string
	Claims      jwt.MapClaims
}

func processToken(tok *oauth2.Token) *tokenResult {
	res := &tokenResult{AccessToken: tok.AccessToken}
	if id, ok := tok.Extra("id_token").(string); ok && id != "" {
		res.Claims, _ = extractClaims(id)
	} else {
		res.Claims, _ = extractClaims(tok.AccessToken)
	}
	return res
}

// tokenResponse is a token endpoint's response (RFC 6749 section 5.1).
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	IDToken     string `json:"id_token"`
}

// idTokenSubject reads the subject of the id_token this relying party
// just received from its identity provider over its own back channel.
func idTokenSubject(resp *http.Response) (string, error) {
	var tr tokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil {
		return "", err
	}
	tok, _, err := jwt.NewParser().ParseUnverified(tr.IDToken, jwt.MapClaims{})
	if err != nil {
		return "", err
	}
	return tok.Claims.(jwt.MapClaims).GetSubject()
}

// refreshAt reads exp of a stored upstream token to schedule its refresh.
func refreshAt(stored string) time.Time {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(stored, claims); err != nil {
		return time.Now()
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return time.Now()
	}
	return time.Unix(exp.Unix, 0).Add(-time.Minute)
}

// A relying party's back channel (the login.gov provider shape): the
// id_token comes from the token response this program requested with its
// own client credentials, its nonce is checked, and the identity comes
// from userinfo. It was not presented by a client, so no other service's
// token can be replayed through it: not judged (SPEC, client side).
type nonceClaims struct {
	Nonce string `json:"nonce"`
	jwt.RegisteredClaims
}

func checkNonce(idToken, nonce string) error {
	tok, err := jwt.ParseWithClaims(idToken, &nonceClaims{}, func(*jwt.Token) (any, error) { return []byte("jwks"), nil })
	if err != nil {
		return err
	}
	if tok.Claims.(*nonceClaims).Nonce != nonce {
		return errors.New("nonce validation failed")
	}
	return nil
}

func redeem(resp *http.Response, nonce string) error {
	var tr tokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil {
		return err
	}
	return checkNonce(tr.IDToken, nonce)
}

// A helper that some caller gives a client's token is judged.
func parseSession(raw string) (*jwt.Token, error) {
	return jwt.ParseWithClaims(raw, &nonceClaims{}, func(*jwt.Token) (any, error) { return []byte("jwks"), nil }) // want `jwt.ParseWithClaims accepts the token without checking its audience`
}

func redeemSession(tr tokenResponse) (*jwt.Token, error) { return parseSession(tr.IDToken) }

func inboundSession(r *http.Request) (*jwt.Token, error) {
	return parseSession(r.Header.Get("Authorization"))
}

// errorOnly: only the parse's error is used (a well-formedness check).
func errorOnly(raw string) error {
	_, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
	return err
}
