// Package oidc is a stub of github.com/coreos/go-oidc/v3/oidc for tests.
package oidc

import "context"

type Config struct {
	ClientID          string
	SkipClientIDCheck bool
	SkipExpiryCheck   bool
}

type Provider struct{}

func NewProvider(ctx context.Context, issuer string) (*Provider, error) { return &Provider{}, nil }

func (p *Provider) Verifier(config *Config) *IDTokenVerifier { return &IDTokenVerifier{} }

func (p *Provider) VerifierContext(ctx context.Context, config *Config) *IDTokenVerifier {
	return &IDTokenVerifier{}
}

type KeySet interface{}

func NewVerifier(issuerURL string, keySet KeySet, config *Config) *IDTokenVerifier {
	return &IDTokenVerifier{}
}

type IDTokenVerifier struct{}

func (v *IDTokenVerifier) Verify(ctx context.Context, rawIDToken string) (*IDToken, error) {
	return &IDToken{}, nil
}

type IDToken struct {
	Issuer   string
	Audience []string
	Subject  string
}
