// Package wscli bridges HTTP clients to upstream websocket feeds with
// gorilla/websocket and coder/websocket.
package wscli

import (
	"context"
	"net/http"
	"os"

	coder "github.com/coder/websocket"
	"github.com/gorilla/websocket"
)

const feedURL = "wss://stream.example.com"

var dialer = &websocket.Dialer{}

func pump(w http.ResponseWriter, conn *websocket.Conn) {
	defer conn.Close()
	w.Header().Set("Content-Type", "text/event-stream")
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		_, _ = w.Write(append(append([]byte("data: "), msg...), '\n', '\n'))
	}
}

// Trades dials with the caller's token in a header literal.
func Trades(w http.ResponseWriter, r *http.Request) {
	tok := r.Header.Get("Authorization")
	conn, _, err := dialer.Dial(feedURL+"/trades", http.Header{"Authorization": {tok}}) // want tokenforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	pump(w, conn)
}

// Quotes builds the handshake header first.
func Quotes(w http.ResponseWriter, r *http.Request) {
	h := http.Header{}
	h.Set("Origin", "https://gateway.example.com")
	h.Set("Authorization", r.Header.Get("Authorization"))
	conn, _, err := dialer.DialContext(r.Context(), feedURL+"/quotes", h) // want tokenforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	pump(w, conn)
}

// News dials with all of the caller's headers.
func News(w http.ResponseWriter, r *http.Request) {
	conn, _, err := dialer.Dial(feedURL+"/news", r.Header) // want headerforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	pump(w, conn)
}

// Weather dials with the service's own token and the request id.
func Weather(w http.ResponseWriter, r *http.Request) {
	h := http.Header{"Authorization": {"Bearer " + os.Getenv("FEED_TOKEN")}, "X-Request-Id": {r.Header.Get("X-Request-Id")}}
	conn, _, err := dialer.DialContext(r.Context(), feedURL+"/weather", h)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	pump(w, conn)
}

func relay(ctx context.Context, w http.ResponseWriter, conn *coder.Conn) {
	defer conn.CloseNow()
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			return
		}
		_, _ = w.Write(msg)
	}
}

// Orders uses coder/websocket with the caller's token.
func Orders(w http.ResponseWriter, r *http.Request) {
	conn, _, err := coder.Dial(r.Context(), feedURL+"/orders", &coder.DialOptions{HTTPHeader: http.Header{"Authorization": []string{r.Header.Get("Authorization")}}}) // want tokenforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	relay(r.Context(), w, conn)
}

// Fills uses coder/websocket with all of the caller's headers.
func Fills(w http.ResponseWriter, r *http.Request) {
	conn, _, err := coder.Dial(r.Context(), feedURL+"/fills", &coder.DialOptions{HTTPHeader: r.Header}) // want headerforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	relay(r.Context(), w, conn)
}

// Book uses coder/websocket with the caller's headers minus the credential.
func Book(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Clone()
	h.Del("Authorization")
	h.Set("Authorization", "Bearer "+os.Getenv("FEED_TOKEN"))
	conn, _, err := coder.Dial(r.Context(), feedURL+"/book", &coder.DialOptions{HTTPHeader: h})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	relay(r.Context(), w, conn)
}
