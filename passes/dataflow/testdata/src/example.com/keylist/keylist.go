// Package keylist stores values under context keys built from a constant
// list in a loop; each key is then read by its constant.
package keylist

import "context"

func secret() string { return "" }
func leak(string)    {}

type ctxKey string

type otherKey string

const (
	tokenKey = "token"
	modeKey  = "mode"
)

func store(ctx context.Context) context.Context {
	for _, k := range []string{tokenKey, modeKey} {
		ctx = context.WithValue(ctx, ctxKey(k), secret())
	}
	return ctx
}

func load(ctx context.Context) {
	leak(ctx.Value(ctxKey(tokenKey)).(string)) // want `secret\(\) reaches leak\(\)`
}

// The same value under another key type is another key.
func otherType(ctx context.Context) {
	leak(ctx.Value(otherKey(tokenKey)).(string))
}

// A key from a list that is not all constants names no key.
func notConstant(ctx context.Context, name string) context.Context {
	for _, k := range []string{tokenKey, name} {
		ctx = context.WithValue(ctx, otherKey(k), secret())
	}
	return ctx
}
