// Package negatives copies headers in ways that do not forward the
// client's credential.
package negatives

import (
	"context"
	"log"
	"maps"
	"net/http"
	"slices"
	"strings"
)

func newReq(ctx context.Context) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	return req
}

// 1. The loop skips Authorization by comparison.
func skipEqual(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		if k == "Authorization" {
			continue
		}
		out.Header[k] = vs
	}
}

// 2. By strings.EqualFold.
func skipFold(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		if strings.EqualFold(k, "authorization") {
			continue
		}
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
}

// 3. By canonicalizing first.
func skipCanonical(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		if http.CanonicalHeaderKey(k) != "Authorization" {
			out.Header[k] = vs
		}
	}
}

// 4. By a switch.
func skipSwitch(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		switch strings.ToLower(k) {
		case "authorization", "cookie":
			continue
		}
		out.Header[k] = vs
	}
}

// 5. Through an allowlist map.
var allowed = map[string]bool{"Accept": true, "Content-Type": true}

func allowlistMap(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		if allowed[k] {
			out.Header[k] = vs
		}
	}
}

// 6. Through an allowlist slice.
func allowlistSlice(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	for k, vs := range r.Header {
		if slices.Contains([]string{"Accept", "User-Agent"}, k) {
			out.Header[k] = vs
		}
	}
}

// 7. A copy followed by Del("Authorization").
func copyThenDelete(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header = r.Header.Clone()
	out.Header.Del("Authorization")
	http.DefaultClient.Do(out)
}

// 8. maps.Copy followed by the server's own credential.
func copyThenOwn(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	maps.Copy(out.Header, r.Header)
	out.Header.Set("Authorization", "Bearer server-token")
	http.DefaultClient.Do(out)
}

// 9. A copy into the response.
func intoResponse(w http.ResponseWriter, r *http.Request) {
	for k, vs := range r.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	maps.Copy(w.Header(), r.Header)
}

// 10. A copy only logged.
func logged(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Clone()
	log.Printf("headers: %v", h)
}

// 11. The received request forwarded after removing Authorization.
func forwardStripped(w http.ResponseWriter, r *http.Request) {
	out := r.Clone(r.Context())
	out.Header.Del("Authorization")
	out.RequestURI = ""
	http.DefaultClient.Do(out)
}

// 12. The upstream response's headers copied into another outbound
// request: not inbound.
func responseHeaders(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://auth.example.com")
	if err != nil {
		return
	}
	out := newReq(r.Context())
	for k, vs := range resp.Header {
		out.Header[k] = vs
	}
}

// 13. Middleware rewriting the inbound request's own header.
func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		for k, vs := range r.Header {
			r2.Header[strings.ToLower(k)] = vs
		}
		next.ServeHTTP(w, r2)
	})
}

// 14. A single, named, non-credential header.
func oneHeader(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header.Set("Accept-Language", r.Header.Get("Accept-Language"))
}

// 15. An outbound request's header replaced by a new, allowlisted one.
func replaced(w http.ResponseWriter, r *http.Request) {
	out := newReq(r.Context())
	out.Header = http.Header{"Accept": r.Header.Values("Accept")}
	http.DefaultClient.Do(out)
}

// 16. A copy into a header map the function made, kept in the context for
// later inspection, never attached to an outbound request (found on
// stacklok/toolhive's test helpers).
type headersKey struct{}

func captureHeaders(ctx context.Context, r *http.Request) context.Context {
	headers := make(http.Header, len(r.Header))
	for k, v := range r.Header {
		headers[k] = v
	}
	return context.WithValue(ctx, headersKey{}, headers)
}
