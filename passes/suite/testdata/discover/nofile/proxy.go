// Package nofile has no .passthrough.yml: only the flag names a
// credential header (X-Other-Secret).
package nofile

import "net/http"

func Handle(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "https://upstream.example", nil)
	out.Header.Set("X-Tenant-Secret", r.Header.Get("X-Tenant-Secret"))
	out.Header.Set("X-Other-Secret", r.Header.Get("X-Other-Secret")) // want `inbound credential from Header.Get\("X-Other-Secret"\)`
	http.DefaultClient.Do(out)
}

// Routes registers Handle, so that its reads are judged in this package
// (the reads of an exported handler that its package does not register
// are judged where other packages register it).
func Routes(mux *http.ServeMux) { mux.HandleFunc("/", Handle) }
