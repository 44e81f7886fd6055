// Package credentials is a stub of google.golang.org/grpc/credentials for tests.
package credentials

import "context"

type PerRPCCredentials interface {
	GetRequestMetadata(ctx context.Context, uri ...string) (map[string]string, error)
	RequireTransportSecurity() bool
}
