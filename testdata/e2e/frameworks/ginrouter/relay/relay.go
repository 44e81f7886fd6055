// Package relay holds the gateway's handlers; package routes registers
// them, behind the middleware of package keys (which this package sees:
// it uses its Channel helper).
package relay

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/frameworks/ginrouter/helpers"
	"example.com/frameworks/ginrouter/keys"
)

func send(c *gin.Context, out *http.Request) {
	log.Printf("relay via channel %s", keys.Channel(c))
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	c.Status(resp.StatusCode)
}

func upstream(c *gin.Context) *http.Request {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", c.Request.Body)
	return out
}

// Chat runs behind keys.Distribute on every route: it sends the
// channel's key.
func Chat(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	send(c, out)
}

// Relay hands the request to another package's helper, through one of
// its own; it runs behind keys.Distribute.
func Relay(c *gin.Context) {
	if err := relayHelper(c, 1); err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
	}
}

func relayHelper(c *gin.Context, mode int) error {
	return helpers.RelayAudio(c, mode)
}

// Images is registered behind keys.Distribute and also bare.
func Images(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request.Header.Get("Authorization"))
	send(c, out)
}

// Embeddings runs behind keys.Normalize: the client's token.
func Embeddings(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	send(c, out)
}

// Speech calls the helper bare, from a route without the middleware.
func Speech(c *gin.Context) {
	_ = helpers.RelayAudio(c, 2)
}

// unused forwards the request's credential, but nothing calls it and no
// router can (a handler returns nothing or an error): dead code, whose
// read waits on callers that do not exist.
func unused(c *gin.Context) *http.Request {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	return out
}

// Handlers is a handler type whose methods package routes registers as
// method values.
type Handlers struct{ Model string }

// Models runs behind keys.Distribute.
func (h *Handlers) Models(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	send(c, out)
}

// Usage is registered bare.
func (h *Handlers) Usage(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request.Header.Get("Authorization"))
	send(c, out)
}
