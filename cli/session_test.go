package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeDevState keeps a state version and a chain head per project, answers the routes the CLI
// uses, 412 when a DevState-Min-* header is above them (as the service does), and records the
// headers of every request.
type fakeDevState struct {
	*httptest.Server
	mu          sync.Mutex
	heads       map[string]*[2]int64 // project -> version, seq
	writeStatus int                  // non-zero: state writes fail with this status
	seen        []string             // "METHOD path project min-version min-seq"
}

func newFakeDevState(t *testing.T) *fakeDevState {
	f := &fakeDevState{heads: map[string]*[2]int64{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeDevState) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	project := r.URL.Query().Get("project")
	minVersion := strings.Join(r.Header.Values("DevState-Min-Version"), ",")
	minSeq := strings.Join(r.Header.Values("DevState-Min-Seq"), ",")
	f.seen = append(f.seen, fmt.Sprintf("%s %s %s %s %s", r.Method, r.URL.Path, project, minVersion, minSeq))
	head := f.heads[project]
	if head == nil {
		head = &[2]int64{}
		f.heads[project] = head
	}
	answer := func(status int, body string) {
		if status < 300 {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "application/problem+json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
	problem := func(status int, detail string) {
		answer(status, fmt.Sprintf(`{"type":"urn:devstate:problem:x","title":"%s","status":%d,"detail":"%s"}`,
			http.StatusText(status), status, detail))
	}
	if v, err := strconv.ParseInt(minVersion, 10, 64); err == nil && v > head[0] {
		problem(412, "DevState-Min-Version is above the current state version")
		return
	}
	if s, err := strconv.ParseInt(minSeq, 10, 64); err == nil && s > head[1] {
		problem(412, "DevState-Min-Seq is above the chain head")
		return
	}
	hmac := strings.Repeat("a", 64)
	switch {
	case r.URL.Path == "/v1/devstate/state" && (r.Method == http.MethodPost || r.Method == http.MethodPut):
		if f.writeStatus != 0 {
			problem(f.writeStatus, "refused")
			return
		}
		head[0]++
		head[1]++
		answer(200, fmt.Sprintf(`{"project":"%s","checksum":"sha256:%s","version":%d,"updated_at":"2026-11-25T10:00:00.000000Z","seq":%d,"hmac":"%s",`+
			`"log":{"leaf_index":%d,"checkpoint_size":%d}}`, project, strings.Repeat("c", 64), head[0], head[1], hmac, head[1]-1, head[1]))
	case r.URL.Path == "/v1/devstate/import" && r.Method == http.MethodPost:
		head[1] += 2
		answer(200, fmt.Sprintf(`{"project":"%s","outcome":"appended","imported":2,"head":{"seq":%d,"hmac":"%s"}}`, project, head[1], hmac))
	case r.URL.Path == "/v1/devstate/verify":
		// the chain always has at least its seed entry (an empty project exits 6, empty_test.go)
		seq := max(head[1], 1)
		answer(200, fmt.Sprintf(`{"ok":true,"verified":%d,"head":{"seq":%d,"hmac":"%s"},"failure":null}`, seq, seq, hmac))
	case r.URL.Path == "/v1/devstate/export":
		answer(200, fmt.Sprintf(`{"project":"%s","files":{".trae/history.json":"{}\n",".trae/state.json":null}}`, project))
	case r.URL.Path == "/v1/devstate/history/search":
		answer(200, `{"items":[],"next_cursor":null}`)
	default:
		problem(404, "not here")
	}
}

// take returns the requests seen since the last call.
func (f *fakeDevState) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	seen := f.seen
	f.seen = nil
	return seen
}

// runCLIEnv is runCLI with a variable set to "" distinct from an unset one.
func runCLIEnv(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runWithEnv(args, &stdout, &stderr, func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	})
	return code, stdout.String(), stderr.String()
}

// mustRun runs a command line that must succeed without any warning, and returns the requests
// the fake saw.
func mustRun(t *testing.T, f *fakeDevState, env map[string]string, args ...string) []string {
	t.Helper()
	f.take()
	code, stdout, stderr := runCLIEnv(t, env, args...)
	if code != exitOK || stderr != "" {
		t.Fatalf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
	}
	return f.take()
}

func equalLines(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func readSession(t *testing.T, path string) sessionFile {
	t.Helper()
	file, err := readSessionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return file
}

func TestTheSessionFileCarriesWritesToLaterInvocations(t *testing.T) {
	f := newFakeDevState(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "state", "session.json") // the directory is created
	env := map[string]string{"DEVSTATE_URL": f.URL + "/", "DEVSTATE_PROJECT": "p1", "DEVSTATE_SESSION_FILE": file}

	equalLines(t, "before any write", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  ")
	mustRun(t, f, env, "set-cp", "CP2-LC")
	mustRun(t, f, env, "set-cp", "CP3-LC", "--json")
	equalLines(t, "reads after two set-cp", append(append(
		mustRun(t, f, env, "verify", "--no-trusted-head"),
		mustRun(t, f, env, "export", "--no-trusted-head", "--dir", filepath.Join(dir, "trae"))...),
		mustRun(t, f, env, "search")...),
		"GET /v1/devstate/verify p1  2",
		"GET /v1/devstate/export p1  2",
		"GET /v1/devstate/history/search p1  2")
	equalLines(t, "another project", mustRun(t, f, env, "verify", "--no-trusted-head", "--project", "p2"), "GET /v1/devstate/verify p2  ")
	equalLines(t, "another URL", mustRun(t, f, env, "verify", "--no-trusted-head", "--url", strings.Replace(f.URL, "127.0.0.1", "localhost", 1)),
		"GET /v1/devstate/verify p1  ")

	// import: the head seq of its answer (the answer has no state version).
	history := filepath.Join(dir, "trae", "history.json")
	if err := os.WriteFile(history, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, f, env, "import", "--dir", filepath.Join(dir, "trae"))
	equalLines(t, "after import", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  4")

	saved := readSession(t, file)
	if len(saved.Sessions) != 1 || saved.Sessions[0].URL != f.URL || saved.Sessions[0].Project != "p1" ||
		saved.Sessions[0].Version != 2 || saved.Sessions[0].Seq != 4 {
		t.Fatalf("session file: %+v", saved)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("session file mode: %v %v", info.Mode(), err)
	}
}

func TestWritesAndReadsOfOneInvocationShareTheSession(t *testing.T) {
	f := newFakeDevState(t)
	a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: envOf(nil),
		lookupEnv: func(string) (string, bool) { return "", true }} // DEVSTATE_SESSION_FILE= (no file)
	a.g, _ = globalsFromEnv(a.getenv)
	a.g.url, a.g.project = f.URL, "p1"
	s, err := a.server()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, _, err := s.api.StateAPI.UpdateState(ctx).Project("p1").RequestBody(map[string]interface{}{}).Execute(); err != nil {
		t.Fatal(err)
	}
	f.take()
	if _, _, err := s.api.VerifyAPI.VerifyChain(ctx).Project("p1").Execute(); err != nil {
		t.Fatal(err)
	}
	equalLines(t, "read after a write", f.take(), "GET /v1/devstate/verify p1  1")
}

func TestTheSessionFileIsOffWhenSetEmpty(t *testing.T) {
	f := newFakeDevState(t)
	home := t.TempDir()
	env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "p1", "HOME": home, "DEVSTATE_SESSION_FILE": ""}
	mustRun(t, f, env, "set-cp", "CP2-LC")
	equalLines(t, "read of a later invocation", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  ")
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Fatalf("something was written to HOME: %v", entries)
	}
}

func TestTheSessionFileDefaultsToTheXDGStateDirectory(t *testing.T) {
	home, state := t.TempDir(), t.TempDir()
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HOME": home}, filepath.Join(home, ".local", "state", "devstate", "session.json")},
		{map[string]string{"HOME": home, "XDG_STATE_HOME": state}, filepath.Join(state, "devstate", "session.json")},
		{map[string]string{"HOME": home, "XDG_STATE_HOME": "relative"}, filepath.Join(home, ".local", "state", "devstate", "session.json")},
		{map[string]string{"HOME": home, "DEVSTATE_SESSION_FILE": "/x/s.json"}, "/x/s.json"},
		{map[string]string{"HOME": home, "DEVSTATE_SESSION_FILE": ""}, ""},
		{map[string]string{}, ""},
	} {
		got := sessionPath(func(name string) (string, bool) { v, ok := c.env[name]; return v, ok })
		if got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
	f := newFakeDevState(t)
	env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "p1", "HOME": home}
	mustRun(t, f, env, "set-cp", "CP2-LC")
	equalLines(t, "read of a later invocation", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  1")
	if saved := readSession(t, filepath.Join(home, ".local", "state", "devstate", "session.json")); len(saved.Sessions) != 1 {
		t.Fatalf("%+v", saved)
	}
}

func TestAnUnusableSessionFileNeverFailsACommand(t *testing.T) {
	dir := t.TempDir()
	notOurs := filepath.Join(dir, "notes.json")
	if err := os.WriteFile(notOurs, []byte(`{"mine": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage")
	if err := os.WriteFile(garbage, []byte("\x00\x01 not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	plainFile := filepath.Join(dir, "plain")
	if err := os.WriteFile(plainFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notOurs, garbage, dir, filepath.Join(plainFile, "session.json")} {
		f := newFakeDevState(t)
		before, _ := os.ReadFile(path)
		env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "p1", "DEVSTATE_SESSION_FILE": path}
		code, _, stderr := runCLIEnv(t, env, "set-cp", "CP2-LC")
		if code != exitOK || strings.Count(stderr, "warning: session file") != 1 {
			t.Errorf("%s: set-cp exit %d, stderr %q (want one warning)", path, code, stderr)
		}
		code, _, stderr = runCLIEnv(t, env, "verify", "--no-trusted-head")
		if code != exitOK || strings.Count(stderr, "warning") > 1 {
			t.Errorf("%s: verify exit %d, stderr %q", path, code, stderr)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s was overwritten: %q", path, after)
		}
	}
}

func TestNumbersTheServiceDoesNotHaveAreForgotten(t *testing.T) {
	f := newFakeDevState(t) // a fresh database: nothing written
	file := filepath.Join(t.TempDir(), "session.json")
	stale := sessionFile{Format: sessionFormat, Sessions: []sessionEntry{
		{URL: f.URL, Project: "p1", Version: 9, Seq: 50, WrittenAt: "2026-11-25T10:00:00Z"},
		{URL: f.URL, Project: "other", Version: 1, Seq: 1, WrittenAt: "2026-11-25T10:00:00Z"},
	}}
	data, _ := json.Marshal(stale)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "p1", "DEVSTATE_SESSION_FILE": file}
	code, stdout, stderr := runCLIEnv(t, env, "verify", "--no-trusted-head")
	if code != exitOK || !strings.Contains(stdout, "chain ok") || !strings.Contains(stderr, "database reset?") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	equalLines(t, "the read, then once more without the stale number", f.take(),
		"GET /v1/devstate/verify p1  50", "GET /v1/devstate/verify p1  ")
	if saved := readSession(t, file); len(saved.Sessions) != 1 || saved.Sessions[0].Project != "other" {
		t.Fatalf("the stale entry was not dropped: %+v", saved)
	}
	equalLines(t, "the next invocation", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  ")
}

func TestFailedWritesRecordNothing(t *testing.T) {
	f := newFakeDevState(t)
	file := filepath.Join(t.TempDir(), "session.json")
	env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "p1", "DEVSTATE_SESSION_FILE": file}
	for _, status := range []int{409, 412, 422, 500, 503} {
		f.writeStatus = status
		if code, _, stderr := runCLIEnv(t, env, "set-cp", "CP2-LC"); code != exitAPI {
			t.Fatalf("%d: exit %d, stderr %q", status, code, stderr)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("the session file was written: %v", err)
	}
	equalLines(t, "read after failed writes", mustRun(t, f, env, "verify", "--no-trusted-head"), "GET /v1/devstate/verify p1  ")
}

func TestTheSessionFileKeepsTheMostRecentEntries(t *testing.T) {
	f := newFakeDevState(t)
	file := filepath.Join(t.TempDir(), "session.json")
	old := sessionFile{Format: sessionFormat}
	for i := 0; i < sessionMaxEntries; i++ {
		old.Sessions = append(old.Sessions, sessionEntry{URL: "http://elsewhere:1", Project: fmt.Sprintf("p%02d", i), Seq: 1,
			WrittenAt: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC).Format(time.RFC3339)})
	}
	data, _ := json.Marshal(old)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": "new", "DEVSTATE_SESSION_FILE": file}
	mustRun(t, f, env, "set-cp", "CP2-LC")
	saved := readSession(t, file)
	if len(saved.Sessions) != sessionMaxEntries || saved.Sessions[0].Project != "new" {
		t.Fatalf("%d entries, first %+v", len(saved.Sessions), saved.Sessions[0])
	}
	for _, e := range saved.Sessions {
		if e.Project == "p00" {
			t.Fatal("the oldest entry was kept")
		}
	}
}
