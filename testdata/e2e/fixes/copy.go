// Package fixes has findings whose fixes insert lines above another
// finding, in a generated file, and in a file with CRLF line endings.
package fixes

import "net/http"

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

func relay(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
	http.DefaultClient.Do(out)
}

func forward(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}
