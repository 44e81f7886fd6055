// Package disabled's .passthrough.yml disables tokenforward.
package disabled

import "net/http"

func Handle(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://upstream.example", nil)
	out.Header.Set("Authorization", r.Header.Get("Authorization"))
	http.DefaultClient.Do(out)
}
