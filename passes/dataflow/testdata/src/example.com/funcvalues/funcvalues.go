// Package funcvalues calls function values: a provider held in a field, a // want package:`func holder\.Token: [^;]*field\(field:example.com/funcvalues.holder.tok\):secret->result0 source:secret->result0`
// method value, and a function passed as a parameter. A function value
// carries what it returns.
package funcvalues

func secret() string { return "" }
func leak(string)    {}

type client struct{ tokenFn func() string }

func (c *client) do() {
	leak(c.tokenFn()) // want `secret\(\) reaches leak\(\)`
}

func newClient() *client {
	tok := secret()
	return &client{tokenFn: func() string { return tok }}
}

type holder struct{ tok string }

func (h *holder) Token() string { return h.tok }

func methodValue() {
	h := &holder{tok: secret()}
	get := h.Token
	leak(get()) // want `secret\(\) reaches leak\(\)`
}

func callProvider(provide func() string) {
	leak(provide()) // want `secret\(\) reaches leak\(\)`
}

func passProvider() {
	tok := secret()
	callProvider(func() string { return tok })
}

// A provider of a constant carries nothing.
type quiet struct{ nameFn func() string }

func (q *quiet) do() { leak(q.nameFn()) }

func newQuiet() *quiet { return &quiet{nameFn: func() string { return "fixed" }} }
