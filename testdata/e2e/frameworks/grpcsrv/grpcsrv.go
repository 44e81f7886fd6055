// Package grpcsrv is a gRPC service whose methods call a REST upstream
// with net/http and another gRPC service. When the service sits behind
// grpc-gateway, the gateway copies the HTTP Authorization header into the
// incoming metadata as "authorization", so the metadata carries the
// client's bearer token.
package grpcsrv

import (
	"context"
	"crypto/subtle"
	"net/http"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

const upstreamURL = "https://api.example.com"

// ProfilesServer is what the generated code would declare.
type ProfilesServer interface {
	Get(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	List(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	Sync(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	Stats(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	Ping(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	Admin(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
	Events(context.Context, *emptypb.Empty) (*emptypb.Empty, error)
}

type server struct {
	ledger *grpc.ClientConn
}

func upstream(ctx context.Context, path string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, upstreamURL+path, nil)
}

func send(out *http.Request) (*emptypb.Empty, error) {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return nil, status.Error(codes.Unavailable, err.Error())
	}
	return &emptypb.Empty{}, resp.Body.Close()
}

// Get forwards the authorization metadata read with md.Get.
func (s *server) Get(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	out, err := upstream(ctx, "/v1/profile")
	if err != nil {
		return nil, err
	}
	if vs := md.Get("authorization"); len(vs) > 0 {
		out.Header.Set("Authorization", vs[0]) // want tokenforward
	}
	return send(out)
}

// List reads the metadata map directly.
func (s *server) List(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok || len(md["authorization"]) == 0 {
		return nil, status.Error(codes.Unauthenticated, "no credentials")
	}
	tok := strings.TrimPrefix(md["authorization"][0], "Bearer ")
	out, err := upstream(ctx, "/v1/profiles")
	if err != nil {
		return nil, err
	}
	out.Header.Set("Authorization", "Bearer "+tok) // want tokenforward
	return send(out)
}

// Sync uses ValueFromIncomingContext.
func (s *server) Sync(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	vals := metadata.ValueFromIncomingContext(ctx, "authorization")
	if len(vals) == 0 {
		return nil, status.Error(codes.Unauthenticated, "no credentials")
	}
	out, err := upstream(ctx, "/v1/sync")
	if err != nil {
		return nil, err
	}
	out.Header["Authorization"] = vals // want tokenforward
	return send(out)
}

// Stats calls the ledger service over gRPC with the caller's token.
func (s *server) Stats(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	tok := metadata.ValueFromIncomingContext(ctx, "authorization")
	if len(tok) == 0 {
		return nil, status.Error(codes.Unauthenticated, "no credentials")
	}
	octx := metadata.AppendToOutgoingContext(ctx, "authorization", tok[0]) // want tokenforward
	out := new(emptypb.Empty)
	err := s.ledger.Invoke(octx, "/ledger.v1.Ledger/Stats", &emptypb.Empty{}, out)
	return out, err
}

// Ping forwards the request id with the service's own credentials.
func (s *server) Ping(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	out, err := upstream(ctx, "/v1/ping")
	if err != nil {
		return nil, err
	}
	if ids := md.Get("x-request-id"); len(ids) > 0 {
		out.Header.Set("X-Request-Id", ids[0])
	}
	out.Header.Set("Authorization", "Bearer "+os.Getenv("PING_TOKEN"))
	octx := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+os.Getenv("LEDGER_TOKEN"), "x-request-id", strings.Join(md.Get("x-request-id"), ","))
	if err := s.ledger.Invoke(octx, "/ledger.v1.Ledger/Ping", &emptypb.Empty{}, new(emptypb.Empty)); err != nil {
		return nil, err
	}
	return send(out)
}

// Admin compares the caller's token with the configured one.
func (s *server) Admin(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	got := metadata.ValueFromIncomingContext(ctx, "authorization")
	want := "Bearer " + os.Getenv("ADMIN_TOKEN")
	if len(got) != 1 || subtle.ConstantTimeCompare([]byte(got[0]), []byte(want)) != 1 {
		return nil, status.Error(codes.PermissionDenied, "not an admin")
	}
	return &emptypb.Empty{}, grpc.SetHeader(ctx, metadata.Pairs("x-admin", "true"))
}

type tokenKey struct{}

// Auth is the unary interceptor that keeps the caller's bearer token in the
// context for the methods.
func Auth(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	vals := metadata.ValueFromIncomingContext(ctx, "authorization")
	if len(vals) == 0 {
		return nil, status.Error(codes.Unauthenticated, "no credentials")
	}
	return next(context.WithValue(ctx, tokenKey{}, strings.TrimPrefix(vals[0], "Bearer ")), req)
}

// Events uses the token the interceptor kept.
func (s *server) Events(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	tok, _ := ctx.Value(tokenKey{}).(string)
	out, err := upstream(ctx, "/v1/events")
	if err != nil {
		return nil, err
	}
	out.Header.Set("Authorization", "Bearer "+tok) // want tokenforward
	return send(out)
}

func handler(call func(ProfilesServer, context.Context, *emptypb.Empty) (*emptypb.Empty, error)) func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
	return func(srv any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
		in := new(emptypb.Empty)
		if err := dec(in); err != nil {
			return nil, err
		}
		return call(srv.(ProfilesServer), ctx, in)
	}
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: "profiles.v1.Profiles",
	HandlerType: (*ProfilesServer)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "Get", Handler: handler(ProfilesServer.Get)},
		{MethodName: "List", Handler: handler(ProfilesServer.List)},
		{MethodName: "Sync", Handler: handler(ProfilesServer.Sync)},
		{MethodName: "Stats", Handler: handler(ProfilesServer.Stats)},
		{MethodName: "Ping", Handler: handler(ProfilesServer.Ping)},
		{MethodName: "Admin", Handler: handler(ProfilesServer.Admin)},
		{MethodName: "Events", Handler: handler(ProfilesServer.Events)},
	},
}

// New builds the gRPC server with the service; ledger is the connection to
// the ledger service.
func New(ledger *grpc.ClientConn) *grpc.Server {
	s := grpc.NewServer(grpc.UnaryInterceptor(Auth))
	s.RegisterService(&serviceDesc, &server{ledger: ledger})
	return s
}
