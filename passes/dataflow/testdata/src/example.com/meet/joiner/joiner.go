// want package:`field:example.com/meet/types.Info.Token met secret`

// Package joiner imports both: the flow is reported here, once.
package joiner

import (
	"example.com/meet/holder" // want `secret\(\) reaches leak\(\)`
	"example.com/meet/leaker"
)

func Run() {
	holder.Hold()
	leaker.Leak(holder.Current)
}
