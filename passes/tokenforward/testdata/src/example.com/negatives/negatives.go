// Package negatives holds code that a naive taint analysis would flag and
// that tokenforward must not: no function here forwards the client's
// credential upstream.
package negatives

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"

	"golang.org/x/oauth2"
)

func newUpstream(ctx context.Context) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	return req
}

// 1. The server's own credential from the environment, on the same sink.
func ownFromEnv(w http.ResponseWriter, r *http.Request) {
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
}

// 2. The server's own credential from configuration.
type config struct{ UpstreamToken string }

var cfg = config{UpstreamToken: "from-file"}

func ownFromConfig(w http.ResponseWriter, r *http.Request) {
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+cfg.UpstreamToken)
}

// 3. The response's own header.
func responseHeader(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Authorization", r.Header.Get("Authorization"))
}

// 4. Middleware rewriting its own inbound request, then calling next.
func normalize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimSpace(r.Header.Get("Authorization"))
		r.Header.Set("Authorization", tok)
		next.ServeHTTP(w, r)
	})
}

// 5. Middleware setting the header on a clone of the inbound request.
func cloneInbound(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		r2.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		next.ServeHTTP(w, r2)
	})
}

// 6. Token only logged.
func logged(w http.ResponseWriter, r *http.Request) {
	log.Printf("auth header present: %v", r.Header.Get("Authorization") != "")
	log.Println(r.Header.Get("Authorization"))
}

// 7. Token only hashed, the hash sent as a cache key.
func hashed(w http.ResponseWriter, r *http.Request) {
	sum := sha256.Sum256([]byte(r.Header.Get("Authorization")))
	out := newUpstream(r.Context())
	out.Header.Set("X-Cache-Key", hex.EncodeToString(sum[:]))
}

// 8. Token compared in constant time.
func compared(w http.ResponseWriter, r *http.Request) {
	ok := subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer x")) == 1
	out := newUpstream(r.Context())
	if ok {
		out.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
	}
}

// 9. Length check only.
func lengthChecked(w http.ResponseWriter, r *http.Request) {
	if len(r.Header.Get("Authorization")) < 10 {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	}
}

// 10. RFC 8693 token exchange: the token goes in the form body; the
// exchanged token goes upstream.
type exchangeResponse struct {
	AccessToken string `json:"access_token"`
}

func exchange(ctx context.Context, subject string) (string, error) {
	form := url.Values{
		"grant_type":         {"urn:ietf:params:oauth:grant-type:token-exchange"},
		"subject_token":      {subject},
		"subject_token_type": {"urn:ietf:params:oauth:token-type:access_token"},
	}
	req, _ := http.NewRequestWithContext(ctx, "POST", "https://auth.example.com/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("mcp-server", os.Getenv("CLIENT_SECRET"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out exchangeResponse
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out.AccessToken, err
}

func withExchange(w http.ResponseWriter, r *http.Request) {
	tok, err := exchange(r.Context(), strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
	if err != nil {
		return
	}
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+tok)
}

// 11. RFC 7662 introspection: the token is the form body of a POST.
func introspect(w http.ResponseWriter, r *http.Request) {
	form := url.Values{"token": {r.Header.Get("Authorization")}}
	http.PostForm("https://auth.example.com/introspect", form)
}

// 12. oauth2 client credentials / exchange via the library.
func oauthExchange(w http.ResponseWriter, r *http.Request) {
	conf := &oauth2.Config{ClientID: "mcp", ClientSecret: os.Getenv("SECRET")}
	tok, _ := conf.Exchange(r.Context(), r.URL.Query().Get("code"),
		oauth2.SetAuthURLParam("subject_token", r.Header.Get("Authorization")))
	oauth2.NewClient(r.Context(), oauth2.StaticTokenSource(tok)).Get("https://api.example.com")
}

// 13. A cache keyed by the inbound token that returns the exchanged token.
var (
	mu    sync.Mutex
	cache = map[string]string{}
)

func cachedExchange(w http.ResponseWriter, r *http.Request) {
	inbound := r.Header.Get("Authorization")
	mu.Lock()
	upstreamTok, ok := cache[hashKey(inbound)]
	mu.Unlock()
	if !ok {
		return
	}
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+upstreamTok)
}

func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// 14. A non-credential header forwarded: not a credential.
func requestID(w http.ResponseWriter, r *http.Request) {
	out := newUpstream(r.Context())
	out.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
}

// 15. A credential header of the inbound request written as a
// non-credential header upstream would still leak it, but that is not this
// case: here a non-credential inbound header goes into Authorization.
func wrongSourceHeader(w http.ResponseWriter, r *http.Request) {
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+lookupKey(r.Header.Get("X-Tenant")))
}

