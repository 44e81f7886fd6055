// Package config forwards an X-Tenant-Secret header, which its .passthrough.yml
// declares a credential header.
package config

import "net/http"

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("X-Tenant-Secret", r.Header.Get("X-Tenant-Secret")) // want tokenforward
	out.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	http.DefaultClient.Do(out)
}
