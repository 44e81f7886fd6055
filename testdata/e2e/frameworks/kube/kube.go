// Package kube is a dashboard backend that talks to the Kubernetes API
// with client-go.
package kube

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

var apiServer = os.Getenv("KUBE_API_SERVER")

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func listPods(w http.ResponseWriter, r *http.Request, cs *kubernetes.Clientset, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	pods, err := cs.CoreV1().Pods(r.PathValue("ns")).List(r.Context(), metav1.ListOptions{})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(pods)
}

// Pods lists pods as the caller, with a clientset built for the caller's
// token.
func Pods(w http.ResponseWriter, r *http.Request) {
	cs, err := kubernetes.NewForConfig(&rest.Config{Host: apiServer, BearerToken: bearer(r)}) // want tokenforward
	listPods(w, r, cs, err)
}

// base is the cluster configuration without credentials.
var base = &rest.Config{Host: apiServer, TLSClientConfig: rest.TLSClientConfig{CAFile: "/etc/kube/ca.crt"}}

// Deployments copies the base configuration and sets the caller's token.
func Deployments(w http.ResponseWriter, r *http.Request) {
	cfg := rest.CopyConfig(base)
	cfg.BearerToken = bearer(r) // want tokenforward
	cs, err := kubernetes.NewForConfig(cfg)
	listPods(w, r, cs, err)
}

// Raw calls the API server with an HTTP client built for the caller's
// token.
func Raw(w http.ResponseWriter, r *http.Request) {
	hc, err := rest.HTTPClientFor(&rest.Config{Host: apiServer, BearerToken: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}) // want tokenforward
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := hc.Get(apiServer + "/version")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// Nodes lists as the service account the dashboard runs as.
func Nodes(w http.ResponseWriter, r *http.Request) {
	cfg, err := rest.InClusterConfig()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	cs, err := kubernetes.NewForConfig(cfg)
	listPods(w, r, cs, err)
}

// Events lists with a token from the dashboard's own configuration,
// impersonating the user named by the caller's (already authenticated)
// identity header.
func Events(w http.ResponseWriter, r *http.Request) {
	cfg := rest.CopyConfig(base)
	cfg.BearerToken = os.Getenv("DASHBOARD_SA_TOKEN")
	cfg.Impersonate = rest.ImpersonationConfig{UserName: r.Header.Get("X-Forwarded-User")}
	cs, err := kubernetes.NewForConfig(cfg)
	listPods(w, r, cs, err)
}
