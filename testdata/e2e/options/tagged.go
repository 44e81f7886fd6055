//go:build special

// This file is built only with -tags special.
package options

import "net/http"

func tagged(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}
