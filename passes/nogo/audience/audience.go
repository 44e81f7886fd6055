// Package audience exports the passthrough audience analyzer as Analyzer, for
// Bazel's nogo (see package nogo).
package audience

import "github.com/passthroughlint/passthrough/passes/suite"

// Analyzer is the suite's audience analyzer.
var Analyzer = suite.Named("audience")
