// Package ginreplace is an LLM gateway on gin: a middleware authenticates
// the client with the gateway's own key scheme, then puts the server's
// key for the upstream provider in the Authorization header before the
// relay handlers run, which forward what they read. A trailing want
// comment marks each line that must be reported; the unmarked
// look-alikes must not be.
package ginreplace

import (
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
)

func upstream(c *gin.Context) *http.Request {
	out, _ := http.NewRequestWithContext(c.Request.Context(), http.MethodPost, "https://llm.example.com/v1/chat", c.Request.Body)
	return out
}

func send(c *gin.Context, out *http.Request) {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	c.Status(resp.StatusCode)
}

// channelKey is the server's key for the upstream, from its own store.
func channelKey(c *gin.Context) string { return os.Getenv("CHANNEL_" + c.Param("channel")) }

// distribute puts the channel's key in place of the client's credential,
// then runs the next handler. It authenticates the client by a prefix
// only: audience reports the request let through unverified.
func distribute() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !strings.HasPrefix(c.GetHeader("Authorization"), "Bearer sk-") {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Request.Header.Set("Authorization", "Bearer "+channelKey(c))
		c.Next() // want audience
	}
}

// ownKey does the same without calling c.Next: gin runs the next handler
// when it returns without aborting.
func ownKey(c *gin.Context) {
	if c.GetHeader("Authorization") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Request.Header.Set("Authorization", "Bearer "+channelKey(c))
}

// reformat only normalizes the client's own token.
func reformat() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer "))
		c.Next()
	}
}

// chat runs behind distribute: it sends the channel's key.
func chat(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	send(c, out)
}

// images runs behind ownKey, given in its route.
func images(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request.Header.Get("Authorization"))
	send(c, out)
}

// audio is registered behind distribute and also without it.
func audio(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	send(c, out)
}

// embeddings runs behind reformat: the client's token.
func embeddings(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request.Header.Get("Authorization")) // want tokenforward
	send(c, out)
}

// moderations replaces the header itself before reading it.
func moderations(c *gin.Context) {
	c.Request.Header.Set("Authorization", "Bearer "+channelKey(c))
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization"))
	send(c, out)
}

// late forwards the client's token, then sets the channel's key: it is
// not a middleware in front of itself.
func late(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	send(c, out)
	c.Request.Header.Set("Authorization", "Bearer "+channelKey(c))
}

// tail has distribute listed after it: gin runs it after the handler.
func tail(c *gin.Context) {
	out := upstream(c)
	out.Header.Set("Authorization", c.GetHeader("Authorization")) // want tokenforward
	send(c, out)
}

// Routes registers the relay.
func Routes() *gin.Engine {
	r := gin.New()
	v1 := r.Group("/v1")
	v1.Use(distribute())
	v1.POST("/chat/completions", chat)
	v1.POST("/audio", audio)
	r.POST("/v1/images", ownKey, images)
	r.POST("/audio", audio)
	r.POST("/v1/moderations", moderations)
	r.POST("/late", late)
	r.POST("/tail", tail, distribute())
	v2 := r.Group("/v2", reformat())
	v2.POST("/embeddings", embeddings)
	return r
}
