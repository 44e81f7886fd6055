// Package clean uses its own credential: nothing to report.
package clean

import (
	"net/http"
	"os"
)

func handler(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	out.Header.Set("Authorization", "Bearer "+os.Getenv("TOKEN"))
	http.DefaultClient.Do(out)
}
