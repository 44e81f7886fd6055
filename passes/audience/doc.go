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
//     methods of a parser from jwt.NewParser, without jwt.WithAudience or
//     jwt.WithAllAudiences, or with jwt.WithoutClaimsValidation;
//   - golang-jwt v4 (v4.5.2 read): Parse and ParseWithClaims, which have no
//     audience option, when VerifyAudience is not called;
//   - go-oidc v3 (v3.17.0 read): an oidc.Config with SkipClientIDCheck set
//     to true, when IDToken.Audience is not checked;
//   - lestrrat-go/jwx v2 and v3 (v2.1.6, v3.0.12 read): jwt.Parse,
//     ParseString, ParseRequest and ParseReader without jwt.WithAudience,
//     with jwt.WithVerify(false) or jwt.WithValidate(false), and
//     jwt.ParseInsecure;
//   - go-jose v4 (v4.1.3 read): (*JSONWebToken).Claims unless the claims are
//     validated with an Expected that sets AnyAudience (or their Audience
//     is checked by hand, Audience.Contains included), and
//     UnsafeClaimsWithoutVerification;
//   - MCP go-sdk (v1.8.0 read): a verifier given to auth.RequireBearerToken
//     (function, literal or method value) that returns a non-nil
//     *auth.TokenInfo although the token never reached a check: a
//     comparison with something other than "", or a call other than string
//     manipulation and logging (a verifier that hands the token to any
//     other function is not judged), or that asks an introspection
//     endpoint (RFC 7662: form values with "token", a response decoded into
//     a struct with "active") and never reads the response's "aud";
//     reported at the return, with the RequireBearerToken call as related
//     information;
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
// comparison made only under a debug flag and logged does not). golang-jwt ParseUnverified is reported unless
// the same raw token is parsed with verification afterwards in the same
// function; no audience check makes an unverified token right. Not yet
// covered: introspection outside a go-sdk verifier.
package audience
