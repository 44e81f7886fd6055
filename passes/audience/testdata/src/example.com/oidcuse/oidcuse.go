// want package:"token-aware"

// Package oidcuse verifies ID tokens with go-oidc.
package oidcuse

import (
	"context"
	"errors"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
)

func skip(ctx context.Context, p *oidc.Provider, raw string) error {
	v := p.Verifier(&oidc.Config{SkipClientIDCheck: true}) // want `oidc.Config\{SkipClientIDCheck: true\} accepts ID tokens issued to any client`
	_, err := v.Verify(ctx, raw)
	return err
}

func skipChecked(ctx context.Context, p *oidc.Provider, raw string) error {
	v := p.Verifier(&oidc.Config{SkipClientIDCheck: true})
	tok, err := v.Verify(ctx, raw)
	if err != nil {
		return err
	}
	if !slices.Contains(tok.Audience, "mcp-server") {
		return errors.New("token not issued for this server")
	}
	return nil
}

func clientID(ctx context.Context, p *oidc.Provider, raw string) error {
	_, err := p.Verifier(&oidc.Config{ClientID: "mcp-server"}).Verify(ctx, raw)
	return err
}

// SkipClientIDCheck set from configuration, not constant: not judged.
func configured(ctx context.Context, p *oidc.Provider, raw string, skip bool) error {
	_, err := p.Verifier(&oidc.Config{ClientID: "mcp-server", SkipClientIDCheck: skip}).Verify(ctx, raw)
	return err
}

// The configuration is built here and used through a builder function the
// analysis does not follow; the audience is checked where the token is
// verified (found on oauth2-proxy): not judged.
func config() *oidc.Config {
	return &oidc.Config{ClientID: "mcp-server", SkipClientIDCheck: true}
}

type builder func(*oidc.Config) *oidc.IDTokenVerifier

func verifyWith(ctx context.Context, build builder, raw string) error {
	tok, err := build(config()).Verify(ctx, raw)
	if err != nil {
		return err
	}
	if !slices.Contains(tok.Audience, "mcp-server") && !slices.Contains(tok.Audience, "extra") {
		return errors.New("token not issued for this server")
	}
	return nil
}

// SkipClientIDCheck only when no audience is configured: with one, the
// client ID is checked (a check conditional on configuration counts).
func onlyWithoutAudience(ctx context.Context, p *oidc.Provider, audience, raw string) error {
	cfg := &oidc.Config{ClientID: audience}
	if audience == "" {
		cfg.SkipClientIDCheck = true
	}
	_, err := p.Verifier(cfg).Verify(ctx, raw)
	return err
}

// The same shape with the condition on something else is still reported.
func skipWhenDebug(ctx context.Context, p *oidc.Provider, debug bool, raw string) error {
	cfg := &oidc.Config{ClientID: "mcp-server"}
	if debug {
		cfg.SkipClientIDCheck = true // want `oidc.Config\{SkipClientIDCheck: true\} accepts ID tokens issued to any client`
	}
	_, err := p.Verifier(cfg).Verify(ctx, raw)
	return err
}

// A verifier made once and kept in a field: it is made to accept tokens,
// and where Verify is called the audience is not checked.
type server struct {
	verifier *oidc.IDTokenVerifier
}

func newServer(p *oidc.Provider) *server {
	return &server{verifier: p.Verifier(&oidc.Config{SkipClientIDCheck: true})} // want `oidc.Config\{SkipClientIDCheck: true\} accepts ID tokens issued to any client`
}

func (s *server) authenticate(ctx context.Context, raw string) (*oidc.IDToken, error) {
	return s.verifier.Verify(ctx, raw)
}

func withContext(ctx context.Context, p *oidc.Provider) *oidc.IDTokenVerifier {
	return p.VerifierContext(ctx, &oidc.Config{SkipClientIDCheck: true}) // want `oidc.Config\{SkipClientIDCheck: true\} accepts ID tokens`
}

func fromKeySet(keys oidc.KeySet) *oidc.IDTokenVerifier {
	cfg := &oidc.Config{}
	cfg.SkipClientIDCheck = true // want `oidc.Config\{SkipClientIDCheck: true\} accepts ID tokens`
	return oidc.NewVerifier("https://issuer.example.com", keys, cfg)
}

// Skipped exactly when no audience is configured, in the literal: a
// check conditional on configuration counts.
func skipIfNoAudience(p *oidc.Provider, audience string) *oidc.IDTokenVerifier {
	return p.Verifier(&oidc.Config{ClientID: audience, SkipClientIDCheck: audience == ""})
}
