// Package config forwards an X-Api-Key header, which its .passthrough.yml
// declares a credential header.
package badconfig

import "net/http"

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key"))
	out.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	http.DefaultClient.Do(out)
}
