// want package:`key:example.com/web.Ctx\("token"\) holds cred`

// Package webapp uses package web, described by a model in the test's
// configuration (see TestModels).
package webapp

import (
	"net/http"
	"os"

	"example.com/web"
)

func upstream() *http.Request {
	out, _ := http.NewRequest("GET", "https://api.example.com", nil)
	return out
}

// authenticate keeps the token in the store; user keeps a user name.
func authenticate(c *web.Ctx) {
	c.Set("token", c.Request.Header.Get("Authorization"))
	c.Set("user", c.Request.URL.Query().Get("user"))
}

func byStore(c *web.Ctx) {
	out := upstream()
	out.Header.Set("Authorization", c.GetString("token")) // want `inbound credential from Header.Get\("Authorization"\)`
	out.Header.Set("X-User", c.GetString("user"))
	out.Header.Set("X-Api-Key", c.GetString("user"))
	http.DefaultClient.Do(out)
}

func byModelledSource(c *web.Ctx) {
	cl := &web.Client{}
	cl.SetHeader("Authorization", c.Header("Authorization")) // want `inbound credential from web.Ctx.Header\("Authorization"\) .* forwarded to web.Client.SetHeader\("Authorization"\)`
	cl.SetHeader("X-Trace", c.Header("Authorization"))
	cl.SetHeader("Authorization", "Bearer "+os.Getenv("TOKEN"))
	cl.SetHeader("X-Trace", c.Header("X-Trace"))
}

func byFieldSink(c *web.Ctx) {
	cl := &web.Client{Token: c.Request.Header.Get("Authorization")} // want `forwarded to web.Client.Token`
	_ = cl
	own := &web.Client{Token: os.Getenv("TOKEN")}
	_ = own
}

// normalize rewrites the received request's own header: Ctx.Request only
// ever holds received requests, so this is not an outbound header.
func normalize(c *web.Ctx) {
	c.Request.Header.Set("Authorization", "Bearer "+c.Header("Authorization"))
}

func init() {
	// The model says Handle's callback gets a received header set.
	web.Handle("/raw", func(path string, head web.Raw) {
		out := upstream()
		out.Header.Set("Authorization", head["Authorization"]) // want `inbound credential from`
		out.Header.Set("X-Path", path)
		http.DefaultClient.Do(out)
	})
}

// build stores the token where the model says a client sends it; the
// library's own copy of the field in NewClient is not a second sink.
func build(tok string) web.Client {
	return web.Client{Token: tok} // want `forwarded to web.Client.Token`
}

func viaBuilder(c *web.Ctx) {
	cl := web.NewClient(build(c.Request.Header.Get("Authorization")))
	_ = cl
}
