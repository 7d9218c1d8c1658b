package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// vectors are the parts of ../../testdata/log.json (docs/vectors/log.json) the program needs.
type vectors struct {
	Key struct {
		VerifierKey string `json:"verifier_key"`
	} `json:"key"`
	Checkpoints []struct {
		Note string `json:"note"`
	} `json:"checkpoints"`
	Consistency []struct {
		From  uint64   `json:"from"`
		To    uint64   `json:"to"`
		Proof []string `json:"proof"`
	} `json:"consistency"`
	Negative []struct {
		Name  string   `json:"name"`
		Note  string   `json:"note"`
		Proof []string `json:"proof"`
	} `json:"negative"`
}

func loadVectors(t *testing.T) *vectors {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "log.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// serve answers the log routes of project "default" with the checkpoint note and proofs given.
func serve(t *testing.T, note string, proofs map[[2]uint64][]string, token *string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*token = r.Header.Get("Authorization")
		q := r.URL.Query()
		switch {
		case q.Get("project") != "default":
			w.WriteHeader(http.StatusBadRequest)
		case r.URL.Path == "/v1/devstate/log/checkpoint":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = w.Write([]byte(note))
		case r.URL.Path == "/v1/devstate/log/proof/consistency":
			from, _ := strconv.ParseUint(q.Get("from"), 10, 64)
			to, _ := strconv.ParseUint(q.Get("to"), 10, 64)
			hashes, ok := proofs[[2]uint64{from, to}]
			if !ok {
				w.Header().Set("Content-Type", "application/problem+json")
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(`{"type":"urn:devstate:problem:not-found","title":"Not Found","status":404,"detail":"beyond the log"}`))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"from": from, "to": to, "hashes": hashes})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func runProgram(env map[string]string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, func(name string) string { return env[name] }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestTrustedHeadProgram(t *testing.T) {
	v := loadVectors(t)
	proofs := map[[2]uint64][]string{}
	for _, c := range v.Consistency {
		proofs[[2]uint64{c.From, c.To}] = c.Proof
	}
	var token string
	state := filepath.Join(t.TempDir(), "checkpoint")
	env := map[string]string{"DEVSTATE_PROJECT": "default", "DEVSTATE_LOG_VERIFIER_KEY": v.Key.VerifierKey, "DEVSTATE_TOKEN": "t0k"}

	env["DEVSTATE_URL"] = serve(t, v.Checkpoints[6].Note, proofs, &token).URL
	if code, stdout, stderr := runProgram(env, state); code != exitOK || stdout != "trusted devstate.example.org/default 6\n" || stderr != "" || token != "Bearer t0k" {
		t.Fatalf("first use: exit %d, stdout %q, stderr %q, token %q", code, stdout, stderr, token)
	}
	env["DEVSTATE_URL"] = serve(t, v.Checkpoints[9].Note, proofs, &token).URL
	if code, stdout, _ := runProgram(env, state); code != exitOK || stdout != "trusted devstate.example.org/default 9\n" {
		t.Fatalf("growth: exit %d, stdout %q", code, stdout)
	}

	// the fork of size 11 with its own proof from 6, against the trusted 9: no proof from 9 exists
	var fork string
	forkProofs := map[[2]uint64][]string{}
	for _, n := range v.Negative {
		if n.Name == "fork" {
			fork, forkProofs[[2]uint64{6, 11}] = n.Note, n.Proof
		}
	}
	env["DEVSTATE_URL"] = serve(t, fork, forkProofs, &token).URL
	code, stdout, stderr := runProgram(env, state)
	want := "history was rewritten: checkpoint 11 does not extend the trusted checkpoint 9"
	if code != exitRewritten || stdout != "" || !strings.HasPrefix(stderr, want+" (") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("fork: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if kept, _ := os.ReadFile(state); string(kept) != v.Checkpoints[9].Note {
		t.Fatalf("the state changed after a refusal: %q", kept)
	}
	// a rollback
	env["DEVSTATE_URL"] = serve(t, v.Checkpoints[7].Note, proofs, &token).URL
	if code, _, stderr := runProgram(env, state); code != exitRewritten ||
		stderr != "history was rewritten: checkpoint 7 does not extend the trusted checkpoint 9 (the log got smaller)\n" {
		t.Fatalf("rollback: exit %d, stderr %q", code, stderr)
	}

	// other failures: exit 1
	for name, tc := range map[string]struct {
		env  map[string]string
		args []string
	}{
		"no argument":      {env, nil},
		"no key":           {map[string]string{"DEVSTATE_URL": env["DEVSTATE_URL"], "DEVSTATE_PROJECT": "default"}, []string{state}},
		"no url":           {map[string]string{"DEVSTATE_PROJECT": "default", "DEVSTATE_LOG_VERIFIER_KEY": v.Key.VerifierKey}, []string{state}},
		"unreachable":      {map[string]string{"DEVSTATE_URL": "http://127.0.0.1:1", "DEVSTATE_PROJECT": "default", "DEVSTATE_LOG_VERIFIER_KEY": v.Key.VerifierKey}, []string{state}},
		"wrong project":    {map[string]string{"DEVSTATE_URL": env["DEVSTATE_URL"], "DEVSTATE_PROJECT": "other", "DEVSTATE_LOG_VERIFIER_KEY": v.Key.VerifierKey}, []string{state}},
		"state not a note": {env, []string{writeFile(t, "not a note\n")}},
	} {
		if code, stdout, stderr := runProgram(tc.env, tc.args...); code != exitFailed || stdout != "" || !strings.HasPrefix(stderr, "trusted-head: ") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
	}
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
