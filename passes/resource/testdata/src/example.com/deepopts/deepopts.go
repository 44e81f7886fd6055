// Package deepopts builds its resource option through more helpers than
// the analysis follows: it takes the option to be there, and says so.
package deepopts

import (
	"context"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
)

var conf = &oauth2.Config{ClientID: "deep"}

func o1() oauth2.AuthCodeOption { return o2() }
func o2() oauth2.AuthCodeOption { return o3() }
func o3() oauth2.AuthCodeOption { return o4() }
func o4() oauth2.AuthCodeOption { return o5() }
func o5() oauth2.AuthCodeOption { return o6() }
func o6() oauth2.AuthCodeOption { return o7() }
func o7() oauth2.AuthCodeOption {
	return oauth2.SetAuthURLParam("resource", "https://mcp.example.com/mcp")
}

func connect(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := conf.Exchange(ctx, code, o1()) // want `whether Config.Exchange sends the resource parameter was followed 6 helpers, callers or stores deep without an answer; it is taken to send it`
	return &mcp.StreamableClientTransport{Endpoint: "https://mcp.example.com/mcp", HTTPClient: conf.Client(ctx, tok)}
}

// shallow is decided within the bound: no limit, no finding.
func shallow(ctx context.Context, code string) *mcp.StreamableClientTransport {
	tok, _ := conf.Exchange(ctx, code, o6())
	return &mcp.StreamableClientTransport{Endpoint: "https://mcp.example.com/mcp", HTTPClient: conf.Client(ctx, tok)}
}
