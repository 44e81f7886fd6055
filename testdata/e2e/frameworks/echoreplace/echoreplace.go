// Package echoreplace is an API gateway on echo whose middleware puts the
// server's upstream key in place of the client's credential. A trailing
// want comment marks each line that must be reported; the unmarked
// look-alikes must not be.
package echoreplace

import (
	"net/http"
	"os"

	"github.com/labstack/echo/v4"
)

func upstream(c echo.Context) *http.Request {
	out, _ := http.NewRequestWithContext(c.Request().Context(), http.MethodGet, "https://api.example.com/v1", nil)
	return out
}

// ownKey replaces the client's credential with the server's key. It
// checks only that a bearer is present: audience reports the request let
// through unverified.
func ownKey(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Header.Get("Authorization") == "" {
			return echo.ErrUnauthorized
		}
		c.Request().Header.Set("Authorization", "Bearer "+os.Getenv("UPSTREAM_KEY"))
		return next(c) // want audience
	}
}

// items runs behind ownKey installed with Use.
func items(c echo.Context) error {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request().Header.Get("Authorization"))
	_, err := http.DefaultClient.Do(out)
	return err
}

// orders runs behind ownKey given in its route.
func orders(c echo.Context) error {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request().Header.Get("Authorization"))
	_, err := http.DefaultClient.Do(out)
	return err
}

// users is registered without it.
func users(c echo.Context) error {
	out := upstream(c)
	out.Header.Set("Authorization", c.Request().Header.Get("Authorization")) // want tokenforward
	_, err := http.DefaultClient.Do(out)
	return err
}

// Routes registers the handlers.
func Routes() *echo.Echo {
	e := echo.New()
	api := e.Group("/api")
	api.Use(ownKey)
	api.GET("/items", items)
	e.GET("/orders", orders, ownKey)
	e.GET("/users", users)
	return e
}
