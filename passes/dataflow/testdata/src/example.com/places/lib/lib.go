// Package lib has a field whose value leaks in two places: one that is
// never called, and one that is. Both are kept.
package lib

func leak(string)  {}
func leak2(string) {}

type Client struct{ Token string }

func (c *Client) unused() { leak(c.Token) }

func (c *Client) Do() { leak2(c.Token) }
