// Package bearers has middleware that lets a request through with a
// bearer token: some verify it first, some only look at it.
package bearers

import (
	"context"
	"crypto/subtle"
	"errors"
	"log"
	"net/http"
	"strings"

	"github.com/mark3labs/mcp-go/server"
)

type ctxKey struct{}

// presenceOnly checks that a bearer is there and lets the request through.
func presenceOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if auth == "" || !strings.HasPrefix(auth, "Bearer ") {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		tok := strings.TrimPrefix(auth, "Bearer ")
		if len(tok) < 20 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		log.Printf("request with token %s...", tok[:4])
		next.ServeHTTP(w, r) // want `this handler calls the next handler with the bearer token from Header.Get\("Authorization"\) although nothing verified`
	})
}

// intoContext stores the bearer for the tools and goes on.
func intoContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimSpace(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer"))
		ctx := context.WithValue(r.Context(), ctxKey{}, tok) // want `this handler stores the bearer token from Header.Get\("Authorization"\) in the request context`
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// bearerFrom is a helper: where it is called is a read.
func bearerFrom(r *http.Request) string {
	parts := strings.SplitN(r.Header.Get("Authorization"), " ", 2)
	if len(parts) != 2 || !strings.EqualFold(parts[0], "bearer") {
		return ""
	}
	return parts[1]
}

func viaHelper(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bearerFrom(r) == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r) // want `calls the next handler with the bearer token from bearerFrom \(which returns Header.Get\("Authorization"\)\)`
	})
}

// apiKeyHeader: a default credential header, let through unchecked.
func apiKeyHeader(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next(w, r) // want `calls the next handler with the bearer token from Header.Get\("X-Api-Key"\)`
	}
}

// mcpGoContext hands the token to mcp-go's tools without a check.
var mcpGoContext = server.WithHTTPContextFunc(func(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, ctxKey{}, r.Header.Get("Authorization")) // want `stores the bearer token from Header.Get\("Authorization"\) in the request context`
})

// skipMode lets the request through unchecked on one path only.
func skipMode(next http.Handler, skip bool, v verifier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := bearerFrom(r)
		if skip {
			next.ServeHTTP(w, r) // want `calls the next handler with the bearer token from bearerFrom`
			return
		}
		if err := v.Verify(r.Context(), tok); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// --- negatives: each verifies the token on every path to the next handler.

type verifier interface {
	Verify(ctx context.Context, token string) error
}

func withVerifier(next http.Handler, v verifier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if err := v.Verify(r.Context(), tok); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, tok)))
	})
}

var apiKey = []byte("configured")

func constantTime(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := []byte(bearerFrom(r))
		if subtle.ConstantTimeCompare(tok, apiKey) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

var keys = map[string]string{"k1": "alice"}

func storedKeys(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, ok := keys[r.Header.Get("X-Api-Key")]
		if !ok {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, user)))
	})
}

func lookupUser(token string) (string, error) {
	if token == "" {
		return "", errors.New("no token")
	}
	return "alice", nil
}

// databaseLookup: a function the token is handed to may check it.
func databaseLookup(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := lookupUser(bearerFrom(r)); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// otherHeader: a request id is not a credential.
func otherHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), ctxKey{}, r.Header.Get("X-Request-Id"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// rejectsAll reads the bearer but never lets the request through.
func rejectsAll(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "" {
		http.Error(w, "tokens are not accepted here", http.StatusForbidden)
	}
}

// outbound reads a header of a response, not of a received request.
func outbound(next http.Handler, resp *http.Response) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = resp.Header.Get("Authorization")
		next.ServeHTTP(w, r)
	})
}

type tokenVerifier func(ctx context.Context, token string, r *http.Request) (string, error)

// verifierValue: the function value the token is handed to is the
// verifier, not the next handler, although it is given the request too.
func verifierValue(next http.Handler, verify tokenVerifier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fields := strings.Fields(r.Header.Get("Authorization"))
		if len(fields) != 2 || strings.ToLower(fields[0]) != "bearer" {
			http.Error(w, "no bearer token", http.StatusUnauthorized)
			return
		}
		user, err := verify(r.Context(), fields[1], r)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, user)))
	})
}

// anonymousAllowed lets requests without a token through (they get the
// anonymous view) and verifies the ones that carry one.
func anonymousAllowed(next http.Handler, v verifier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("Authorization")
		if tok == "" {
			next.ServeHTTP(w, r)
			return
		}
		if err := v.Verify(r.Context(), tok); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func parseBearer(r *http.Request) (string, error) {
	tok := bearerFrom(r)
	if tok == "" {
		return "", errors.New("no bearer token")
	}
	return tok, nil
}

// proceedsWithout: when no bearer is found it goes on without one (an
// exchange middleware behind the authenticating one).
func proceedsWithout(next http.Handler, exchange func(string) (string, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		subject, err := parseBearer(r)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		upstream, err := exchange(subject)
		if err != nil {
			http.Error(w, "exchange failed", http.StatusBadGateway)
			return
		}
		r.Header.Set("Authorization", "Bearer "+upstream)
		next.ServeHTTP(w, r)
	})
}

type exchangeConfig struct {
	subjectToken func() (string, error)
}

func (c exchangeConfig) token() (string, error) { return "", nil }

// capturedForExchange: the token is captured by a function handed to a
// token exchange, which verifies it at the token service; the injector
// that sets the new token is a function value but no handler.
func capturedForExchange(next http.Handler, inject func(*http.Request, string) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		subject, err := parseBearer(r)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		cfg := exchangeConfig{subjectToken: func() (string, error) { return subject, nil }}
		upstream, err := cfg.token()
		if err != nil {
			http.Error(w, "exchange failed", http.StatusUnauthorized)
			return
		}
		if err := inject(r, upstream); err != nil {
			http.Error(w, "injection failed", http.StatusInternalServerError)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// normalize rewrites the client's header and goes on: it does not act as
// authentication (it rejects nothing, stores nothing); the middleware
// that authenticates runs after it.
func normalize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if raw := r.Header.Get("Authorization"); raw != "" {
			r.Header.Set("Authorization", "Bearer "+strings.TrimSpace(strings.TrimPrefix(raw, "Bearer")))
		}
		next.ServeHTTP(w, r)
	})
}

// userinfo validates the token by calling the identity provider with it.
func userinfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://idp.example.com/userinfo", nil)
		req.Header.Set("Authorization", r.Header.Get("Authorization"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// echoed writes the token back in a response header: that checks nothing.
func echoed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("Authorization")
		if tok == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("X-Seen-Token", tok)
		next.ServeHTTP(w, r) // want `calls the next handler with the bearer token from Header.Get\("Authorization"\)`
	})
}
