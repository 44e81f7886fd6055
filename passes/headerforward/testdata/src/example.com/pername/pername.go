// Package pername is analyzed with X-Tenant-Secret configured as a
// credential header: a wholesale copy must remove Authorization and
// X-Tenant-Secret, each by name; removing one does not count for the other.
package pername

import (
	"net/http"
	"slices"
	"strings"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func skipsOnlyTheConfigured(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if strings.EqualFold(k, "X-Tenant-Secret") {
			continue
		}
		for _, v := range vs {
			out.Header.Add(k, v) // want `forwarded wholesale`
		}
	}
	http.DefaultClient.Do(out)
}

func skipsOnlyAuthorization(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if k == "Authorization" {
			continue
		}
		out.Header[k] = vs // want `forwarded wholesale`
	}
	http.DefaultClient.Do(out)
}

func skipsBoth(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if k == "Authorization" || http.CanonicalHeaderKey(k) == "X-Tenant-Secret" {
			continue
		}
		out.Header[k] = vs
	}
	http.DefaultClient.Do(out)
}

func deletesOneAfterCopy(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	out.Header.Del("Authorization")
	http.DefaultClient.Do(out)
}

func deletesBothOnTheClone(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	h := r.Header.Clone()
	h.Del("Authorization")
	h.Del("X-Tenant-Secret")
	out.Header = h
	http.DefaultClient.Do(out)
}

// hopByHop is a deny list that omits the credential headers: not a filter.
var hopByHop = map[string]bool{
	"Connection":        true,
	"Keep-Alive":        true,
	"Transfer-Encoding": true,
	"Upgrade":           true,
}

func hopByHopOnly(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if hopByHop[k] {
			continue
		}
		out.Header[k] = vs // want `forwarded wholesale`
	}
	http.DefaultClient.Do(out)
}

var denied = []string{"Connection", "Authorization", "X-Tenant-Secret"}

func denyList(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if slices.Contains(denied, k) {
			continue
		}
		out.Header[k] = vs
	}
	http.DefaultClient.Do(out)
}

var allowed = map[string]bool{"Accept": true, "Content-Type": true, "X-Request-Id": true}

func allowList(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if !allowed[k] {
			continue
		}
		out.Header[k] = vs
	}
	http.DefaultClient.Do(out)
}

var allowedWithAuth = map[string]bool{"Accept": true, "Authorization": true}

func allowListWithAuthorization(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		if _, ok := allowedWithAuth[k]; ok {
			out.Header[k] = vs // want `forwarded wholesale`
		}
	}
	http.DefaultClient.Do(out)
}

// freshThenFilled makes a new header set and fills it with every inbound
// header: attaching it replaces nothing.
func freshThenFilled(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	h := make(http.Header)
	for k, vs := range r.Header {
		h[k] = vs
	}
	out.Header = h // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}
