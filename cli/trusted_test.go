package main

import (
	"encoding/base64"
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

	"github.com/devstate/devstate/clients/go/verify"
	tlog "github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/merkle/testonly"
	"golang.org/x/mod/sumdb/note"
)

// fakeLog is the log of project p over a history (chain(t, "p", n, secret)), with checkpoints
// signed by a test key and proofs from transparency-dev/merkle's reference tree.
type fakeLog struct {
	key     testLogKey
	history string // all entries; a log of size n serves the first n
	entries []verify.Entry
	tree    *testonly.Tree
}

const testProject = "p"

var testOrigin = testLogName + "/" + testProject

func newFakeLog(t *testing.T, key testLogKey, n int, secret string) *fakeLog {
	t.Helper()
	l := &fakeLog{key: key, history: chain(t, testProject, n, secret), tree: testonly.New(rfc6962.DefaultHasher)}
	file, err := verify.ParseHistory([]byte(l.history))
	if err != nil {
		t.Fatal(err)
	}
	l.entries = file.Entries
	for _, e := range file.Entries {
		l.tree.AppendData(naiveLeafData(t, testProject, e))
	}
	return l
}

// checkpoint is the signed note of the tree of the first n entries.
func (l *fakeLog) checkpoint(n uint64) string {
	cp := tlog.Checkpoint{Origin: testOrigin, Size: n, Hash: l.tree.HashAt(n)}
	signed, err := note.Sign(&note.Note{Text: string(cp.Marshal())}, l.key.signer)
	if err != nil {
		panic(err)
	}
	return string(signed)
}

