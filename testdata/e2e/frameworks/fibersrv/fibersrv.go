// Package fibersrv is a gateway written with fiber v2, calling upstream
// with fasthttp, net/http, resty and fiber's proxy middleware.
package fibersrv

import (
	"net/http"
	"os"
	"strings"

	"github.com/go-resty/resty/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/proxy"
	"github.com/valyala/fasthttp"
)

const upstreamURL = "https://api.example.com"

var rc = resty.New()

// fetch sends req with fasthttp and copies the answer to the client.
func fetch(c *fiber.Ctx, req *fasthttp.Request) error {
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	if err := fasthttp.Do(req, resp); err != nil {
		return fiber.ErrBadGateway
	}
	return c.Status(resp.StatusCode()).Send(resp.Body())
}

// me forwards the credential read with c.Get.
func me(c *fiber.Ctx) error {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI(upstreamURL + "/v1/me")
	req.Header.Set("Authorization", c.Get("Authorization")) // want tokenforward
	return fetch(c, req)
}

// keys reads the API key from the map of all request headers.
func keys(c *fiber.Ctx) error {
	key := ""
	if vs := c.GetReqHeaders()["X-Api-Key"]; len(vs) > 0 {
		key = vs[0]
	}
	resp, err := rc.R().SetHeader("X-Api-Key", key).Get(upstreamURL + "/v1/keys") // want tokenforward
	if err != nil {
		return fiber.ErrBadGateway
	}
	return c.Status(resp.StatusCode()).Send(resp.Body())
}

// auth keeps the bearer in the request's locals and echoes it on the
// response (fiber's c.Set writes a response header).
func auth(c *fiber.Ctx) error {
	tok := strings.TrimPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if tok == "" {
		return fiber.ErrUnauthorized
	}
	c.Locals("token", tok)
	c.Locals("user", c.Query("user"))
	c.Set(fiber.HeaderAuthorization, "Bearer "+tok)
	return c.Next()
}

// invoices reads the token back from the locals and uses net/http.
func invoices(c *fiber.Ctx) error {
	tok, _ := c.Locals("token").(string)
	out, err := http.NewRequestWithContext(c.UserContext(), http.MethodGet, upstreamURL+"/v1/invoices", nil)
	if err != nil {
		return err
	}
	out.Header.Set("Authorization", "Bearer "+tok) // want tokenforward
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return fiber.ErrBadGateway
	}
	defer resp.Body.Close()
	return c.SendStatus(resp.StatusCode)
}

// notes forwards the user name from the locals and the request id, with
// the gateway's own key.
func notes(c *fiber.Ctx) error {
	user, _ := c.Locals("user").(string)
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	req.SetRequestURI(upstreamURL + "/v1/notes")
	req.Header.Set("X-User", user)
	req.Header.Set("X-Request-Id", c.Get("X-Request-Id"))
	req.Header.Set("Authorization", "Bearer "+os.Getenv("NOTES_TOKEN"))
	c.Set("X-Request-Id", c.Get("X-Request-Id"))
	return fetch(c, req)
}

// search hands the whole inbound header map to resty.
func search(c *fiber.Ctx) error {
	resp, err := rc.R().SetHeaderMultiValues(c.GetReqHeaders()).Get(upstreamURL + "/v1/search") // want headerforward
	if err != nil {
		return fiber.ErrBadGateway
	}
	return c.Status(resp.StatusCode()).Send(resp.Body())
}

// mirror copies every inbound header onto a fasthttp request.
func mirror(c *fiber.Ctx) error {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	c.Request().Header.CopyTo(&req.Header) // want headerforward
	req.SetRequestURI(upstreamURL + "/v1/mirror")
	return fetch(c, req)
}

// thumbnail copies them too, then replaces the credential.
func thumbnail(c *fiber.Ctx) error {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	c.Request().Header.CopyTo(&req.Header)
	req.Header.Del(fiber.HeaderAuthorization)
	req.Header.Set(fiber.HeaderAuthorization, "Bearer "+os.Getenv("THUMBS_TOKEN"))
	req.SetRequestURI(upstreamURL + "/v1/thumbnail")
	return fetch(c, req)
}

// reports proxies the whole request with fiber's proxy package.
func reports(c *fiber.Ctx) error {
	return proxy.Do(c, upstreamURL+"/v1/reports"+c.Params("*")) // want headerforward
}

// public proxies without the client's credential.
func public(c *fiber.Ctx) error {
	c.Request().Header.Del(fiber.HeaderAuthorization)
	return proxy.Do(c, upstreamURL+"/public/"+c.Params("*"))
}

// New builds the app.
func New() *fiber.App {
	app := fiber.New()
	app.Get("/public/*", public)
	app.Get("/legacy/*", proxy.Forward(upstreamURL+"/legacy")) // want headerforward
	api := app.Group("/api", auth)
	api.Get("/me", me)
	api.Get("/keys", keys)
	api.Get("/invoices", invoices)
	api.Get("/notes", notes)
	api.Get("/search", search)
	api.Get("/mirror", mirror)
	api.Get("/thumbnail", thumbnail)
	api.Get("/reports/*", reports)
	return app
}
