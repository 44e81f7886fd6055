// Package leaker leaks whatever types.Info.Token holds.
package leaker

import "example.com/meet/types"

func leak(string) {}

func Leak(i *types.Info) { leak(i.Token) }
