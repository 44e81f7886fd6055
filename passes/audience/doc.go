// Package audience defines an Analyzer that reports tokens accepted
// without checking that they were issued for this server.
//
// # Analyzer audience
//
// audience: report tokens accepted without audience binding
//
// The MCP authorization specification requires a server to validate that
// each access token was issued for it as the intended audience (RFC 8707
// resource indicators) and to reject any other token; a server that does
// not accepts tokens minted for other services (and becomes the confused
// deputy that token passthrough exploits). The analyzer reports:
//
//   - golang-jwt v5 (v5.3.1 read): jwt.Parse, jwt.ParseWithClaims and the
//     methods of a parser from jwt.NewParser (made in the function, or
//     kept in a field or variable the package stores only such parsers
//     into), without jwt.WithAudience or jwt.WithAllAudiences, or with
//     jwt.WithoutClaimsValidation;
//   - golang-jwt v4 (v4.5.2 read): Parse and ParseWithClaims, which have no
//     audience option, when VerifyAudience is not called;
//   - go-oidc v3 (v3.17.0 read): an oidc.Config with SkipClientIDCheck set
//     to true that a verifier is made from (Provider.Verifier,
//     VerifierContext, NewVerifier, wherever the verifier is kept) or a
//     token verified through, when IDToken.Audience is not checked; set
//     only when no audience is configured (if aud == "" {...}, or
//     SkipClientIDCheck: aud == "") it is not reported;
//   - lestrrat-go/jwx v2 and v3 (v2.1.6, v3.0.12 read): jwt.Parse,
//     ParseString, ParseRequest and ParseReader without jwt.WithAudience,
//     with jwt.WithVerify(false) or jwt.WithValidate(false);
//   - go-jose v4 (v4.1.3 read): (*JSONWebToken).Claims unless the claims are
//     validated with an Expected that sets AnyAudience (or their Audience
//     is checked by hand, Audience.Contains included), and
//     Claims.Validate or ValidateWithLeeway of claims decoded some other
//     way with an Expected that lacks AnyAudience (made in the function,
//     by a helper of the package, refreshed with WithTime; one kept in a
//     field is not judged);
//   - unverified parses — golang-jwt ParseUnverified, go-jose
//     UnsafeClaimsWithoutVerification, jwx ParseInsecure — whose claims are
//     trusted (returned, put in the request context or a go-sdk
//     TokenInfo, compared, handed to a function other than logging; a
//     claim read only to pick a key or tenant or to time a refresh — kid,
//     iss, exp, nbf, iat — is not), unless the same raw token is verified
//     on the way: it reaches a verifying parse, a verifier function or
//     interface, a policy engine or an introspection request in the same
//     function, or, for a helper given the token, in every caller of the
//     package;
//   - MCP go-sdk (v1.8.0 read): a verifier given to auth.RequireBearerToken
//     (function, literal or method value) that returns a non-nil
//     *auth.TokenInfo although the token never reached a check (decoding
//     its payload with base64 and JSON is not one), or that asks an
//     introspection endpoint (RFC 7662: form values with "token", a
//     response decoded into a struct with "active") and never reads the
//     response's "aud"; reported at the return, with the
//     RequireBearerToken call as related information;
//   - handlers that accept a bearer without any check (category
//     unverified-bearer, SARIF rule audience/unverified-bearer): a
//     function that reads a credential header (Authorization, and the
//     API-key headers tokenforward knows) of a request it was given,
//     directly or through a helper that returns it (in any package:
//     facts), and lets the request through — calls the next handler
//     (next.ServeHTTP, a handler function value, gin's c.Next, echo's
//     next(c)) or stores the token in the request context
//     (context.WithValue, c.Set, a function that only makes a context) —
//     on a path from the read where the token reached no verification.
//     Verification is anything that could check it: a comparison with
//     something other than a scheme name or "", a map lookup keyed by it,
//     subtle.ConstantTimeCompare, a request sent with it (introspection,
//     userinfo), or a call the analysis does not see through (a verifier,
//     a database lookup): the benefit of the doubt is on purpose.
//     Presence, prefix, length and format (regexp) checks are not. Paths
//     on which the read found no token (tok == "", err != nil from the
//     helper) let no token through. Only a function that acts as a gate
//     is judged: it stores the token, or rejects some requests (an error
//     status, an abort, an error returned); a middleware that only
//     rewrites the header and goes on is not. Reported at the call that
//     lets the request through, with the read as related information;
//
// Tokens the program obtained itself from a token endpoint — fields of
// golang.org/x/oauth2's Token and its Extra values, members of a
// response decoded into a struct with the token response's names
// (access_token, id_token, refresh_token), and parameters every caller
// in the package gives such a token — are not judged: this is the client
// side (reading claims of the identity provider's id_token, scheduling a
// refresh), where no client presented the token.
//
// unless the token's audience is checked by hand: read (GetAudience(),
// the Audience field of the claims, MapClaims["aud"], jwx Audience()) and
// compared (==, !=, slices.Contains and friends, strings.EqualFold, a map
// lookup), or given to VerifyAudience, to jwx jwt.Validate with
// WithAudience, or to a configured audience validator, in the same
// function or in a function it hands the token to (in this package or
// another: facts). A check in the caller does not count: the function that
// parses is the one that accepts.
//
// The diagnostic is at the parse call or at the SkipClientIDCheck field of
// the oidc.Config literal, and says what to add. For a golang-jwt v5 or jwx
// parse, when exactly one string constant or variable named like an
// audience (audience, resource, resourceURI, clientID...) is in scope, a
// suggested fix adds jwt.WithAudience(<that name>); with none or several,
// no fix is offered (a placeholder would not compile).
//
// An oidc.Config is judged where a token is verified through it: one
// handed to code the analysis does not follow (a builder function) is not
// reported. A check counts when it can decide acceptance: its block
// dominates a return of its function, or its result (also through a flag
// set in a loop) is the condition of an if whose branch returns (a
// comparison made only under a debug flag and logged does not). No
// audience check makes an unverified token right. Not yet covered:
// introspection outside a go-sdk verifier.
package audience
