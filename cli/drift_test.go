package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/devstate/devstate/clients/go/verify"
)

func ptr(s string) *string { return &s }

// chain builds a signed history text of n entries (as the server exports it).
func chain(t *testing.T, project string, n int, secret string) string {
	t.Helper()
	file := &verify.HistoryFile{Format: verify.Format, Project: project, Entries: []verify.Entry{}}
	for i := 1; i <= n; i++ {
		file.Entries = append(file.Entries, verify.Entry{Seq: int64(i), Ts: "2026-11-25T10:00:00.000000Z",
			Actor: "alice", Action: "note", Metadata: json.RawMessage(`{"i":` + strings.Repeat("1", i) + `}`)})
	}
	signed, err := verify.Resign(file, project, "k1", secret)
	if err != nil {
		t.Fatal(err)
	}
	text, err := json.MarshalIndent(signed, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(text) + "\n"
}

func TestFirstDifference(t *testing.T) {
	line, l, s := firstDifference("a\nb\nc\n", "a\nB\nc\n")
	if line != 2 || *l != "b" || *s != "B" {
		t.Fatalf("%d %q %q", line, *l, *s)
	}
	line, l, s = firstDifference("a\nb\n", "a\nb\nc\n")
	if line != 3 || l != nil || *s != "c" {
		t.Fatalf("longer server: %d %v %v", line, l, s)
	}
	line, l, s = firstDifference("a\nb", "a\nb\n")
	if line != 2 || *l != "b" || *s != "b\n" {
		t.Fatalf("final newline: %d %q %q", line, *l, *s)
	}
	long := strings.Repeat("x", 500)
	_, l, _ = firstDifference(long+"1", long+"2")
	if len([]rune(*l)) != 161 || !strings.HasSuffix(*l, "…") {
		t.Fatalf("long line not shortened: %d", len(*l))
	}
}

func TestComputeDriftSameFiles(t *testing.T) {
	h := chain(t, "p", 3, "s")
	r := computeDrift("p", ".trae", ptr("{}\n"), &h, ptr("{}\n"), &h)
	if r.Drift || r.Relation != "same" || *r.LocalHead != 3 || *r.ServerHead != 3 || r.Hint != "" {
		t.Fatalf("%+v", r)
	}
	if text := r.Text(); !strings.HasPrefix(text, "no drift: .trae matches the server (project p, head seq 3)") {
		t.Fatal(text)
	}
}

func TestComputeDriftEditedState(t *testing.T) {
	h := chain(t, "p", 2, "s")
	local := "{\n  \"current_cp\": \"CP9-LC\",\n  \"no_drift\": true\n}\n"
	server := "{\n  \"current_cp\": \"CP1-LC\",\n  \"no_drift\": true\n}\n"
	r := computeDrift("p", ".trae", &local, &h, &server, &h)
	if !r.Drift || r.Relation != "same" || len(r.Files) != 2 {
		t.Fatalf("%+v", r)
	}
	state := r.Files[0]
	if state.File != filepath.Join(".trae", "state.json") || state.Status != "differs" || state.Line != 2 ||
		*state.Local != `  "current_cp": "CP9-LC",` || *state.Server != `  "current_cp": "CP1-LC",` {
		t.Fatalf("%+v", state)
	}
	if r.Files[1].Status != "same" {
		t.Fatalf("history: %+v", r.Files[1])
	}
	text := r.Text()
	for _, want := range []string{
		"drift: .trae differs from the server (project p)",
		".trae/state.json: differs from line 2",
		`local:  "current_cp": "CP9-LC",`,
		`server: "current_cp": "CP1-LC",`,
		".trae/history.json: same",
		"local head seq 2, server head seq 2 (same chain)",
		"hint: ", "devstate export --dir .trae",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
}

func TestComputeDriftServerAheadLocalAheadAndDiverged(t *testing.T) {
	short, long := chain(t, "p", 2, "s"), chain(t, "p", 4, "s")
	r := computeDrift("p", "d", nil, &short, nil, &long)
	if !r.Drift || r.Relation != "server_ahead" || *r.LocalHead != 2 || *r.ServerHead != 4 ||
		!strings.Contains(r.Hint, "the server has 2 newer entries") {
		t.Fatalf("server ahead: %+v", r)
	}
	if !strings.Contains(r.Text(), "local head seq 2, server head seq 4 (the server is ahead)") {
		t.Fatal(r.Text())
	}
	r = computeDrift("p", "d", nil, &long, nil, &short)
	if r.Relation != "local_ahead" || !strings.Contains(r.Hint, "2 entries the server lacks") {
		t.Fatalf("local ahead: %+v", r)
	}
	other := chain(t, "p", 4, "another secret")
	r = computeDrift("p", "d", nil, &other, nil, &long)
	if r.Relation != "diverged" || *r.DivergedAt != 1 || !strings.Contains(r.Text(), "(diverged at seq 1)") {
		t.Fatalf("diverged: %+v", r)
	}
	moved := chain(t, "q", 4, "s")
	if r = computeDrift("p", "d", nil, &moved, nil, &long); r.Relation != "other_project" {
		t.Fatalf("other project: %+v", r)
	}
}

func TestComputeDriftMissingFiles(t *testing.T) {
	h := chain(t, "p", 1, "s")
	r := computeDrift("p", "d", nil, nil, ptr("{}\n"), &h)
	if !r.Drift || r.Files[0].Status != "missing_locally" || r.Files[1].Status != "missing_locally" || r.Relation != "missing_locally" {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.Text(), "d/history.json: missing locally") {
		t.Fatal(r.Text())
	}
	r = computeDrift("p", "d", nil, &h, nil, nil)
	if !r.Drift || r.Files[0].Status != "not_on_server" || r.Relation != "not_on_server" ||
		!strings.Contains(r.Hint, "devstate import --dir d") || !strings.Contains(r.Text(), "server head seq - (the server has no history") {
		t.Fatalf("%+v\n%s", r, r.Text())
	}
	r = computeDrift("p", "d", ptr("{}\n"), &h, nil, &h)
	if !r.Drift || r.Files[0].Status != "not_on_server" || r.Files[1].Status != "same" {
		t.Fatalf("%+v", r)
	}
	r = computeDrift("p", "d", nil, nil, nil, nil)
	if r.Drift || r.Relation != "none" || !strings.HasPrefix(r.Text(), "no drift: neither d nor the server") {
		t.Fatalf("%+v", r)
	}
	broken := "not json\n"
	r = computeDrift("p", "d", nil, &broken, nil, &h)
	if !r.Drift || r.Relation != "unknown" || r.Files[0].Line != 1 {
		t.Fatalf("%+v", r)
	}
}

// fakeExport serves GET /v1/devstate/export with the given files.
func fakeExport(t *testing.T, state *string, history string) *httptest.Server {
	files := map[string]string{".trae/history.json": history}
	if state != nil {
		files[".trae/state.json"] = *state
	}
	body, _ := json.Marshal(map[string]any{"project": "p", "files": files})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/devstate/export" {
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
}

func TestExportWritesTheFilesByteExactlyAndDriftFindsEdits(t *testing.T) {
	state := "{\n  \"current_cp\": \"CP1-LC\",\n  \"text\": \"é 😀 <&>\"\n}\n"
	history := chain(t, "p", 3, "s")
	srv := fakeExport(t, &state, history)
	defer srv.Close()
	env := map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": "p"}
	dir := filepath.Join(t.TempDir(), ".trae")
	if code, stdout, stderr := runCLI(t, env, "export", "--no-trusted-head", "--dir", dir); code != 0 || !strings.Contains(stdout, "head seq 3") {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	gotState, _ := os.ReadFile(filepath.Join(dir, "state.json"))
	gotHistory, _ := os.ReadFile(filepath.Join(dir, "history.json"))
	if string(gotState) != state || string(gotHistory) != history {
		t.Fatal("exported files are not byte-exact")
	}
	if code, stdout, _ := runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir); code != 0 || !strings.HasPrefix(stdout, "no drift") {
		t.Fatalf("drift after export: %d %q", code, stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte(strings.Replace(state, "CP1", "CP2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir)
	if code != exitFailed || !strings.Contains(stdout, "state.json: differs from line 2") {
		t.Fatalf("drift after edit: %d %q", code, stdout)
	}
	code, stdout, _ = runCLI(t, env, "drift", "--no-trusted-head", "--dir", dir, "--json")
	var report driftReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitFailed || !report.Drift ||
		report.Files[0].Status != "differs" || *report.ServerHead != 3 {
		t.Fatalf("drift --json: %d %q %v", code, stdout, err)
	}
}

func TestExportRemovesAStaleStateFile(t *testing.T) {
	srv := fakeExport(t, nil, chain(t, "p", 1, "s"))
	defer srv.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL}, "export", "--no-trusted-head", "--dir", dir)
	if _, err := os.Stat(filepath.Join(dir, "state.json")); code != 0 || !os.IsNotExist(err) || !strings.Contains(stdout, "removed") {
		t.Fatalf("%d %q %v", code, stdout, err)
	}
}

func TestOfflineVerify(t *testing.T) {
	dir := t.TempDir()
	history := chain(t, "p", 3, "sec")
	if err := os.WriteFile(filepath.Join(dir, "history.json"), []byte(history), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HMAC_SECRET": "sec"}
	if code, stdout, stderr := runCLI(t, env, "verify", "--no-trusted-head", "--files", dir); code != 0 || !strings.Contains(stdout, "3 entries verified") {
		t.Fatalf("%d %q %q", code, stdout, stderr)
	}
	// No key: a configuration error.
	if code, _, stderr := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir); code != exitUsage || !strings.Contains(stderr, "HMAC_SECRET") {
		t.Fatalf("no key: %d %q", code, stderr)
	}
	// Wrong key, and an edited entry: exit 1 naming the seq.
	if code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_HMAC_KEYS": "k1:other"}, "verify", "--no-trusted-head", "--files", dir); code != exitFailed ||
		!strings.Contains(stdout, "entry 1: hmac_mismatch") {
		t.Fatalf("wrong key: %d %q", code, stdout)
	}
	edited := strings.Replace(history, `"i": 11`, `"i": 12`, 1)
	if edited == history {
		t.Fatal("edit did not apply")
	}
	if err := os.WriteFile(filepath.Join(dir, "history.json"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI(t, env, "verify", "--no-trusted-head", "--files", dir, "--json")
	var report offlineReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitFailed || report.OK ||
		report.Failure.Seq != 2 || report.Failure.Reason != "hmac_mismatch" || report.Verified != 1 {
		t.Fatalf("edited: %d %q %v", code, stdout, err)
	}
	// Missing history file: a local error.
	if code, _, _ := runCLI(t, env, "verify", "--no-trusted-head", "--files", filepath.Join(dir, "nope")); code != exitLocal {
		t.Fatalf("missing file: %d", code)
	}
}

func TestOfflineStateCheck(t *testing.T) {
	state := []byte(`{"current_cp":"CP1-LC"}`)
	sum, err := verify.StateChecksum(state)
	if err != nil {
		t.Fatal(err)
	}
	other := "sha256:" + strings.Repeat("0", 64)
	entries := []verify.Entry{{Seq: 1, Action: "update_state", StateChecksum: &other}, {Seq: 2, Action: "update_state", StateChecksum: &sum}, {Seq: 3, Action: "note"}}
	if c := checkState("s.json", state, true, entries); !c.OK || *c.Seq != 2 {
		t.Fatalf("matching: %+v", c)
	}
	if c := checkState("s.json", state, true, entries[:1]); c.OK || !strings.Contains(*c.Problem, "entry 1 recorded") {
		t.Fatalf("mismatch: %+v", c)
	}
	if c := checkState("s.json", nil, false, entries); c.OK || !strings.Contains(*c.Problem, "missing") {
		t.Fatalf("missing: %+v", c)
	}
	if c := checkState("s.json", state, true, entries[2:]); c.OK || !strings.Contains(*c.Problem, "no update_state") {
		t.Fatalf("no update: %+v", c)
	}
	if c := checkState("s.json", nil, false, entries[2:]); !c.OK {
		t.Fatalf("neither: %+v", c)
	}
}
