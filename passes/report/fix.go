package report

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Fixable reports whether a suggested fix may edit the source at pos. It
// may not in a package's cgo files: the analyzers see the copy of each
// that cgo wrote into the build cache, mapped back onto the user's file by
// //line directives, so an edit's offsets are offsets in the copy, and a
// driver applying them to the file the diagnostic names would write in the
// wrong place.
func Fixable(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return !CgoProcessed(pass.Fset, f) && !MappedCopy(pass.Fset, pos)
		}
	}
	return false
}

// CgoProcessed reports whether file is a cgo file: cgo's copy of one (see
// MappedCopy), or the user's file itself, which imports "C", when a driver
// did not run cgo.
func CgoProcessed(fset *token.FileSet, file *ast.File) bool {
	for _, imp := range file.Imports {
		if imp.Path.Value == `"C"` {
			return true
		}
	}
	return MappedCopy(fset, file.Package)
}

// MappedCopy reports whether the source at pos is a copy of another Go
// file: a //line directive maps it onto a different .go file. cgo (and the
// coverage tool) hand their rewritten files to compilers and analyzers this
// way. Generated code that maps itself onto its grammar (goyacc's .y,
// ragel's .rl) is not a copy: its own offsets are the ones to edit.
func MappedCopy(fset *token.FileSet, pos token.Pos) bool {
	raw, adjusted := fset.PositionFor(pos, false), fset.PositionFor(pos, true)
	return adjusted.Filename != raw.Filename && strings.HasSuffix(adjusted.Filename, ".go")
}
