// Package missingdep imports a package no module provides: the go
// command's error spans two lines.
package missingdep

import _ "example.com/nowhere/pkg"
