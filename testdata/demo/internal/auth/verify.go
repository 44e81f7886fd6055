package auth

import (
	"context"
	"errors"
	"net/http"
	"os"

	"github.com/golang-jwt/jwt/v5"
	sdkauth "github.com/modelcontextprotocol/go-sdk/auth"
)

// Resource is this server's resource URI (RFC 8707): the audience its
// tokens must carry.
const Resource = "https://mcp.issues.example.com"

var signingKey = []byte(os.Getenv("JWT_SIGNING_KEY"))

func keyFunc(*jwt.Token) (any, error) { return signingKey, nil }

// Verify accepts the tokens issued for this server: the parser checks the
// audience. Use it with sdkauth.RequireBearerToken.
func Verify(ctx context.Context, token string, _ *http.Request) (*sdkauth.TokenInfo, error) {
	claims := &jwt.RegisteredClaims{}
	if _, err := jwt.ParseWithClaims(token, claims, keyFunc, jwt.WithAudience(Resource)); err != nil {
		return nil, err
	}
	return &sdkauth.TokenInfo{UserID: claims.Subject}, nil
}

// VerifyLegacy accepts any token the authorization server signed, whatever
// service it was issued for: the audience is never checked.
func VerifyLegacy(ctx context.Context, token string, _ *http.Request) (*sdkauth.TokenInfo, error) {
	claims := &jwt.RegisteredClaims{}
	if _, err := jwt.ParseWithClaims(token, claims, keyFunc); err != nil {
		return nil, err
	}
	if claims.Subject == "" {
		return nil, errors.New("token has no subject")
	}
	return &sdkauth.TokenInfo{UserID: claims.Subject}, nil
}
