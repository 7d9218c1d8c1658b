package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeProjects answers verify and export like the service: project "p" has a chain of two entries
// and a state, every other project is unknown (verify: ok with nothing verified, export: 404).
func fakeProjects(t *testing.T) *httptest.Server {
	t.Helper()
	history := chain(t, "p", 2, "s")
	state := "{\n  \"current_cp\": \"CP1-LC\"\n}\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		project := r.URL.Query().Get("project")
		answer := func(status int, contentType, body string) {
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}
		switch {
		case r.URL.Path == "/v1/devstate/verify" && project == "p" && r.URL.Query().Get("from") == "1": // the client sends the default
			answer(200, "application/json", `{"ok":true,"verified":2,"head":{"seq":2,"hmac":"`+strings.Repeat("a", 64)+`"},"failure":null}`)
		case r.URL.Path == "/v1/devstate/verify":
			// unknown project, or a window after the last entry
			answer(200, "application/json", `{"ok":true,"verified":0,"head":null,"failure":null}`)
		case r.URL.Path == "/v1/devstate/export" && project == "p":
			body, _ := json.Marshal(map[string]any{"project": "p", "files": map[string]string{
				".trae/history.json": history, ".trae/state.json": state}})
			answer(200, "application/json", string(body))
		case r.URL.Path == "/v1/devstate/export" && project == "proxied":
			answer(404, "text/html", "<html>404 Not Found</html>")
		case r.URL.Path == "/v1/devstate/export":
			answer(404, "application/problem+json", fmt.Sprintf(
				`{"type":"urn:devstate:problem:not-found","title":"Not found","status":404,"detail":"project '%s' has no state and no history"}`, project))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			answer(404, "text/plain", "no")
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// failure is the --json failure object.
type failure struct {
	OK       bool   `json:"ok"`
	ExitCode int    `json:"exit_code"`
	Error    string `json:"error"`
	Project  string `json:"project"`
	URL      string `json:"url"`
	File     string `json:"file"`
}

func decodeFailure(t *testing.T, stdout string) failure {
	t.Helper()
	var f failure
	if err := json.Unmarshal([]byte(stdout), &f); err != nil {
		t.Fatalf("not a JSON object: %q: %v", stdout, err)
	}
	return f
}

func TestVerifyOfAnUnknownProjectExitsWithSixAndOfAnExistingOneZero(t *testing.T) {
	srv := fakeProjects(t)
	env := map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": "p"}
	code, stdout, stderr := runCLI(t, env, "verify", "--no-trusted-head")
	if code != exitOK || !strings.HasPrefix(stdout, "chain ok: project p, 2 entries verified, head seq 2") || stderr != "" {
		t.Fatalf("existing project: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// A window after the last entry verifies nothing, but the server has passed entry from-1
	// (else it answers seq_gap): not an unknown project.
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--from", "3")
	if code != exitOK || !strings.Contains(stdout, "no entries to verify") {
		t.Fatalf("--from 3: exit %d, stdout %q", code, stdout)
	}

	env["DEVSTATE_PROJECT"] = "nope" // a typo
	code, stdout, stderr = runCLI(t, env, "verify", "--no-trusted-head")
	want := fmt.Sprintf(`devstate verify: project "nope" has no history on %s: check DEVSTATE_PROJECT / --project (pass --allow-empty to accept an empty project)`+"\n", srv.URL)
	if code != exitEmpty || stdout != "" || stderr != want {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--json")
	if f := decodeFailure(t, stdout); code != exitEmpty || f.OK || f.ExitCode != exitEmpty || f.Project != "nope" ||
		f.URL != srv.URL || !strings.Contains(f.Error, "--allow-empty") {
		t.Fatalf("--json: exit %d, stdout %q", code, stdout)
	}
	// --from 1 is the whole chain too
	if code, _, _ := runCLI(t, env, "verify", "--no-trusted-head", "--from", "1"); code != exitEmpty {
		t.Fatalf("--from 1: exit %d", code)
	}
}

func TestVerifyAllowEmptyAcceptsAnUnknownProject(t *testing.T) {
	srv := fakeProjects(t)
	env := map[string]string{"DEVSTATE_URL": srv.URL}
	code, stdout, stderr := runCLI(t, env, "verify", "--no-trusted-head", "--project", "nope", "--allow-empty")
	if code != exitOK || stdout != "chain ok: project nope, no entries to verify\n" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "--allow-empty", "verify", "--no-trusted-head", "--project", "nope", "--json")
	if code != exitUsage {
		t.Fatalf("--allow-empty is a verify flag, not a global one: exit %d %q", code, stdout)
	}
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--allow-empty", "--project", "nope", "--json")
	var result map[string]any
	if err := json.Unmarshal([]byte(stdout), &result); err != nil || code != exitOK || result["ok"] != true || result["verified"] != 0.0 {
		t.Fatalf("--json: exit %d, stdout %q, %v", code, stdout, err)
	}
}

func TestDriftWithNothingOnEitherSideExitsWithSix(t *testing.T) {
	srv := fakeProjects(t)
	env := map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": "nope"}
	dir := filepath.Join(t.TempDir(), ".trae") // does not exist
	code, stdout, stderr := runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir)
	want := fmt.Sprintf(`devstate drift: project "nope" has no history on %s and %s has no state.json or history.json: check DEVSTATE_PROJECT / --project (pass --allow-empty to accept an empty project)`+"\n", srv.URL, dir)
	if code != exitEmpty || stdout != "" || stderr != want {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir, "--json")
	if f := decodeFailure(t, stdout); code != exitEmpty || f.OK || f.ExitCode != exitEmpty || f.Project != "nope" {
		t.Fatalf("--json: exit %d, stdout %q", code, stdout)
	}
	code, stdout, stderr = runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir, "--allow-empty")
	if code != exitOK || !strings.HasPrefix(stdout, "no drift: neither "+dir+" nor the server has files for project nope") || stderr != "" {
		t.Fatalf("--allow-empty: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir, "--allow-empty", "--json")
	var report driftReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitOK || report.Drift || report.Relation != "none" {
		t.Fatalf("--allow-empty --json: exit %d, stdout %q, %v", code, stdout, err)
	}
}

func TestDriftOfLocalFilesTheServerDoesNotHaveIsDrift(t *testing.T) {
	srv := fakeProjects(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "history.json"), []byte(chain(t, "nope", 1, "s")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"--allow-empty"}} {
		args := append([]string{"drift", "--no-trusted-head", "--dir", dir, "--project", "nope"}, extra...)
		code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL}, args...)
		if code != exitFailed || !strings.Contains(stdout, "not on the server") || !strings.Contains(stdout, "check --project/DEVSTATE_PROJECT") {
			t.Fatalf("%q: exit %d, stdout %q", args, code, stdout)
		}
	}
	// and the server's files missing locally
	code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL}, "drift", "--no-trusted-head", "--dir", filepath.Join(dir, "none"), "--project", "p")
	if code != exitFailed || !strings.Contains(stdout, "missing locally") {
		t.Fatalf("missing locally: exit %d, stdout %q", code, stdout)
	}
}

