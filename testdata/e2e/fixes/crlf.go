package fixes

import "net/http"

func crlfRelay(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	for k, vs := range r.Header {
		for _, v := range vs {
			out.Header.Add(k, v)
		}
	}
	http.DefaultClient.Do(out)
}
