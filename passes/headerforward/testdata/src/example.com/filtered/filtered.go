// Package filtered fills a new header set with the inbound headers but
// the credential, and attaches it; and skips names with its own generic
// contains helper over a list of names.
package filtered

import (
	"net/http"
	"strings"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func freshFiltered(w http.ResponseWriter, r *http.Request) {
	h := http.Header{}
	for k, v := range r.Header {
		if k == "Authorization" {
			continue
		}
		h[k] = v
	}
	out := upstream()
	out.Header = h
	http.DefaultClient.Do(out)
}

func freshFilteredBySet(w http.ResponseWriter, r *http.Request) {
	h := make(http.Header)
	for k := range r.Header {
		if strings.EqualFold(k, "authorization") {
			continue
		}
		h.Set(k, r.Header.Get(k))
	}
	out := upstream()
	out.Header = h
	http.DefaultClient.Do(out)
}

func freshUnfiltered(w http.ResponseWriter, r *http.Request) {
	h := http.Header{}
	for k, v := range r.Header {
		h[k] = v
	}
	out := upstream()
	out.Header = h // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func ownHelper(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, v := range r.Header {
		if contains([]string{"authorization", "referer"}, strings.ToLower(k)) {
			continue
		}
		out.Header[k] = v
	}
	http.DefaultClient.Do(out)
}

func ownHelperWithoutAuthorization(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, v := range r.Header {
		if contains([]string{"connection", "referer"}, strings.ToLower(k)) {
			continue
		}
		out.Header[k] = v // want `forwarded wholesale`
	}
	http.DefaultClient.Do(out)
}

// ignored is read from settings at run time: a list whose names cannot be
// read is taken to decide what is copied.
var ignored = strings.Split(strings.ToLower(getenv("IGNORE_HEADERS")), ",")

func getenv(string) string { return "" }

// processHeader merges the inbound headers, but those ignored, into a new
// set that another function attaches.
func processHeader(origin http.Header) http.Header {
	result := http.Header{}
	for h, v := range origin {
		if contains(ignored, strings.ToLower(h)) {
			continue
		}
		result[h] = v
	}
	return result
}

func copyAll(origin http.Header) http.Header {
	result := http.Header{}
	for h, v := range origin {
		result[h] = v
	}
	return result
}

func send(h http.Header) {
	out := upstream()
	out.Header = h // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

// sendFiltered is send for the filtered sets (a finding there would be
// reported at its own line).
func sendFiltered(h http.Header) {
	out := upstream()
	out.Header = h
	http.DefaultClient.Do(out)
}

func viaHelpers(w http.ResponseWriter, r *http.Request) {
	sendFiltered(processHeader(r.Header))
}

func viaHelpersUnfiltered(w http.ResponseWriter, r *http.Request) {
	send(copyAll(r.Header))
}
