// Package tokenforward exports the passthrough tokenforward analyzer as Analyzer, for
// Bazel's nogo (see package nogo).
package tokenforward

import "github.com/passthroughlint/passthrough/passes/suite"

// Analyzer is the suite's tokenforward analyzer.
var Analyzer = suite.Named("tokenforward")
