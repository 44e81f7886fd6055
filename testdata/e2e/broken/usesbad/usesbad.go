// Package usesbad type-checks, but imports a package that does not: it
// cannot be analyzed (the analyzers need the facts of its dependencies).
package usesbad

import "example.com/broken/bad"

var N = bad.Broken()
