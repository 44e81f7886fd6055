// Package types declares the place two packages share without importing
// each other.
package types

type Info struct{ Token string }
