// Package resource exports the passthrough resource analyzer as Analyzer, for
// Bazel's nogo (see package nogo).
package resource

import "github.com/passthroughlint/passthrough/passes/suite"

// Analyzer is the suite's resource analyzer.
var Analyzer = suite.Named("resource")