func lookupKey(tenant string) string { return os.Getenv("KEY_" + tenant) }

// 16. The token's presence decides the flow, its value is not forwarded.
func presence(w http.ResponseWriter, r *http.Request) {
	out := newUpstream(r.Context())
	if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		out.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
	}
}

// 17. A request the program received, passed to a helper that sets the
// header: the helper's request is inbound at this call.
func setOn(req *http.Request, tok string) { req.Header.Set("Authorization", tok) }

func helperOnInbound(w http.ResponseWriter, r *http.Request) {
	setOn(r, r.Header.Get("Authorization"))
}

// 18. An outbound request built from a response: the upstream response's
// Authorization is not an inbound credential.
func responseAuth(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://auth.example.com/session")
	if err != nil {
		return
	}
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", resp.Header.Get("Authorization"))
}

// 19. A client (not server) reading its own outbound request's header.
func clientSide(ctx context.Context) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", "Bearer "+os.Getenv("TOKEN"))
	again := newUpstream(ctx)
	again.Header.Set("Authorization", out.Header.Get("Authorization"))
}

// 20. The token written into the response body.
func echoed(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(r.Header.Get("Authorization")))
}

// 21. A JSON error mentioning the token's type only.
func errorBody(w http.ResponseWriter, r *http.Request) {
	kind, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	json.NewEncoder(w).Encode(map[string]string{"error": "unsupported scheme " + strings.ToLower(kind)})
}

// 22. Validation is not forwarding: the token is checked against a key.
func validate(tok string) bool { return strings.Count(tok, ".") == 2 }

func validated(w http.ResponseWriter, r *http.Request) {
	if !validate(r.Header.Get("Authorization")) {
		return
	}
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_TOKEN"))
}

// 23. A struct whose credential field is filled from configuration only.
type apiClient struct{ token string }

func (c *apiClient) call(ctx context.Context) {
	out := newUpstream(ctx)
	out.Header.Set("Authorization", "Bearer "+c.token)
}

func configuredClient(w http.ResponseWriter, r *http.Request) {
	c := &apiClient{token: os.Getenv("API_TOKEN")}
	c.call(r.Context())
}

// 24. A context key holding the user ID, read into Authorization by a
// different key type: different key, no flow.
type userKey struct{}
type credKey struct{}

func userMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), userKey{}, r.Header.Get("Authorization"))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func readOtherKey(ctx context.Context) {
	tok, _ := ctx.Value(credKey{}).(string)
	out := newUpstream(ctx)
	out.Header.Set("Authorization", tok)
}

// 25. Cookie forwarded: not a credential header (unless configured).
func cookie(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("session")
	if err != nil {
		return
	}
	out := newUpstream(r.Context())
	out.Header.Set("Authorization", "Bearer "+lookupSession(c.Value))
}

func lookupSession(id string) string { return os.Getenv("S_" + id) }

// 26. An error wrapped around the token is not a header value.
func wrapped(w http.ResponseWriter, r *http.Request) {
	err := errorf(r.Header.Get("Authorization"))
	log.Print(err)
}

func errorf(s string) error { return &tokenError{n: len(s)} }

type tokenError struct{ n int }

func (e *tokenError) Error() string { return "bad token" }

// 27. The inbound Authorization moved to a different inbound header by
// middleware (still the inbound request).
func moveHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("X-Original-Authorization", r.Header.Get("Authorization"))
		r.Header.Del("Authorization")
		next.ServeHTTP(w, r)
	})
}

// 28. An oauth2.Token built from the inbound token and handed to a token
// exchange as its subject token (found on kubernetes-mcp-server): the
// exchange is the correct pattern, the Token literal is not a sink.
type stsClient struct{ endpoint string }

func (s *stsClient) exchangeToken(ctx context.Context, subject *oauth2.Token) (*oauth2.Token, error) {
	form := url.Values{"subject_token": {subject.AccessToken}}
	resp, err := http.PostForm(s.endpoint, form)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out oauth2.Token
	err = json.NewDecoder(resp.Body).Decode(&out)
	return &out, err
}

func subjectTokenLiteral(w http.ResponseWriter, r *http.Request) {
	sts := &stsClient{endpoint: "https://sts.example.com/token"}
	exchanged, err := sts.exchangeToken(r.Context(), &oauth2.Token{
		AccessToken: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "),
		TokenType:   "Bearer",
	})
	if err != nil {
		return
	}
	oauth2.NewClient(r.Context(), oauth2.StaticTokenSource(exchanged)).Get("https://api.example.com")
}
