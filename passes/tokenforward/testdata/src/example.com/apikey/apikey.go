// Package apikey is analyzed with -tokenforward.headers=X-Tenant-Secret,
// the default list of credential headers on.
package apikey

import "net/http"

func forward(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("X-Tenant-Secret", r.Header.Get("x-tenant-secret")) // want `inbound credential from Header.Get\("x-tenant-secret"\)`
	out.Header.Set("X-Api-Key", r.Header.Get("x-api-key"))             // want `inbound credential from Header.Get\("x-api-key"\)`
	out.Header.Set("Private-Token", r.Header.Get("Private-Token"))     // want `inbound credential from Header.Get\("Private-Token"\)`
	out.Header.Set("X-Goog-Api-Key", r.Header.Get("X-Goog-Api-Key"))   // want `inbound credential from Header.Get\("X-Goog-Api-Key"\)`
	out.Header.Set("X-Vault-Token", r.Header.Get("X-Vault-Token"))     // want `inbound credential from Header.Get\("X-Vault-Token"\)`
	// Anti-forgery tokens are not credentials.
	out.Header.Set("X-CSRF-Token", r.Header.Get("X-CSRF-Token"))
	out.Header.Set("X-Xsrf-Token", r.Header.Get("X-Xsrf-Token"))
	out.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	http.DefaultClient.Do(out)
}
