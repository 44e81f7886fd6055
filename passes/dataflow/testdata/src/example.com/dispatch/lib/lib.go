// Package lib implements an interface its users declare. // want package:`func Leak: [^;]*param0:secret->sink`
package lib

func leak(string) {}

// Client sends the token upstream.
type Client struct{}

func (*Client) Fetch(token string) { leak(token) }

// Quiet does not.
type Quiet struct{}

func (Quiet) Fetch(token string) {}

// Leak sends its argument upstream.
func Leak(token string) { leak(token) }
