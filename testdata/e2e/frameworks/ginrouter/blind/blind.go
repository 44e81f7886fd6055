// Package blind is a handler package that sees no middleware replacing
// Authorization: its handler is judged here, without the routes (a
// handler no analyzed package registers must still be reported), so the
// route behind keys.Distribute does not clear it. A known limit, which
// errs toward reporting.
package blind

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Relay forwards what the request's Authorization holds.
func Relay(c *gin.Context) {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", nil)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	_, _ = http.DefaultClient.Do(out)
}
