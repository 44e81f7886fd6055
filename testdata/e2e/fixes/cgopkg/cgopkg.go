// Package cgopkg uses cgo: -fix does not edit its files.
package cgopkg

// int answer(void) { return 42; }
import "C"

import "net/http"

func Answer() int { return int(C.answer()) }

func relay(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
	http.DefaultClient.Do(out)
}
