// Package sinks has one function per kind of outbound credential. // want package:`func perRPC\.GetRequestMetadata: [^;]*field\(field:example.com/sinks.perRPC.tok\):cred->result0`
package sinks

import (
	"context"
	"net/http"
	"net/http/httputil"
	"net/url"

	"github.com/google/go-github/v74/github"
	"golang.org/x/oauth2"
	"google.golang.org/grpc/metadata"
	"k8s.io/client-go/rest"
)

func token(r *http.Request) string { return r.Header.Get("Authorization") }

func headerSet(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", token(r)) // want `forwarded to Header.Set\("Authorization"\) on an outbound request`
}

func headerAdd(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header.Add("Authorization", token(r)) // want `forwarded to Header.Add\("Authorization"\)`
}

func headerIndex(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header["Authorization"] = []string{token(r)} // want `forwarded to Header\["Authorization"\]`
}

func clonedRequest(w http.ResponseWriter, r *http.Request) {
	base, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req := base.Clone(r.Context())
	req.Header.Set("Authorization", token(r)) // want `forwarded to Header.Set`
}

func setBasicAuth(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.SetBasicAuth("svc", token(r)) // want `forwarded to Request.SetBasicAuth`
}

func director(w http.ResponseWriter, r *http.Request) {
	tok := token(r)
	target, _ := url.Parse("https://api.example.com")
	p := httputil.NewSingleHostReverseProxy(target)
	p.Director = func(req *http.Request) {
		req.URL.Host = target.Host
		req.Header.Set("Authorization", "Bearer "+tok) // want `forwarded to Header.Set`
	}
	p.ServeHTTP(w, r)
}

func rewrite(w http.ResponseWriter, r *http.Request) {
	tok := token(r)
	p := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.Header.Set("Authorization", tok) // want `forwarded to Header.Set`
	}}
	p.ServeHTTP(w, r)
}

func staticTokenSource(w http.ResponseWriter, r *http.Request) {
	src := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token(r)}) // want `forwarded to an oauth2 client credential via oauth2.StaticTokenSource`
	oauth2.NewClient(r.Context(), src).Get("https://api.example.com")
}

func oauth2ConfigClient(w http.ResponseWriter, r *http.Request) {
	conf := &oauth2.Config{ClientID: "mcp"}
	tok := &oauth2.Token{AccessToken: token(r), TokenType: "Bearer"}
	conf.Client(r.Context(), tok).Get("https://api.example.com") // want `forwarded to an oauth2 client credential via oauth2.Config.Client`
}

func grpcAppend(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ctx = metadata.AppendToOutgoingContext(ctx, "x-request-id", "1", "authorization", "Bearer "+token(r)) // want `forwarded to gRPC outgoing metadata`
	_ = ctx
}

func grpcPairs(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	md := metadata.Pairs("authorization", token(r))
	ctx = metadata.NewOutgoingContext(ctx, md) // want `forwarded to gRPC outgoing metadata`
	_ = ctx
}

func grpcSet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	md := metadata.MD{}
	md.Set("authorization", token(r))
	ctx = metadata.NewOutgoingContext(ctx, md) // want `forwarded to gRPC outgoing metadata`
	_ = ctx
}

type perRPC struct{ tok string }

func (c perRPC) GetRequestMetadata(ctx context.Context, uri ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + c.tok}, nil // want `forwarded to gRPC per-RPC credentials`
}

func (perRPC) RequireTransportSecurity() bool { return true }

func perRPCCredentials(w http.ResponseWriter, r *http.Request) {
	_ = perRPC{tok: token(r)}
}

func goGitHub(w http.ResponseWriter, r *http.Request) {
	_ = github.NewClient(nil).WithAuthToken(token(r)) // want `forwarded to go-github Client.WithAuthToken`
}

func clientGo(w http.ResponseWriter, r *http.Request) {
	_ = &rest.Config{Host: "https://k8s", BearerToken: token(r)} // want `forwarded to rest.Config.BearerToken`
}

// A RoundTrip parameter is outbound.
type transport struct{ tok string }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", t.tok) // want `forwarded to Header.Set`
	return http.DefaultTransport.RoundTrip(req)
}

func roundTripper(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: transport{tok: token(r)}}
	c.Get("https://api.example.com")
}