func TestDriftTakesOnlyAProblemDocument404AsAnUnknownProject(t *testing.T) {
	srv := fakeProjects(t) // "proxied": a 404 page of something else at that URL
	code, stdout, stderr := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL}, "drift", "--no-trusted-head", "--dir", t.TempDir(), "--project", "proxied")
	if code != exitAPI || !strings.Contains(stderr, "export failed: HTTP 404") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestOfflineVerifyOfAHistoryWithoutEntriesExitsWithSix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history.json")
	if err := os.WriteFile(path, []byte(chain(t, "p", 0, "sec")), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HMAC_SECRET": "sec"}
	code, stdout, stderr := runCLI(t, env, "verify", "--no-trusted-head", "--files", dir)
	if code != exitEmpty || stdout != "" || !strings.Contains(stderr, path+` has no entries (project "p")`) || !strings.Contains(stderr, "--allow-empty") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--files", dir, "--json")
	if f := decodeFailure(t, stdout); code != exitEmpty || f.ExitCode != exitEmpty || f.File != path || f.Project != "p" {
		t.Fatalf("--json: exit %d, stdout %q", code, stdout)
	}
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--files", dir, "--allow-empty")
	if code != exitOK || !strings.Contains(stdout, "no entries") || !strings.Contains(stdout, "state ok") {
		t.Fatalf("--allow-empty: exit %d, stdout %q", code, stdout)
	}
	// A state.json without any entry that recorded it is a failure, with or without --allow-empty.
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"--allow-empty"}} {
		args := append([]string{"verify", "--no-trusted-head", "--files", dir}, extra...)
		if code, stdout, _ := runCLI(t, env, args...); code != exitFailed || !strings.Contains(stdout, "state BAD") {
			t.Fatalf("%q: exit %d, stdout %q", args, code, stdout)
		}
	}
}

func TestUsageListsExitCodeSix(t *testing.T) {
	_, stdout, _ := runCLI(t, nil, "help")
	if !strings.Contains(stdout, "6 verify/drift found no history") {
		t.Fatal(stdout)
	}
	_, stdout, _ = runCLI(t, nil, "drift", "--no-trusted-head", "--help")
	if !strings.Contains(stdout, "-allow-empty") {
		t.Fatal(stdout)
	}
}
