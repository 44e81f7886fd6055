// Package tokenlib obtains tokens for its callers; it knows nothing of
// MCP.
package tokenlib

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

var Config = &oauth2.Config{ClientID: "cli"}

// Login exchanges a code without the resource parameter.
func Login(ctx context.Context, code string) *http.Client {
	tok, _ := Config.Exchange(ctx, code)
	return Config.Client(ctx, tok)
}

// BoundLogin sends it.
func BoundLogin(ctx context.Context, code, resource string) *http.Client {
	tok, _ := Config.Exchange(ctx, code, oauth2.SetAuthURLParam("resource", resource))
	return Config.Client(ctx, tok)
}

// Token exchanges a code without the resource parameter and returns the token.
func Token(ctx context.Context, code string) *oauth2.Token {
	tok, _ := Config.Exchange(ctx, code)
	return tok
}
