// Package echosrv is a backend-for-frontend written with echo v4.
package echosrv

import (
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/gorilla/websocket"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

const upstreamURL = "https://api.example.com"

func call(c echo.Context, out *http.Request) error {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, err.Error())
	}
	defer resp.Body.Close()
	return c.Stream(resp.StatusCode, resp.Header.Get("Content-Type"), resp.Body)
}

func upstream(c echo.Context, path string) (*http.Request, error) {
	return http.NewRequestWithContext(c.Request().Context(), http.MethodGet, upstreamURL+path, nil)
}

// me forwards the Authorization header of the echo request.
func me(c echo.Context) error {
	out, err := upstream(c, "/v1/me")
	if err != nil {
		return err
	}
	out.Header.Set("Authorization", c.Request().Header.Get("Authorization")) // want tokenforward
	return call(c, out)
}

// session is the middleware that keeps the bearer for the handlers and
// refreshes the client's copy on the response.
func session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		tok, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok {
			return echo.ErrUnauthorized
		}
		c.Set("token", tok)
		c.Set("user", c.QueryParam("user"))
		c.Response().Header().Set("Authorization", "Bearer "+tok)
		return next(c)
	}
}

// orders uses the token the middleware stored with c.Set.
func orders(c echo.Context) error {
	tok, _ := c.Get("token").(string)
	out, err := upstream(c, "/v1/orders")
	if err != nil {
		return err
	}
	out.Header.Add("Authorization", "Bearer "+tok) // want tokenforward
	return call(c, out)
}

// history forwards the stored user name and the request id only.
func history(c echo.Context) error {
	user, _ := c.Get("user").(string)
	out, err := upstream(c, "/v1/history")
	if err != nil {
		return err
	}
	out.Header.Set("X-User", user)
	out.Header.Set("X-Request-Id", c.Request().Header.Get("X-Request-Id"))
	out.Header.Set("Authorization", "Bearer "+os.Getenv("HISTORY_TOKEN"))
	c.Response().Header().Set("X-Request-Id", out.Header.Get("X-Request-Id"))
	return call(c, out)
}

var dialer = websocket.Dialer{}

// wsHopHeaders are set by the dialer itself.
var wsHopHeaders = []string{"Upgrade", "Connection", "Sec-Websocket-Key", "Sec-Websocket-Version", "Sec-Websocket-Extensions"}

// feed opens the upstream websocket with the client's headers.
func feed(c echo.Context) error {
	h := c.Request().Header.Clone()
	for _, name := range wsHopHeaders {
		h.Del(name)
	}
	conn, _, err := dialer.DialContext(c.Request().Context(), "wss://stream.example.com/feed", h) // want headerforward
	if err != nil {
		return err
	}
	return conn.Close()
}

// ticker does the same but drops the credential first.
func ticker(c echo.Context) error {
	h := c.Request().Header.Clone()
	for _, name := range wsHopHeaders {
		h.Del(name)
	}
	h.Del("Authorization")
	conn, _, err := dialer.DialContext(c.Request().Context(), "wss://stream.example.com/ticker", h)
	if err != nil {
		return err
	}
	return conn.Close()
}

// ownKey is the transport of the catalog proxy: it replaces the client's
// credential with the gateway's own key on every request.
type ownKey struct {
	base http.RoundTripper
	key  string
}

func (t ownKey) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.Header.Del("Authorization")
	out.Header.Set("Authorization", "Bearer "+t.key)
	return t.base.RoundTrip(out)
}

// stripAuth removes the client's credential before the legacy proxy.
func stripAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Request().Header.Del("Authorization")
		return next(c)
	}
}

// New builds the server.
func New(billing, catalog, legacy *url.URL) *echo.Echo {
	e := echo.New()
	api := e.Group("/api", session)
	api.GET("/me", me)
	api.GET("/orders", orders)
	api.GET("/history", history)
	api.GET("/feed", feed)
	api.GET("/ticker", ticker)

	e.Group("/billing", middleware.Proxy(middleware.NewRoundRobinBalancer([]*middleware.ProxyTarget{{URL: billing}}))) // want headerforward
	e.Group("/catalog", middleware.ProxyWithConfig(middleware.ProxyConfig{Balancer: middleware.NewRoundRobinBalancer([]*middleware.ProxyTarget{{URL: catalog}}), Transport: ownKey{base: http.DefaultTransport, key: os.Getenv("CATALOG_KEY")}}))
	e.Group("/legacy", stripAuth, middleware.Proxy(middleware.NewRoundRobinBalancer([]*middleware.ProxyTarget{{URL: legacy}})))
	return e
}
