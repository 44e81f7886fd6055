// Package carriers moves a whole inbound header set through a struct field
// before copying it.
package carriers

import (
	"context"
	"net/http"
)

type job struct {
	ctx     context.Context
	headers http.Header
}

func enqueue(w http.ResponseWriter, r *http.Request) {
	run(job{ctx: r.Context(), headers: r.Header})
}

func run(j job) {
	out, _ := http.NewRequestWithContext(j.ctx, "POST", "https://worker.example.com", nil)
	for name, values := range j.headers {
		out.Header[name] = values // want `inbound header set from inbound request r of HTTP handler enqueue .* forwarded wholesale`
	}
	http.DefaultClient.Do(out)
}
