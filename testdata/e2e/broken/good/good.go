// Package good type-checks and forwards a token.
package good

import "net/http"

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization")) // want tokenforward
	http.DefaultClient.Do(out)
}
