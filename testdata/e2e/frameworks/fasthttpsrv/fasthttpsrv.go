// Package fasthttpsrv is a plain fasthttp server that calls its upstream
// with the fasthttp client.
package fasthttpsrv

import (
	"bytes"
	"crypto/subtle"
	"os"

	"github.com/valyala/fasthttp"
)

const upstreamURL = "https://api.example.com"

var client = &fasthttp.Client{}

func send(ctx *fasthttp.RequestCtx, req *fasthttp.Request) {
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	if err := client.Do(req, resp); err != nil {
		ctx.Error("upstream", fasthttp.StatusBadGateway)
		return
	}
	ctx.SetStatusCode(resp.StatusCode())
	ctx.SetBody(resp.Body())
}

// Handler routes by path.
func Handler(ctx *fasthttp.RequestCtx) {
	switch string(ctx.Path()) {
	case "/me":
		me(ctx)
	case "/repos":
		repos(ctx)
	case "/mirror":
		mirror(ctx)
	case "/status":
		status(ctx)
	case "/admin":
		admin(ctx)
	case "/archive":
		archive(ctx)
	default:
		ctx.SetStatusCode(fasthttp.StatusNotFound)
	}
}

// me forwards the bearer read with Peek.
func me(ctx *fasthttp.RequestCtx) {
	tok := ctx.Request.Header.Peek("Authorization")
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI(upstreamURL + "/v1/me")
	req.Header.SetBytesV("Authorization", tok) // want tokenforward
	send(ctx, req)
}

// repos strips the scheme and sets it again as a string.
func repos(ctx *fasthttp.RequestCtx) {
	tok := string(bytes.TrimPrefix(ctx.Request.Header.Peek("Authorization"), []byte("Bearer ")))
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI(upstreamURL + "/v1/repos")
	req.Header.Set("Authorization", "Bearer "+tok) // want tokenforward
	send(ctx, req)
}

// mirror copies every inbound header onto the outbound request.
func mirror(ctx *fasthttp.RequestCtx) {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	ctx.Request.Header.VisitAll(func(k, v []byte) { req.Header.SetBytesKV(k, v) }) // want headerforward
	req.SetRequestURI(upstreamURL + "/v1/mirror")
	send(ctx, req)
}

// archive copies the inbound headers, then deletes the credential.
func archive(ctx *fasthttp.RequestCtx) {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	ctx.Request.Header.CopyTo(&req.Header)
	req.Header.Del("Authorization")
	req.SetRequestURI(upstreamURL + "/v1/archive")
	send(ctx, req)
}

// status forwards the request id, uses the server's own key and answers
// with the id.
func status(ctx *fasthttp.RequestCtx) {
	id := ctx.Request.Header.Peek("X-Request-Id")
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI(upstreamURL + "/v1/status")
	req.Header.SetBytesV("X-Request-Id", id)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("STATUS_TOKEN"))
	ctx.Response.Header.SetBytesV("X-Request-Id", id)
	send(ctx, req)
}

// admin checks the bearer against the configured one and echoes it on the
// response.
func admin(ctx *fasthttp.RequestCtx) {
	got := ctx.Request.Header.Peek("Authorization")
	if subtle.ConstantTimeCompare(got, []byte("Bearer "+os.Getenv("ADMIN_TOKEN"))) != 1 {
		ctx.SetStatusCode(fasthttp.StatusForbidden)
		return
	}
	ctx.Response.Header.SetBytesV("Authorization", got)
	ctx.SetStatusCode(fasthttp.StatusNoContent)
}
