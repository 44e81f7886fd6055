// Package replaced finds where a program replaces a credential header of
// a received request with a value of its own (the server's key for the
// upstream, picked after it authenticated the client), or deletes it,
// before the header is read or the request forwarded: the read then gets
// the server's credential, not the client's.
//
// The replacement counts when it runs on every path before the read: in
// the same function (Result.Before), in a helper called first (a fact:
// which parameter's headers it replaces on every path to its returns),
// or in a middleware that every registration of the handler in the
// package passes through (Result.Read). Middleware is recognized
// by shape, not by framework: the replacement dominates every call that
// hands the request on (next.ServeHTTP(w, r), next(c), c.Next(); for gin
// without c.Next(), every return that did not abort), and a constructor
// counts for what the handlers it returns replace on every return.
// Registrations are net/http wrappers, Use on the same router before the
// route, groups made with middleware, and middleware given in the route
// (before the handler, in a list of handlers).
//
// When the package cannot decide (the request is a parameter of a
// helper, or of an exported handler the package does not register),
// Read returns that parameter: the read waits on it, and is decided by
// Read at each call and by Registered where another package registers
// the handler. When, besides, no replacing middleware is in sight (in
// the package or its imports), Provisional says so: the engine reports
// the read in the handler's package too, and a driver that sees every
// package drops it if every registration replaces the header.
//
// A value computed from a header of the request (re-formatting the
// client's token) replaces nothing; neither does a replacement on a clone
// of the request. The analysis reads no configuration, so that its facts
// serve every analyzer.
//
// It is bounded, and errs toward reporting: helpers that call helpers
// are followed four levels deep within a package (facts carry further
// across packages), chains of wrappers and groups eight deep, and a
// replacement it cannot establish within those bounds counts as none.
package replaced
