// want package:"token-aware"

// Package audcgo uses cgo: the finding is reported in audcgo.go, and no
// fix is offered, since its offsets would be offsets in cgo's copy. (The
// package fact is expected here: analysistest reports it at the package's
// first file, and cgo's copies come after the files cgo did not touch.)
package audcgo
