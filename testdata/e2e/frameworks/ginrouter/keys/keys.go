// Package keys is a gin gateway's middleware: it authenticates the
// client with the gateway's own scheme, then puts the server's key for
// the upstream in the Authorization header. It knows nothing of the
// handlers it runs in front of; they use its Channel helper.
package keys

import (
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
)

// Distribute replaces the client's credential with the channel's key.
func Distribute() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Request.Header.Set("Authorization", "Bearer "+os.Getenv("CHANNEL_KEY"))
		c.Next() // want audience
	}
}

// Normalize keeps the client's own token, re-formatted.
func Normalize() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer "))
		c.Next()
	}
}

// Channel names the channel Distribute picked, for the handlers' logs.
func Channel(c *gin.Context) string { return c.GetString("channel") }
