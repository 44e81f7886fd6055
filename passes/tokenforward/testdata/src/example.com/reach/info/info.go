// Package info declares the token info and its context accessors, which
// the middleware and the client package share without importing each
// other (github-mcp-server's pkg/context).
package info

import "context"

type TokenInfo struct{ Token string }

type key struct{}

func With(ctx context.Context, ti *TokenInfo) context.Context {
	return context.WithValue(ctx, key{}, ti)
}

func From(ctx context.Context) *TokenInfo {
	ti, _ := ctx.Value(key{}).(*TokenInfo)
	return ti
}
