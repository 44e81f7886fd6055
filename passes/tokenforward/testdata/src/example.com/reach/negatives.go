package reach // want package:`func apiClient\.Call: [^;]*param2:cred->sink`

import (
	"context"
	"net/http"
	"net/url"
	"os"
)

// An interface whose only implementation does not forward the token.
type Auditor interface{ Record(token string) }

type hashingAuditor struct{}

func (hashingAuditor) Record(token string) { _ = len(token) }

func audit(a Auditor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.Record(r.Header.Get("Authorization"))
	}
}

// The same name under another key type is another key.
type otherKey string

func useOtherKey(ctx context.Context) {
	mode, _ := ctx.Value(otherKey(tokenHeader)).(string)
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com/"+url.PathEscape(mode), nil)
	_ = req
}

// Userinfo from the environment is the server's own credential.
func ownBasicAuth() {
	ui := url.UserPassword("svc", os.Getenv("UPSTREAM_PASSWORD"))
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	pass, _ := ui.Password()
	req.SetBasicAuth(ui.Username(), pass)
}

// Headers named by a variable whose values are not credentials.
func copyTrace(r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	for _, name := range []string{"X-Request-Id", "Traceparent"} {
		req.Header.Set(name, r.Header.Get(name))
	}
	trace := map[string]string{"X-Request-Id": r.Header.Get("X-Request-Id")}
	for k, v := range trace {
		req.Header.Set(k, v)
	}
}
