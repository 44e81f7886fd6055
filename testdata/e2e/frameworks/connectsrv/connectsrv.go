// Package connectsrv is a Connect service whose handlers call other
// services with net/http, a Connect client and resty.
package connectsrv

import (
	"context"
	"net/http"
	"os"

	"connectrpc.com/connect"
	"github.com/go-resty/resty/v2"
	"google.golang.org/protobuf/types/known/emptypb"
)

const upstreamURL = "https://api.example.com"

var (
	accounts = connect.NewClient[emptypb.Empty, emptypb.Empty](http.DefaultClient, "https://accounts.example.com/accounts.v1.Accounts/Get")
	rc       = resty.New()
)

func call(out *http.Request) error {
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return connect.NewError(connect.CodeUnavailable, err)
	}
	return resp.Body.Close()
}

// get forwards the Authorization header of the Connect request.
func get(ctx context.Context, req *connect.Request[emptypb.Empty]) (*connect.Response[emptypb.Empty], error) {
	out, err := http.NewRequestWithContext(ctx, http.MethodGet, upstreamURL+"/v1/profile", nil)
	if err != nil {
		return nil, err
	}
	out.Header.Set("Authorization", req.Header().Get("Authorization")) // want tokenforward
	return connect.NewResponse(&emptypb.Empty{}), call(out)
}

// list reads the header from the handler context (simple handlers) and
// calls another Connect service with it.
func list(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	info, ok := connect.CallInfoForHandlerContext(ctx)
	if !ok {
		return nil, connect.NewError(connect.CodeInternal, nil)
	}
	creq := connect.NewRequest(&emptypb.Empty{})
	creq.Header().Set("Authorization", info.RequestHeader().Get("Authorization")) // want tokenforward
	_, err := accounts.CallUnary(ctx, creq)
	return &emptypb.Empty{}, err
}

// count passes the token through a client context.
func count(ctx context.Context, req *connect.Request[emptypb.Empty]) (*connect.Response[emptypb.Empty], error) {
	tok := req.Header().Get("Authorization")
	cctx, info := connect.NewClientContext(ctx)
	info.RequestHeader().Set("Authorization", tok) // want tokenforward
	_, err := accounts.CallUnary(cctx, connect.NewRequest(&emptypb.Empty{}))
	return connect.NewResponse(&emptypb.Empty{}), err
}

// search hands all the Connect request's headers to resty.
func search(ctx context.Context, req *connect.Request[emptypb.Empty]) (*connect.Response[emptypb.Empty], error) {
	_, err := rc.R().SetContext(ctx).SetHeaderMultiValues(req.Header()).Get(upstreamURL + "/v1/search") // want headerforward
	return connect.NewResponse(&emptypb.Empty{}), err
}

// ping forwards the request id with the service's own token, and answers
// with the caller's token and the id on the response.
func ping(ctx context.Context, req *connect.Request[emptypb.Empty]) (*connect.Response[emptypb.Empty], error) {
	creq := connect.NewRequest(&emptypb.Empty{})
	creq.Header().Set("X-Request-Id", req.Header().Get("X-Request-Id"))
	creq.Header().Set("Authorization", "Bearer "+os.Getenv("ACCOUNTS_TOKEN"))
	if _, err := accounts.CallUnary(ctx, creq); err != nil {
		return nil, err
	}
	res := connect.NewResponse(&emptypb.Empty{})
	res.Header().Set("X-Request-Id", req.Header().Get("X-Request-Id"))
	res.Header().Set("Authorization", req.Header().Get("Authorization"))
	return res, nil
}

// health answers on the handler context's response header only.
func health(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	if info, ok := connect.CallInfoForHandlerContext(ctx); ok {
		info.ResponseHeader().Set("Authorization", info.RequestHeader().Get("Authorization"))
	}
	return &emptypb.Empty{}, nil
}

// Mux registers the procedures.
func Mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/profiles.v1.Profiles/Get", connect.NewUnaryHandler("/profiles.v1.Profiles/Get", get))
	mux.Handle("/profiles.v1.Profiles/List", connect.NewUnaryHandlerSimple("/profiles.v1.Profiles/List", list))
	mux.Handle("/profiles.v1.Profiles/Count", connect.NewUnaryHandler("/profiles.v1.Profiles/Count", count))
	mux.Handle("/profiles.v1.Profiles/Search", connect.NewUnaryHandler("/profiles.v1.Profiles/Search", search))
	mux.Handle("/profiles.v1.Profiles/Ping", connect.NewUnaryHandler("/profiles.v1.Profiles/Ping", ping))
	mux.Handle("/profiles.v1.Profiles/Health", connect.NewUnaryHandlerSimple("/profiles.v1.Profiles/Health", health))
	return mux
}
