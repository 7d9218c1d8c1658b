package trust

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	devstate "github.com/devstate/devstate/clients/go"
)

// fakeLogServer serves the log routes of project "default" from the vectors, with a log of size
// (settable) or, with fork set, the vectors' fork of size 11 and its proof from 6.
type fakeLogServer struct {
	*httptest.Server
	v         *logVectors
	forkNote  []byte
	forkProof [][]byte // from 6 to 11
	mu        sync.Mutex
	size      uint64
	fork      bool
	auth      []string // the Authorization header of every request
}

func newFakeLogServer(t *testing.T, v *logVectors, size uint64) *fakeLogServer {
	f := &fakeLogServer{v: v, size: size}
	_, f.forkNote, f.forkProof, _ = v.negative(t, "fork")
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLogServer) set(size uint64, fork bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.size, f.fork = size, fork
}

func (f *fakeLogServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	q := r.URL.Query()
	problem := func(status int, detail string) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		body, _ := json.Marshal(map[string]any{"type": "urn:devstate:problem:x", "title": http.StatusText(status), "status": status, "detail": detail})
		_, _ = w.Write(body)
	}
	if q.Get("project") != "default" {
		problem(http.StatusBadRequest, "project "+q.Get("project"))
		return
	}
	switch r.URL.Path {
	case "/v1/devstate/log/checkpoint":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if f.fork {
			_, _ = w.Write(f.forkNote)
		} else {
			_, _ = w.Write(f.v.note(f.size))
		}
	case "/v1/devstate/log/proof/consistency":
		from, err1 := strconv.ParseUint(q.Get("from"), 10, 64)
		to, err2 := strconv.ParseUint(q.Get("to"), 10, 64)
		size := f.size
		if f.fork {
			size = 11
		}
		switch {
		case err1 != nil || err2 != nil:
			problem(http.StatusBadRequest, "from/to")
			return
		case from > size || to > size:
			problem(http.StatusNotFound, "beyond the log")
			return
		}
		var hashes []string
		switch {
		case f.fork && from == 6 && to == 11:
			hashes = encodeHashes(f.forkProof)
		case !f.fork:
			for _, c := range f.v.Consistency {
				if c.From == from && c.To == to {
					hashes = c.Proof
				}
			}
		}
		if hashes == nil {
			hashes = []string{}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"from": from, "to": to, "hashes": hashes})
	case "/v1/devstate/log/key":
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"origin": f.v.Origin, "verifier_key": f.v.Key.VerifierKey})
	default:
		problem(http.StatusNotFound, "no route "+r.URL.Path)
	}
}

func apiClient(url string) *devstate.APIClient {
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: url}}
	return devstate.NewAPIClient(cfg)
}

func TestAPIFetcherOverTheGeneratedClient(t *testing.T) {
	v := loadVectors(t)
	srv := newFakeLogServer(t, v, 5)
	fetch := NewAPIFetcher(apiClient(srv.URL), "default")
	ctx := context.WithValue(context.Background(), devstate.ContextAccessToken, "t0k")

	text, err := fetch.Checkpoint(ctx)
	if err != nil || !bytes.Equal(text, v.note(5)) {
		t.Fatalf("checkpoint: %q %v", text, err)
	}
	hashes, err := fetch.Consistency(ctx, 3, 5)
	if err != nil || len(hashes) == 0 || !equalHashes(hashes, v.proof(t, 3, 5)) {
		t.Fatalf("proof: %v %v", hashes, err)
	}
	origin, key, err := fetch.Key(ctx)
	if err != nil || origin != v.Origin || key != v.Key.VerifierKey {
		t.Fatalf("key: %q %q %v", origin, key, err)
	}
	if srv.auth[0] != "Bearer t0k" {
		t.Fatalf("token: %q", srv.auth)
	}
	// beyond the log: ErrBeyondLog, and still the API error of the answer
	_, err = fetch.Consistency(ctx, 3, 9)
	var apiErr *APIError
	if !errors.Is(err, ErrBeyondLog) || !errors.As(err, &apiErr) || apiErr.Response == nil || apiErr.Response.StatusCode != 404 {
		t.Fatalf("beyond: %v", err)
	}
	// another error status is not "beyond the log"
	_, err = NewAPIFetcher(apiClient(srv.URL), "other").Consistency(ctx, 1, 2)
	if errors.Is(err, ErrBeyondLog) || !errors.As(err, &apiErr) || apiErr.Response.StatusCode != 400 {
		t.Fatalf("400: %v", err)
	}
	// no answer at all
	srv.Close()
	_, err = fetch.Checkpoint(ctx)
	if !errors.As(err, &apiErr) || apiErr.Response != nil || !strings.Contains(err.Error(), "GET /v1/devstate/log/checkpoint") {
		t.Fatalf("unreachable: %v", err)
	}
}

func TestCheckOverTheAPIGrowthAndFork(t *testing.T) {
	v := loadVectors(t)
	srv := newFakeLogServer(t, v, 6)
	head := newHead(t, v, nil)
	fetch := NewAPIFetcher(apiClient(srv.URL), "default")
	ctx := context.Background()
	if cp, err := head.Check(ctx, fetch); err != nil || cp.Size != 6 {
		t.Fatalf("first use: %v", err)
	}
	srv.set(9, false)
	if cp, err := head.Check(ctx, fetch); err != nil || cp.Size != 9 {
		t.Fatalf("growth: %v", err)
	}
	srv.set(4, false) // the log lost entries: its checkpoint is smaller
	_, err := head.Check(ctx, fetch)
	refused(t, "rollback", head, err, 4, 9, v.note(9))

	head = newHead(t, v, v.note(6))
	srv.set(11, true)
	_, err = head.Check(ctx, fetch)
	refused(t, "fork", head, err, 11, 6, v.note(6))
}

func TestAPIFetcherRefusesAnAnswerForOtherSizesOrBadHashes(t *testing.T) {
	for name, body := range map[string]string{
		"other sizes": `{"from":1,"to":3,"hashes":[]}`,
		"bad base64":  `{"from":2,"to":3,"hashes":["not base64!"]}`,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		}))
		_, err := NewAPIFetcher(apiClient(srv.URL), "default").Consistency(context.Background(), 2, 3)
		srv.Close()
		var apiErr *APIError
		if err == nil || !errors.As(err, &apiErr) || errors.Is(err, ErrBeyondLog) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

func encodeHashes(hashes [][]byte) []string {
	out := make([]string, len(hashes))
	for i, h := range hashes {
		out[i] = base64.StdEncoding.EncodeToString(h)
	}
	return out
}

func equalHashes(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
