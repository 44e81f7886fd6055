// Package blind is a handler package that sees no middleware replacing
// Authorization. Its reads are reported here provisionally, and the
// packages that register its handlers record whether every registration
// replaces the header: the command, which sees them all, drops the
// finding of Relay (routes registers it behind keys.Distribute only),
// keeps that of Unrouted (nothing registers it), and keeps that of Mixed
// (registered behind Distribute and bare) saying that Distribute
// replaces it on other registrations. go vet, one package at a time,
// reports all three.
package blind

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Relay forwards what the request's Authorization holds.
func Relay(c *gin.Context) {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", nil)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	_, _ = http.DefaultClient.Do(out)
}

// Unrouted is registered by no analyzed package.
func Unrouted(c *gin.Context) {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", nil)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	_, _ = http.DefaultClient.Do(out)
}

// Mixed is registered behind keys.Distribute, and bare.
func Mixed(c *gin.Context) {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", nil)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	_, _ = http.DefaultClient.Do(out)
}
