// Command demo is a small MCP server that calls an upstream issue tracker
// on behalf of its users. It mixes correct code (the server's own
// credential, RFC 8693 token exchange) with token passthrough, for
// passthrough to find.
package main

import (
	"log"
	"net/http"
	"os"

	"example.com/demo/internal/auth"
	"example.com/demo/internal/gateway"
	"example.com/demo/internal/search"
	"example.com/demo/internal/tools"
	sdkauth "github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "issues", Version: "v0.1.0"}, nil)
	tools.Register(server)

	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	mux := http.NewServeMux()
	mux.Handle("/mcp", sdkauth.RequireBearerToken(auth.Verify, nil)(auth.Middleware(handler)))
	mux.Handle("/legacy/mcp", sdkauth.RequireBearerToken(auth.VerifyLegacy, nil)(auth.Middleware(handler)))
	mux.Handle("/proxy/", auth.Middleware(http.HandlerFunc(tools.ProxyAttachment)))
	mux.Handle("/files/", auth.Middleware(gateway.Files()))
	mux.Handle("/status/", auth.AdminOnly(gateway.Status()))
	mux.HandleFunc("/search/login", search.Login)
	mux.HandleFunc("/search/callback", search.Callback)

	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = "localhost:8080"
	}
	log.Fatal(http.ListenAndServe(addr, mux))
}
