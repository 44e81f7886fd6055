// Package cgo uses cgo: the analysis sees the cgo-processed files and
// reports at the user's lines.
package cgo

// int answer(void) { return 42; }
import "C"

func secret() string { return "" }
func leak(string)    {}

func useC() int {
	leak(secret()) // want `secret\(\) reaches leak\(\)`
	return int(C.answer())
}
