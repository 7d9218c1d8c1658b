package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"

	devstate "github.com/devstate/devstate/clients/go"
)

// server is the generated client configured from the global options.
type server struct {
	api     *devstate.APIClient
	ctx     context.Context
	baseURL string
	project string
}

func (a *app) server() (*server, error) {
	base := strings.TrimRight(a.g.url, "/")
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageErrorf("DevState URL %q is not an http(s) URL (--url or DEVSTATE_URL)", a.g.url)
	}
	if a.g.project == "" {
		return nil, usageErrorf("the project is empty (--project or DEVSTATE_PROJECT)")
	}
	if a.g.timeout <= 0 {
		return nil, usageErrorf("--timeout must be positive")
	}
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: base}}
	cfg.UserAgent = "devstate-cli/" + version
	if a.session == nil || a.session.url != sessionURL(base) || a.session.project != a.g.project {
		a.session = newCLISession(a, base, a.g.project)
	}
	cfg.HTTPClient = &http.Client{Timeout: a.g.timeout, Transport: staleGuard{a.session}}
	ctx := context.Background()
	if a.g.token != "" {
		ctx = context.WithValue(ctx, devstate.ContextAccessToken, a.g.token)
	}
	return &server{api: devstate.NewAPIClient(cfg), ctx: ctx, baseURL: base, project: a.g.project}, nil
}

// releaseClient is the client for releaseLock. The contract declares only application/problem+json
// for that operation (204 has no body), so the generated client sends just that Accept, which a
// server whose lock routes produce application/json answers with 406: admit application/json too.
func (s *server) releaseClient() *devstate.APIClient {
	src := s.api.GetConfig()
	cfg := devstate.NewConfiguration()
	cfg.Servers = src.Servers
	cfg.UserAgent = src.UserAgent
	cfg.HTTPClient = src.HTTPClient
	cfg.AddDefaultHeader("Accept", "application/json")
	return devstate.NewAPIClient(cfg)
}

// fail classifies an error of the generated client (see apiError).
func (s *server) fail(what string, resp *http.Response, err error) error {
	return apiError(what, resp, err, s.baseURL)
}

// rawBody is the response body as the server sent it (the generated client rewinds it).
func rawBody(resp *http.Response) []byte {
	if resp == nil || resp.Body == nil {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil
	}
	return body
}
