package httpflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Middleware shapes: which request a value is, and which calls hand a
// request on to the next handler. Shared by the analysis of replaced
// credentials and the audience analyzer's unverified bearers.

// IsNextCall reports whether a call hands the request rooted at p on:
// a call of a function value or an interface method with an argument
// rooted at p (next.ServeHTTP(w, r), next(c)), or c.Next().
func IsNextCall(common *ssa.CallCommon, p ssa.Value) bool {
	if IsMethodOn(common, p, "Next") {
		return true
	}
	if common.StaticCallee() != nil {
		return false
	}
	for _, a := range common.Args {
		if RequestRoot(a) == p {
			return true
		}
	}
	return false
}

// IsMethodOn reports whether a call is a method, of one of the names,
// called on a value rooted at p.
func IsMethodOn(common *ssa.CallCommon, p ssa.Value, names ...string) bool {
	if common.IsInvoke() {
		return slices.Contains(names, common.Method.Name()) && RequestRoot(common.Value) == p
	}
	callee := common.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil || len(common.Args) == 0 {
		return false
	}
	return slices.Contains(names, callee.Name()) && RequestRoot(common.Args[0]) == p
}

// RequestRoot returns the value a request, header set or framework context v
// is reached from: through the Request and Header fields, the Request()
// and Header() accessors, WithContext of a request, and
// conversions. Two values with the same root denote the same request.
func RequestRoot(v ssa.Value) ssa.Value {
	for depth := 0; depth < 16; depth++ {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			if p := spilledParam(x.X); p != nil {
				v = p
				continue
			}
			if fv, ok := x.X.(*ssa.FreeVar); ok {
				// A captured variable: the closure's input, which its
				// maker binds (to the variable's memory).
				return fv
			}
			fa, ok := x.X.(*ssa.FieldAddr)
			if !ok || !requestField(fa) {
				return v
			}
			v = fa.X
		case *ssa.FieldAddr:
			if !requestField(x) {
				return v
			}
			v = x.X
		case *ssa.Alloc:
			// The memory of a captured parameter, as a closure is bound.
			if p := spilledParam(x); p != nil {
				return p
			}
			return v
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.Call:
			common := x.Common()
			var recv ssa.Value
			var name string
			if common.IsInvoke() {
				recv, name = common.Value, common.Method.Name()
			} else if f := common.StaticCallee(); f != nil && f.Signature.Recv() != nil && len(common.Args) > 0 {
				recv, name = common.Args[0], f.Name()
			}
			switch name {
			case "Request", "Header", "WithContext":
				// (Clone makes another request, with another header
				// set: a replacement on it is not one on the original.)
				v = recv
			default:
				return v
			}
		default:
			return v
		}
	}
	return v
}

// spilledParam returns the parameter a local variable holds when a
// closure captures the parameter (SSA then keeps it in memory): the
// variable is written once, with the parameter, and otherwise only read
// or captured.
func spilledParam(addr ssa.Value) *ssa.Parameter {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var param *ssa.Parameter
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			p, ok := ref.Val.(*ssa.Parameter)
			if !ok || param != nil || ref.Addr != alloc {
				return nil
			}
			param = p
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	return param
}

// requestField reports whether a field address is of a field named
// Request or Header.
func requestField(fa *ssa.FieldAddr) bool {
	f, _ := FieldOf(fa)
	return f != nil && (f.Name() == "Request" || f.Name() == "Header")
}

// IsRequestish reports whether a parameter's type is one middleware
// hands on: a request, gin's or echo's context.
func IsRequestish(t types.Type) bool {
	return IsNamed(t, "net/http", "Request") ||
		IsNamed(t, "github.com/gin-gonic/gin", "Context") ||
		IsNamed(t, "github.com/labstack/echo/v4", "Context") ||
		IsNamed(t, "github.com/labstack/echo", "Context")
}

// IsHandlerSignature reports whether a function of signature sig takes
// what a router passes a handler: (http.ResponseWriter, *http.Request),
// or only gin's or echo's context.
func IsHandlerSignature(sig *types.Signature) bool {
	params := sig.Params()
	switch params.Len() {
	case 1:
		return IsRequestish(params.At(0).Type()) && !IsNamed(params.At(0).Type(), "net/http", "Request")
	case 2:
		return IsNamed(params.At(0).Type(), "net/http", "ResponseWriter") && IsNamed(params.At(1).Type(), "net/http", "Request")
	}
	return false
}
