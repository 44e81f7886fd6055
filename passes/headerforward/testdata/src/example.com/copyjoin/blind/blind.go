// want package:`pending at 20:2 on example.com/copyjoin/blind.Clone; pending at 27:2 on example.com/copyjoin/blind.Mirror.*func Clone: [^;]*source:inhdr->sink if credentials\(param1\), reported.*func Mirror: [^;]*source:inhdr->sink if credentials\(param1\), reported`

// Package blind copies inbound headers in handlers that package router
// registers, but sees no middleware that replaces Authorization: the
// copies are reported here provisionally (analysistest, like go vet,
// sees one package at a time), and router records whether every
// registration replaces the header.
package blind

import "net/http"

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

// Clone is registered behind keys.OwnKey only.
func Clone(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}

// Mirror is registered behind keys.OwnKey and bare.
func Mirror(w http.ResponseWriter, r *http.Request) {
	out := upstream()
	out.Header = r.Header.Clone() // want `forwarded wholesale`
	http.DefaultClient.Do(out)
}
