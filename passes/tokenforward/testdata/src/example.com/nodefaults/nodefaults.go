// Package nodefaults is analyzed with default-headers: false: only
// Authorization, Proxy-Authorization and configured names are credentials.
package nodefaults

import "net/http"

func forward(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("X-Api-Key", r.Header.Get("X-Api-Key"))
	out.Header.Set("X-Auth-Token", r.Header.Get("X-Auth-Token"))
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want `inbound credential from Header.Get\("Authorization"\)`
	http.DefaultClient.Do(out)
}