// historyText is the history text of the first n entries (as the server exports it).
func historyText(l *fakeLog, n uint64) string {
	text, err := json.MarshalIndent(&verify.HistoryFile{Format: verify.Format, Project: testProject, Entries: l.entries[:n]}, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(text) + "\n"
}

// fakeLogService answers verify, export and the log routes of project p from a fakeLog of a size.
type fakeLogService struct {
	*httptest.Server
	mu       sync.Mutex
	log      *fakeLog
	size     uint64
	failures int      // the next checkpoint requests that answer 503
	seen     []string // "METHOD path?query"
}

func newFakeLogService(t *testing.T, log *fakeLog, size uint64) *fakeLogService {
	f := &fakeLogService{log: log, size: size}
	// the export body of each (log, size), built once
	type version struct {
		log  *fakeLog
		size uint64
	}
	exports := map[version]string{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		v := version{f.log, f.size}
		if _, ok := exports[v]; !ok {
			body, _ := json.Marshal(map[string]any{"project": testProject, "files": map[string]any{
				".trae/history.json": historyText(f.log, f.size), ".trae/state.json": nil, ".trae/checkpoint": f.log.checkpoint(f.size)}})
			exports[v] = string(body)
		}
		f.serve(w, r, exports[v])
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLogService) set(log *fakeLog, size uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log, f.size = log, size
}

func (f *fakeLogService) failNext(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = n
}

// take returns the requests seen since the last call.
func (f *fakeLogService) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	seen := f.seen
	f.seen = nil
	return seen
}

func (f *fakeLogService) serve(w http.ResponseWriter, r *http.Request, export string) {
	q := r.URL.Query()
	f.seen = append(f.seen, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	answer := func(status int, contentType, body string) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
	problem := func(status int, detail string) {
		answer(status, "application/problem+json", fmt.Sprintf(`{"type":"urn:devstate:problem:x","title":%q,"status":%d,"detail":%q}`,
			http.StatusText(status), status, detail))
	}
	if q.Get("project") != testProject {
		problem(http.StatusNotFound, "no project "+q.Get("project"))
		return
	}
	switch r.URL.Path {
	case "/v1/devstate/log/checkpoint":
		if f.failures > 0 {
			f.failures--
			problem(http.StatusServiceUnavailable, "the database cannot be reached")
			return
		}
		answer(200, "text/plain; charset=utf-8", f.log.checkpoint(f.size))
	case "/v1/devstate/log/proof/consistency":
		from, err1 := strconv.ParseUint(q.Get("from"), 10, 64)
		to, err2 := strconv.ParseUint(q.Get("to"), 10, 64)
		switch {
		case err1 != nil || err2 != nil:
			problem(http.StatusBadRequest, "from, to")
		case from > f.size || to > f.size:
			problem(http.StatusNotFound, "beyond the log")
		case from > to:
			problem(http.StatusUnprocessableEntity, "from > to")
		default:
			hashes, err := f.log.tree.ConsistencyProof(from, to)
			if err != nil {
				problem(http.StatusInternalServerError, err.Error())
				return
			}
			encoded := make([]string, len(hashes))
			for i, h := range hashes {
				encoded[i] = base64.StdEncoding.EncodeToString(h)
			}
			body, _ := json.Marshal(map[string]any{"from": from, "to": to, "hashes": encoded})
			answer(200, "application/json", string(body))
		}
	case "/v1/devstate/log/key":
		body, _ := json.Marshal(map[string]string{"origin": testOrigin, "verifier_key": f.log.key.vkey})
		answer(200, "application/json", string(body))
	case "/v1/devstate/export":
		answer(200, "application/json", export)
	case "/v1/devstate/verify":
		if f.size == 0 {
			answer(200, "application/json", `{"ok":true,"verified":0,"head":null,"failure":null}`)
			return
		}
		last := f.log.entries[f.size-1]
		answer(200, "application/json", fmt.Sprintf(`{"ok":true,"verified":%d,"head":{"seq":%d,"hmac":"%s"},"failure":null}`, f.size, last.Seq, last.Hmac))
	default:
		problem(http.StatusNotFound, "no route")
	}
}

// trustEnv is the environment of a CLI run against srv with its own state directory.
func trustEnv(t *testing.T, srv *fakeLogService) map[string]string {
	return map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": testProject, stateDirEnv: t.TempDir()}
}

func stateFileOf(env map[string]string) string {
	return filepath.Join(env[stateDirEnv], "checkpoints", "devstate.test%2Fp")
}

func pinFileOf(env map[string]string) string {
	return filepath.Join(env[stateDirEnv], "keys", "p@"+escapeFileName(env["DEVSTATE_URL"]))
}

func readText(t *testing.T, path string) string {
	t.Helper()
	text, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

func TestEscapeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"devstate.example.org/default": "devstate.example.org%2Fdefault",
		"http://127.0.0.1:3180":        "http%3A%2F%2F127.0.0.1%3A3180",
		"..":                           "%2E.",
		"a b%c":                        "a%20b%25c",
		"é":                            "%C3%A9",
		"Name_with-dots.1":             "Name_with-dots.1",
	} {
		if got := escapeFileName(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestTheStateDirectoryIsTheFlagThenTheEnvironmentThenXDGThenHome(t *testing.T) {
	lookup := func(vars map[string]string) func(string) (string, bool) {
		return func(name string) (string, bool) { v, ok := vars[name]; return v, ok }
	}
	all := map[string]string{stateDirEnv: "/env", "XDG_STATE_HOME": "/xdg", "HOME": "/home/u"}
	for _, tc := range []struct {
		flag string
		vars map[string]string
		want string
	}{
		{"/flag", all, "/flag"},
		{"", all, "/env"},
		{"", map[string]string{"XDG_STATE_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/devstate"},
		{"", map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/state/devstate"},
		{"", map[string]string{"HOME": "/home/u"}, "/home/u/.local/state/devstate"},
	} {
		if got, err := stateDirOf(&trustOptions{stateDir: tc.flag}, lookup(tc.vars)); err != nil || got != tc.want {
			t.Errorf("%q %v: %q %v, want %q", tc.flag, tc.vars, got, err, tc.want)
		}
	}
	if _, err := stateDirOf(&trustOptions{}, lookup(nil)); exitCodeOf(err) != exitUsage || !strings.Contains(err.Error(), "--no-trusted-head") {
		t.Fatalf("nowhere: %v", err)
	}
	// the commands say so (after the chain check: an unknown project still exits 6)
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	srv := newFakeLogService(t, log, 3)
	if code, _, stderr := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": testProject}, "verify"); code != exitUsage ||
		!strings.Contains(stderr, "no directory for the trusted head") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestVerifyPinsTheKeyOnFirstUseAndFollowsTheLog(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 8, "s")
	srv := newFakeLogService(t, log, 3)
	env := trustEnv(t, srv)

	code, stdout, stderr := runCLI(t, env, "verify")
	wantPin := fmt.Sprintf("devstate: pinned the log verifier key %s of project p at %s in %s (first use: later runs accept no other key)\n",
		log.key.vkey, srv.URL, pinFileOf(env))
	if code != exitOK || stderr != wantPin || !strings.Contains(stdout, "chain ok: project p, 3 entries verified") ||
		!strings.HasSuffix(stdout, "log: trusted devstate.test/p at size 3 on first use ("+stateFileOf(env)+")\n") {
		t.Fatalf("first use: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if readText(t, stateFileOf(env)) != log.checkpoint(3) || readText(t, pinFileOf(env)) != log.key.vkey+"\n" {
		t.Fatalf("state %q, pin %q", readText(t, stateFileOf(env)), readText(t, pinFileOf(env)))
	}
	srv.take()

	// the same log: no key request, nothing on stderr
	code, stdout, stderr = runCLI(t, env, "verify")
	if code != exitOK || stderr != "" || !strings.HasSuffix(stdout, "log ok: devstate.test/p at size 3, the trusted checkpoint\n") {
		t.Fatalf("again: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	equalLines(t, "requests", srv.take(), "GET /v1/devstate/verify?from=1&project=p", "GET /v1/devstate/log/checkpoint?project=p")

	// the log grew: the proof from the trusted size
	srv.set(log, 8)
	code, stdout, _ = runCLI(t, env, "verify", "--json")
	var result struct {
		OK         bool            `json:"ok"`
		Verified   int             `json:"verified"`
		Checkpoint *checkpointView `json:"checkpoint"`
	}
	if err := json.Unmarshal([]byte(stdout), &result); err != nil || code != exitOK || !result.OK || result.Verified != 8 ||
		result.Checkpoint == nil || *result.Checkpoint != (checkpointView{testOrigin, 8, base64.StdEncoding.EncodeToString(log.tree.HashAt(8))}) {
		t.Fatalf("growth: exit %d, stdout %s, %v", code, stdout, err)
	}
	equalLines(t, "requests", srv.take(), "GET /v1/devstate/verify?from=1&project=p", "GET /v1/devstate/log/checkpoint?project=p",
		"GET /v1/devstate/log/proof/consistency?from=3&project=p&to=8")
	if readText(t, stateFileOf(env)) != log.checkpoint(8) {
		t.Fatal("the grown checkpoint was not stored")
	}
	if code, stdout, _ := runCLI(t, env, "drift", "--dir", t.TempDir()); code != exitFailed ||
		!strings.HasSuffix(stdout, "log ok: devstate.test/p at size 8, the trusted checkpoint\n") {
		t.Fatalf("drift: exit %d, stdout %q", code, stdout)
	}
}

// rewritten checks exit 7 with the exact message and that the state file is still want.
func rewritten(t *testing.T, what string, env map[string]string, want string, offered, trusted int, args ...string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, env, args...)
	prefix := fmt.Sprintf("devstate %s: history was rewritten: checkpoint %d does not extend the trusted checkpoint %d (", args[0], offered, trusted)
	if code != exitRewritten || !strings.HasPrefix(stderr, prefix) || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("%s: exit %d, stdout %q, stderr %q", what, code, stdout, stderr)
	}
	if got := readText(t, stateFileOf(env)); got != want {
		t.Fatalf("%s: the state changed after a refusal: %q", what, got)
	}
	code, stdout, _ = runCLI(t, env, append(args, "--json")...)
	var f struct {
		OK          bool   `json:"ok"`
		ExitCode    int    `json:"exit_code"`
		Error       string `json:"error"`
		OfferedSize int    `json:"offered_size"`
		TrustedSize int    `json:"trusted_size"`
		StateFile   string `json:"state_file"`
	}
	if err := json.Unmarshal([]byte(stdout), &f); err != nil || code != exitRewritten || f.OK || f.ExitCode != exitRewritten ||
		f.OfferedSize != offered || f.TrustedSize != trusted || f.StateFile != stateFileOf(env) ||
		!strings.HasPrefix(f.Error, "history was rewritten: ") {
		t.Fatalf("%s --json: exit %d, stdout %s, %v", what, code, stdout, err)
	}
}

func TestARewrittenLogExitsWithSevenAndChangesNothing(t *testing.T) {
	key := newTestLogKey(t, testOrigin)
	real, fork := newFakeLog(t, key, 8, "s"), newFakeLog(t, key, 8, "another secret") // fork: other entries from seq 1
	srv := newFakeLogService(t, real, 5)
	env := trustEnv(t, srv)
	env[logVerifierEnv] = key.vkey
	if code, _, stderr := runCLI(t, env, "verify"); code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	trusted := real.checkpoint(5)

	srv.set(fork, 7)     // validly signed, larger: the consistency proof fails
	files := t.TempDir() // an export without a checkpoint: only the state directory's head applies
	writeFiles(t, files, map[string]string{"history.json": historyText(real, 5)})
	env["HMAC_SECRET"] = "s"
	for _, args := range [][]string{{"verify"}, {"drift", "--dir", t.TempDir()}} {
		rewritten(t, "fork", env, trusted, 7, 5, args...)
	}
	// verify --files is offline: files of the fork (their own checkpoint, no HMAC key) are refused
	// by the trusted head alone, without a request
	forkFiles := t.TempDir()
	writeFiles(t, forkFiles, map[string]string{"history.json": historyText(fork, 7), "checkpoint": fork.checkpoint(7)})
	offline := map[string]string{}
	for k, v := range env {
		offline[k] = v
	}
	delete(offline, "HMAC_SECRET")
	offline["DEVSTATE_URL"] = "http://127.0.0.1:1"
	rewritten(t, "fork files", offline, trusted, 7, 5, "verify", "--files", forkFiles)
	writeFiles(t, files, map[string]string{"checkpoint": real.checkpoint(5)})
	if code, stdout, stderr := runCLI(t, offline, "verify", "--files", files); code != exitOK ||
		!strings.HasSuffix(stdout, "log ok: devstate.test/p at size 5, the trusted checkpoint\n") {
		t.Fatalf("the real files, offline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	dir := filepath.Join(t.TempDir(), ".trae")
	rewritten(t, "fork, export", env, trusted, 7, 5, "export", "--dir", dir)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("export wrote files for a rewritten log")
	}
	srv.set(fork, 5) // the same size, another root
	rewritten(t, "same size", env, trusted, 5, 5, "verify")
	srv.set(real, 2) // entries removed: the log got smaller
	rewritten(t, "rollback", env, trusted, 2, 5, "verify")
	code, _, stderr := runCLI(t, env, "verify")
	if !strings.Contains(stderr, "(the log got smaller; the trusted checkpoint is "+stateFileOf(env)+")") || code != exitRewritten {
		t.Fatalf("detail: %q", stderr)
	}
	// the real log, grown, is still accepted from the trusted checkpoint
	srv.set(real, 8)
	if code, stdout, _ := runCLI(t, env, "verify"); code != exitOK || !strings.Contains(stdout, "grew from size 5 to 8") {
		t.Fatalf("real log: exit %d, stdout %q", code, stdout)
	}
}

func TestAPinnedKeyIsNotReplacedByTheOneTheServerOffersLater(t *testing.T) {
	first := newFakeLog(t, newTestLogKey(t, testOrigin), 4, "s")
	srv := newFakeLogService(t, first, 4)
	env := trustEnv(t, srv)
	if code, _, _ := runCLI(t, env, "verify"); code != exitOK {
		t.Fatal(code)
	}
	other := newFakeLog(t, newTestLogKey(t, testOrigin), 4, "s") // the same entries, another key
	srv.set(other, 4)
	code, stdout, stderr := runCLI(t, env, "verify")
	want := fmt.Sprintf("devstate verify: the server now offers the log key %s for project p, but %s was pinned on first use in %s: refused",
		other.key.vkey, first.key.vkey, pinFileOf(env))
	if code != exitFailed || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "hint: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if readText(t, pinFileOf(env)) != first.key.vkey+"\n" || readText(t, stateFileOf(env)) != first.checkpoint(4) {
		t.Fatal("the pin or the state changed")
	}
	// the new key given explicitly: the trusted checkpoint (of the old key) does not verify with it
	code, _, stderr = runCLI(t, env, "verify", "--log-key", other.key.vkey)
	if code != exitFailed || !strings.Contains(stderr, "the trusted state file does not verify: "+stateFileOf(env)) ||
		!strings.Contains(stderr, "remove it only to trust the server's log afresh") {
		t.Fatalf("--log-key: exit %d, stderr %q", code, stderr)
	}
	// an explicit key that is not the server's: exit 1, naming the key and where it came from
	env2 := trustEnv(t, srv)
	env2[logVerifierEnv] = first.key.vkey
	code, _, stderr = runCLI(t, env2, "verify")
	if code != exitFailed || !strings.Contains(stderr, "the server's latest checkpoint does not verify with the log key "+first.key.vkey+" ("+logVerifierEnv+")") {
		t.Fatalf("explicit key: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(pinFileOf(env2)); !os.IsNotExist(err) {
		t.Fatal("an explicit key was pinned")
	}
}

func TestATamperedStateFileIsRefusedAndKept(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 6, "s")
	srv := newFakeLogService(t, log, 3)
	env := trustEnv(t, srv)
	if code, _, _ := runCLI(t, env, "verify"); code != exitOK {
		t.Fatal(code)
	}
	tampered := strings.Replace(log.checkpoint(3), "\n3\n", "\n2\n", 1)
	if err := os.WriteFile(stateFileOf(env), []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.set(log, 6)
	code, _, stderr := runCLI(t, env, "export", "--dir", t.TempDir())
	if code != exitFailed || !strings.Contains(stderr, "the trusted state file does not verify") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if readText(t, stateFileOf(env)) != tampered {
		t.Fatal("the tampered state file was replaced")
	}
}

func TestTheLogKeyOptionsAndNoTrustedHead(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	srv := newFakeLogService(t, log, 3)
	env := trustEnv(t, srv)
	// --log-key: no pin, no key request, nothing on stderr
	if code, _, stderr := runCLI(t, env, "drift", "--dir", t.TempDir(), "--log-key", log.key.vkey); code != exitFailed || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, r := range srv.take() {
		if strings.Contains(r, "/log/key") {
			t.Fatalf("the key was fetched: %q", r)
		}
	}
	if _, err := os.Stat(pinFileOf(env)); !os.IsNotExist(err) {
		t.Fatal("pinned")
	}
	// the key of another project: a usage error
	q := newTestLogKey(t, testLogName+"/q")
	if code, _, stderr := runCLI(t, env, "verify", "--log-key", q.vkey); code != exitUsage || !strings.Contains(stderr, "not for project p") {
		t.Fatalf("other project's key: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, env, "verify", "--log-key", "nonsense"); code != exitUsage || !strings.Contains(stderr, "--log-key is not a note verifier key") {
		t.Fatalf("bad key: exit %d, stderr %q", code, stderr)
	}
	// --no-trusted-head: not one log request, no state
	env = trustEnv(t, srv)
	srv.take()
	code, stdout, stderr := runCLI(t, env, "verify", "--no-trusted-head")
	if code != exitOK || stderr != "" || strings.Contains(stdout, "log") {
		t.Fatalf("--no-trusted-head: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, r := range srv.take() {
		if strings.Contains(r, "/log/") {
			t.Fatalf("a log request with --no-trusted-head: %q", r)
		}
	}
	if _, err := os.Stat(stateFileOf(env)); !os.IsNotExist(err) {
		t.Fatal("state written")
	}
}

func TestExportExtendsTheCommittedCheckpoint(t *testing.T) {
	key := newTestLogKey(t, testOrigin)
	real, fork := newFakeLog(t, key, 7, "s"), newFakeLog(t, key, 7, "another secret")
	srv := newFakeLogService(t, real, 3)
	env := trustEnv(t, srv)
	env[logVerifierEnv] = key.vkey
	dir := filepath.Join(t.TempDir(), ".trae")
	code, stdout, _ := runCLI(t, env, "export", "--dir", dir, "--json")
	var out struct {
		Checkpoint *checkpointView `json:"checkpoint"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != exitOK || out.Checkpoint == nil || out.Checkpoint.Size != 3 {
		t.Fatalf("export: exit %d, stdout %s, %v", code, stdout, err)
	}
	committed := readText(t, filepath.Join(dir, "checkpoint"))
	committedHistory := readText(t, filepath.Join(dir, "history.json"))
	if committed != real.checkpoint(3) || committedHistory != historyText(real, 3) {
		t.Fatal("the export is not the server's")
	}

	// Another machine (a fresh state directory: nothing trusted there yet) exports the fork: the
	// committed DIR/checkpoint refuses it, and the fork is not trusted on first use either.
	srv.set(fork, 7)
	fresh := trustEnv(t, srv)
	fresh[logVerifierEnv] = key.vkey
	code, _, stderr := runCLI(t, fresh, "export", "--dir", dir)
	if code != exitRewritten || !strings.HasPrefix(stderr, "devstate export: history was rewritten: checkpoint 7 does not extend the trusted checkpoint 3 (") ||
		!strings.Contains(stderr, filepath.Join(dir, "checkpoint")) {
		t.Fatalf("fork: exit %d, stderr %q", code, stderr)
	}
	if readText(t, filepath.Join(dir, "checkpoint")) != committed || readText(t, filepath.Join(dir, "history.json")) != committedHistory {
		t.Fatal("the export was overwritten")
	}
	if _, err := os.Stat(stateFileOf(fresh)); !os.IsNotExist(err) {
		t.Fatal("the fork was trusted on first use")
	}
	// verify --files is offline: on that machine it checks the committed files themselves (no
	// request: the service is unreachable here) and trusts their checkpoint on first use
	fresh["HMAC_SECRET"], fresh["DEVSTATE_PROJECT"] = "s", "default"
	offline := map[string]string{}
	for k, v := range fresh {
		offline[k] = v
	}
	offline["DEVSTATE_URL"] = "http://127.0.0.1:1"
	code, stdout, stderr = runCLI(t, offline, "verify", "--files", dir)
	if code != exitOK || !strings.Contains(stdout, "chain ok (offline)") || !strings.HasSuffix(stdout, "log: trusted devstate.test/p at size 3 on first use ("+stateFileOf(fresh)+")\n") {
		t.Fatalf("verify --files: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// the real log, grown
	srv.set(real, 7)
	fresh["DEVSTATE_PROJECT"] = testProject
	if code, _, stderr := runCLI(t, fresh, "export", "--dir", dir); code != exitOK || readText(t, filepath.Join(dir, "checkpoint")) != real.checkpoint(7) {
		t.Fatalf("export of the real log: exit %d, stderr %q", code, stderr)
	}
	// a committed checkpoint larger than the server's log: the log got smaller
	srv.set(real, 4)
	if code, _, stderr := runCLI(t, trustEnvWithKey(t, srv, key), "export", "--dir", dir); code != exitRewritten ||
		!strings.Contains(stderr, "checkpoint 4 does not extend the trusted checkpoint 7 (the log got smaller") {
		t.Fatalf("smaller: exit %d, stderr %q", code, stderr)
	}
	// a committed checkpoint of another key: exit 1 naming the file
	writeFiles(t, dir, map[string]string{"checkpoint": newFakeLog(t, newTestLogKey(t, testOrigin), 4, "s").checkpoint(4)})
	if code, _, stderr := runCLI(t, trustEnvWithKey(t, srv, key), "export", "--dir", dir); code != exitFailed ||
		!strings.Contains(stderr, filepath.Join(dir, "checkpoint")+" does not verify with the log key") {
		t.Fatalf("committed of another key: exit %d, stderr %q", code, stderr)
	}
}

func trustEnvWithKey(t *testing.T, srv *fakeLogService, key testLogKey) map[string]string {
	env := trustEnv(t, srv)
	env[logVerifierEnv] = key.vkey
	return env
}

func TestTheServersErrorsOnTheLogRoutesKeepTheirExitCodes(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	srv := newFakeLogService(t, log, 3)
	env := trustEnvWithKey(t, srv, log.key)
	srv.failNext(1)
	if code, _, stderr := runCLI(t, env, "verify"); code != exitAPI || !strings.Contains(stderr, "GET /v1/devstate/log/checkpoint: 503") {
		t.Fatalf("503: exit %d, stderr %q", code, stderr)
	}
	// a server without the log routes (an older DevState): exit 4, naming the route
	plain := newFakeDevState(t)
	env = map[string]string{"DEVSTATE_URL": plain.URL, "DEVSTATE_PROJECT": "p1", stateDirEnv: t.TempDir()}
	if code, _, stderr := runCLI(t, env, "verify"); code != exitAPI || !strings.Contains(stderr, "GET /v1/devstate/log/key: 404") {
		t.Fatalf("no log routes: exit %d, stderr %q", code, stderr)
	}
}

func TestWithMemberKeepsTheServersJSON(t *testing.T) {
	for body, want := range map[string]string{
		`{"ok":true,"b":[1]}`: `{"ok":true,"b":[1],"checkpoint":{"size":1}}`,
		"{ }\n":               `{"checkpoint":{"size":1}}`,
	} {
		got, err := withMember([]byte(body), "checkpoint", map[string]int{"size": 1})
		if err != nil || string(got) != want {
			t.Errorf("%q: %s %v", body, got, err)
		}
	}
	if _, err := withMember([]byte(`[1]`), "x", 1); err == nil {
		t.Fatal("an array")
	}
}

func TestHelpNamesExitSevenAndTheTrustedHead(t *testing.T) {
	_, stdout, _ := runCLI(t, nil, "help")
	for _, want := range []string{"7 history was rewritten", "audit", stateDirEnv} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	for _, cmd := range []string{"verify", "export", "drift", "audit"} {
		_, stdout, _ = runCLI(t, nil, cmd, "--help")
		if !strings.Contains(stdout, "-state-dir") || !strings.Contains(stdout, "exit 7") || !strings.Contains(stdout, "-log-key") {
			t.Errorf("%s --help: %s", cmd, stdout)
		}
	}
}

func TestACommittedCheckpointOfAnotherLogIsNotAHead(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	srv := newFakeLogService(t, log, 3)
	dir := t.TempDir()
	q := newTestLogKey(t, testLogName+"/q") // project q was exported into DIR before
	writeFiles(t, dir, map[string]string{"checkpoint": signedCheckpoint(t, q, testLogName+"/q", chain(t, "q", 2, "s"))})
	code, _, stderr := runCLI(t, trustEnvWithKey(t, srv, log.key), "export", "--dir", dir)
	if code != exitOK || !strings.Contains(stderr, filepath.Join(dir, "checkpoint")+` is a checkpoint of another log ("devstate.test/q"), not a trusted head of devstate.test/p`) ||
		readText(t, filepath.Join(dir, "checkpoint")) != log.checkpoint(3) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestAKeyTakenOnFirstUseIsPinnedOnlyOnceACheckpointVerifiedWithIt(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	wrong := *log // serves another key than the one its checkpoints are signed with
	wrong.key.vkey = newTestLogKey(t, testOrigin).vkey
	srv := newFakeLogService(t, &wrong, 3)
	env := trustEnv(t, srv)
	code, _, stderr := runCLI(t, env, "verify")
	if code != exitFailed || strings.Contains(stderr, "pinned the log verifier key") ||
		!strings.Contains(stderr, "the server's latest checkpoint does not verify with the log key "+wrong.key.vkey+
			" (served by GET /v1/devstate/log/key?project=p, first use)") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(pinFileOf(env)); !os.IsNotExist(err) {
		t.Fatal("a key that verified nothing was pinned")
	}
	if _, err := os.Stat(stateFileOf(env)); !os.IsNotExist(err) {
		t.Fatal("state written")
	}
	srv.set(log, 3) // the right key: pinned now
	if code, _, stderr := runCLI(t, env, "verify"); code != exitOK || !strings.Contains(stderr, "pinned") || readText(t, pinFileOf(env)) != log.key.vkey+"\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
