// Package apikey is analyzed with -tokenforward.headers=X-Api-Key.
package apikey

import "net/http"

func forward(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("X-Api-Key", r.Header.Get("x-api-key")) // want `inbound credential from Header.Get\("x-api-key"\)`
	out.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	http.DefaultClient.Do(out)
}
