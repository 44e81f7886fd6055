// Package headerforward exports the passthrough headerforward analyzer as Analyzer, for
// Bazel's nogo (see package nogo).
package headerforward

import "github.com/passthroughlint/passthrough/passes/suite"

// Analyzer is the suite's headerforward analyzer.
var Analyzer = suite.Named("headerforward")
