package dataflow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
)

// meet compares what dependencies say fields and context keys hold with
// where they say those leak. Two packages that never import each other
// (a middleware that stores the inbound token in a context value, a client
// package that reads it into its transport) meet only in a third one that
// imports both, directly or not: the first package in which both are
// known reports the flow, once, at its import of the package the holding
// came from, and exports the meeting so that packages above it do not.
// A meeting a store of this package already reported (the holding or the
// leak was found here) is not reported again.
func (s *pkgState) meet() {
	for _, pl := range s.sortedPlaces() {
		for k, hold := range s.holds[pl] {
			for _, lk := range s.leaks[pl][k] {
				m := Meeting{Place: pl, Kind: k, Sink: lk.sink.At}
				if s.met[m] {
					continue
				}
				s.met[m] = true
				if pl.Pkg != s.pass.Pkg.Path() || pl.Exported {
					s.newMet = append(s.newMet, m)
				}
				holdPkg := s.holdPkg[pl][k]
				if lk.local || s.metHere[m] || holdPkg == nil || lk.pkg == nil {
					continue // found here: reported where the store or load is
				}
				pos, imp := s.joinPoint(holdPkg, lk.pkg)
				joined := (*path)(nil).then(s.position(pos), pos, RoleVia,
					fmt.Sprintf("%s meets %s here (package %s imports both)", holdPkg.Path(), lk.pkg.Path(), imp))
				s.addFinding(pos, k, lk.sink, concat(concat(hold, joined), lk.path))
			}
		}
	}
}

// sortedPlaces returns the places with holdings, in a fixed order.
func (s *pkgState) sortedPlaces() []Place {
	out := make([]Place, 0, len(s.holds))
	for pl := range s.holds {
		if len(s.leaks[pl]) > 0 {
			out = append(out, pl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id() < out[j].id() })
	return out
}

// joinPoint is where this package brings the holding's package in: its
// import of that package, else of the first package that imports it, else
// the leak's; failing all, the package clause of its first file.
func (s *pkgState) joinPoint(holdPkg, leakPkg *types.Package) (token.Pos, string) {
	for _, target := range []*types.Package{holdPkg, leakPkg} {
		var best *ast.ImportSpec
		for _, f := range s.pass.Files {
			for _, spec := range f.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					continue
				}
				if imp := importedPackage(s.pass.Pkg, path); imp != nil && reaches(imp, target, map[*types.Package]bool{}) {
					if best == nil || path == target.Path() {
						best = spec
					}
				}
			}
		}
		if best != nil {
			return best.Pos(), s.pass.Pkg.Path()
		}
	}
	return s.pass.Files[0].Package, s.pass.Pkg.Path()
}

func importedPackage(p *types.Package, path string) *types.Package {
	for _, imp := range p.Imports() {
		if imp.Path() == path {
			return imp
		}
	}
	return nil
}

// reaches reports whether p is target or imports it, directly or not.
func reaches(p, target *types.Package, seen map[*types.Package]bool) bool {
	if p == target || p.Path() == target.Path() {
		return true
	}
	if seen[p] {
		return false
	}
	seen[p] = true
	for _, q := range p.Imports() {
		if reaches(q, target, seen) {
			return true
		}
	}
	return false
}
