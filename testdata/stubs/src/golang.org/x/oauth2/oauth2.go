// Package oauth2 is a stub of golang.org/x/oauth2 for tests.
package oauth2

import (
	"context"
	"net/http"
	"net/url"
)

type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
}

func (t *Token) Extra(key string) any { return nil }

type TokenSource interface{ Token() (*Token, error) }

type static struct{ t *Token }

func (s static) Token() (*Token, error) { return s.t, nil }

func StaticTokenSource(t *Token) TokenSource { return static{t} }

func NewClient(ctx context.Context, src TokenSource) *http.Client { return http.DefaultClient }

type Config struct {
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
}

type AuthCodeOption interface{}

func SetAuthURLParam(key, value string) AuthCodeOption { return nil }

// Exchange returns a token the authorization server issued.
func (c *Config) Exchange(ctx context.Context, code string, opts ...AuthCodeOption) (*Token, error) {
	_ = url.Values{}
	return &Token{}, nil
}

func (c *Config) Client(ctx context.Context, t *Token) *http.Client { return http.DefaultClient }

func (c *Config) TokenSource(ctx context.Context, t *Token) TokenSource { return StaticTokenSource(t) }

func (c *Config) AuthCodeURL(state string, opts ...AuthCodeOption) string { return "" }

func (c *Config) PasswordCredentialsToken(ctx context.Context, username, password string) (*Token, error) {
	return &Token{}, nil
}

type DeviceAuthResponse struct {
	DeviceCode      string
	UserCode        string
	VerificationURI string
}

func (c *Config) DeviceAuth(ctx context.Context, opts ...AuthCodeOption) (*DeviceAuthResponse, error) {
	return &DeviceAuthResponse{}, nil
}

func (c *Config) DeviceAccessToken(ctx context.Context, da *DeviceAuthResponse, opts ...AuthCodeOption) (*Token, error) {
	return &Token{}, nil
}

func ReuseTokenSource(t *Token, src TokenSource) TokenSource { return src }

func AccessTypeOffline() AuthCodeOption { return nil }

func VerifierOption(verifier string) AuthCodeOption { return nil }

// SetAuthHeader and Transport mirror the real package: a Token's
// AccessToken does end up in an Authorization header when a Transport
// uses it. The rules model this package instead of analyzing it, so that a
// Token handed to a token exchange is not taken for one a client uses.
func (t *Token) SetAuthHeader(r *http.Request) {
	r.Header.Set("Authorization", t.TokenType+" "+t.AccessToken)
}

type Transport struct {
	Source TokenSource
	Base   http.RoundTripper
}

func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	tok, err := t.Source.Token()
	if err != nil {
		return nil, err
	}
	req2 := req.Clone(req.Context())
	tok.SetAuthHeader(req2)
	return t.Base.RoundTrip(req2)
}
