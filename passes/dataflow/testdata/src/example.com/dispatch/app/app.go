// Package app calls through interfaces: the implementations declared in // want package:`func loud\.Send: [^;]*param1:secret->sink.*func printer\.Send: [^;]*param1:secret->sink`
// the package and its dependencies are what a call may reach.
package app

import "example.com/dispatch/lib"

func secret() string { return "" }
func leak(string)    {}

type Fetcher interface{ Fetch(token string) }

func viaDependency(f Fetcher) {
	f.Fetch(secret()) // want `secret\(\) reaches leak\(\)`
}

type Upstream interface{ Send(token string) }

type loud struct{}

func (loud) Send(token string) {
	leak(token) // want `secret\(\) reaches leak\(\)`
}

type silent struct{}

func (silent) Send(token string) {}

func viaLocal(u Upstream) { u.Send(secret()) }

// A method of the same name whose receiver does not implement the
// interface called (Upstream) is not a target of u.Send.
type printer struct{}

func (printer) Send(token string, level int) { leak(token + "x") }

var _ = lib.Quiet{}
