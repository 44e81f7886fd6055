// Package graphqlcli is a net/http service that queries GraphQL upstreams
// with machinebox/graphql and shurcooL/githubv4.
package graphqlcli

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"

	"github.com/machinebox/graphql"
	"github.com/shurcooL/githubv4"
	"golang.org/x/oauth2"
)

var gql = graphql.NewClient("https://graph.example.com/query")

func writeJSON(w http.ResponseWriter, v any, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(v)
}

// Viewer queries with the caller's token.
func Viewer(w http.ResponseWriter, r *http.Request) {
	req := graphql.NewRequest(`query { viewer { id name } }`)
	req.Header.Set("Authorization", r.Header.Get("Authorization")) // want tokenforward
	var out map[string]any
	err := gql.Run(r.Context(), req, &out)
	writeJSON(w, out, err)
}

// Catalog queries with the service's own token and the request id.
func Catalog(w http.ResponseWriter, r *http.Request) {
	req := graphql.NewRequest(`query { products { id } }`)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("GRAPH_TOKEN"))
	req.Header.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	var out map[string]any
	err := gql.Run(r.Context(), req, &out)
	writeJSON(w, out, err)
}

// bearerTransport sets the token it holds on every request.
type bearerTransport struct {
	token string
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token) // want tokenforward
	return http.DefaultTransport.RoundTrip(req)
}

// appTransport sets the application's own key on every request.
type appTransport struct {
	key string
}

func (t *appTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.key)
	return http.DefaultTransport.RoundTrip(req)
}

type viewerQuery struct {
	Viewer struct {
		Login githubv4.String
	}
}

func login(w http.ResponseWriter, r *http.Request, gh *githubv4.Client) {
	var q viewerQuery
	err := gh.Query(r.Context(), &q, nil)
	writeJSON(w, q.Viewer.Login, err)
}

// Login asks GitHub who the caller is, with the caller's token held by the
// transport.
func Login(w http.ResponseWriter, r *http.Request) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	gh := githubv4.NewClient(&http.Client{Transport: &bearerTransport{token: tok}})
	login(w, r, gh)
}

// Stars uses the token source the githubv4 README shows, with the caller's
// token.
func Stars(w http.ResponseWriter, r *http.Request) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	src := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}) // want tokenforward
	gh := githubv4.NewClient(oauth2.NewClient(r.Context(), src))
	login(w, r, gh)
}

// Bot queries GitHub as the application.
func Bot(w http.ResponseWriter, r *http.Request) {
	gh := githubv4.NewClient(&http.Client{Transport: &appTransport{key: os.Getenv("GITHUB_TOKEN")}})
	login(w, r, gh)
}

// Org uses the token source with the application's token.
func Org(w http.ResponseWriter, r *http.Request) {
	src := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: os.Getenv("GITHUB_TOKEN")})
	gh := githubv4.NewClient(oauth2.NewClient(r.Context(), src))
	login(w, r, gh)
}
