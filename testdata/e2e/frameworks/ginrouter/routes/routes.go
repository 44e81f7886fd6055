// Package routes is where the handlers and the middleware meet.
package routes

import (
	"github.com/gin-gonic/gin"

	"example.com/frameworks/ginrouter/blind"
	"example.com/frameworks/ginrouter/keys"
	"example.com/frameworks/ginrouter/relay"
)

// Register wires the gateway.
func Register(r *gin.Engine) {
	v1 := r.Group("/v1")
	v1.Use(keys.Distribute())
	v1.POST("/chat/completions", relay.Chat)
	v1.POST("/audio/speech", relay.Relay)
	v1.POST("/images", relay.Images)
	v1.POST("/blind", blind.Relay)
	v1.POST("/mixed", blind.Mixed)
	r.POST("/images", relay.Images)    // want tokenforward
	r.POST("/v1/speech", relay.Speech) // want tokenforward
	h := &relay.Handlers{Model: "gpt"}
	v1.GET("/models", h.Models)
	r.GET("/usage", h.Usage) // want tokenforward
	v2 := r.Group("/v2", keys.Normalize())
	v2.POST("/embeddings", relay.Embeddings) // want tokenforward
	r.POST("/mixed", blind.Mixed)            // recorded as not covered: reported where blind reads it
}
