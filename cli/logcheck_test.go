package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/devstate/devstate/clients/go/verify"
	"github.com/gowebpki/jcs"
	tlog "github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

const testLogName = "devstate.test"

// testLogKey is the test's own log key for one origin ("<log name>/<project>").
type testLogKey struct {
	signer note.Signer
	vkey   string
}

func newTestLogKey(t *testing.T, origin string) testLogKey {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return testLogKey{signer, vkey}
}

// naiveLeafData is the leaf data of an entry built from its members (not from the raw text): the
// JCS of the entry with project.
func naiveLeafData(t *testing.T, project string, e verify.Entry) []byte {
	t.Helper()
	raw, err := json.Marshal(struct {
		Project string `json:"project"`
		verify.Entry
	}{project, e})
	if err != nil {
		t.Fatal(err)
	}
	canonical, err := jcs.Transform(raw)
	if err != nil {
		t.Fatal(err)
	}
	return canonical
}

// naiveRoot is RFC 6962's MTH, written out: split at the largest power of two below n.
func naiveRoot(leaves [][]byte) []byte {
	h := rfc6962.DefaultHasher
	switch len(leaves) {
	case 0:
		return h.EmptyRoot()
	case 1:
		return h.HashLeaf(leaves[0])
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return h.HashChildren(naiveRoot(leaves[:k]), naiveRoot(leaves[k:]))
}

// signedCheckpoint is the checkpoint note of the tree of the history's entries under origin.
func signedCheckpoint(t *testing.T, key testLogKey, origin, history string) string {
	t.Helper()
	file, err := verify.ParseHistory([]byte(history))
	if err != nil {
		t.Fatal(err)
	}
	leaves := make([][]byte, 0, len(file.Entries))
	for _, e := range file.Entries {
		leaves = append(leaves, naiveLeafData(t, file.Project, e))
	}
	cp := tlog.Checkpoint{Origin: origin, Size: uint64(len(leaves)), Hash: naiveRoot(leaves)}
	signed, err := note.Sign(&note.Note{Text: string(cp.Marshal())}, key.signer)
	if err != nil {
		t.Fatal(err)
	}
	return string(signed)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// logFixture is a DIR with history.json of project p (3 entries, HMAC secret "s") and its
// checkpoint signed by the test's key for devstate.test/p.
func logFixture(t *testing.T) (dir, history string, key testLogKey) {
	t.Helper()
	dir = t.TempDir()
	origin := testLogName + "/p"
	key = newTestLogKey(t, origin)
	history = chain(t, "p", 3, "s")
	writeFiles(t, dir, map[string]string{"history.json": history, "checkpoint": signedCheckpoint(t, key, origin, history)})
	return dir, history, key
}

func TestLogRootIsRFC6962(t *testing.T) {
	for n := 0; n <= 9; n++ {
		history := chain(t, "p", n, "s")
		file, _ := verify.ParseHistory([]byte(history))
		raw, err := rawEntries([]byte(history))
		if err != nil {
			t.Fatal(err)
		}
		leaves := [][]byte{}
		for i, e := range file.Entries {
			want := naiveLeafData(t, "p", e)
			got, err := leafData("p", raw[i])
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("n=%d entry %d: leaf data %s, want %s (%v)", n, i+1, got, want, err)
			}
			leaves = append(leaves, want)
		}
		root, err := logRoot("p", raw)
		if err != nil || !bytes.Equal(root, naiveRoot(leaves)) {
			t.Fatalf("n=%d: compact range root %x, naive MTH %x (%v)", n, root, naiveRoot(leaves), err)
		}
	}
	if root, _ := logRoot("p", nil); hex.EncodeToString(root) != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("empty tree: %x", root)
	}
}

// The entry of the cross-language vector (the Java side pins the same leaf hash).
const vectorEntry = `{"seq":1,"ts":"2026-11-25T10:00:00.123456Z","actor":"alice","action":"note","cp_from":null,"cp_to":"CP1-LC","state_checksum":null,"metadata":{"a":"é","b":[1,2]},"kid":"k1","hmac_prev":"0000000000000000000000000000000000000000000000000000000000000000","hmac":"5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d"}`

// vectorLeafHash is SHA-256(0x00 || JCS of vectorEntry with "project":"default"), as this
// implementation computes it (and, independently, Python's json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False), which is RFC 8785 for this entry). The Java side
// pins the same value; a difference is a bug on one side.
const vectorLeafHash = "823efee32b05074244bc5cce9922959868b8c3f698dba4b0e8294bd58c91ee9d"

func TestLeafHashOfTheCrossLanguageVector(t *testing.T) {
	// RFC 8785 by hand: members sorted by UTF-16 code units, no white space, "é" as UTF-8.
	wantData := `{"action":"note","actor":"alice","cp_from":null,"cp_to":"CP1-LC","hmac":"5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d","hmac_prev":"0000000000000000000000000000000000000000000000000000000000000000","kid":"k1","metadata":{"a":"é","b":[1,2]},"project":"default","seq":1,"state_checksum":null,"ts":"2026-11-25T10:00:00.123456Z"}`
	data, err := leafData("default", json.RawMessage(vectorEntry))
	if err != nil || string(data) != wantData {
		t.Fatalf("leaf data\n got  %s\n want %s\n %v", data, wantData, err)
	}
	// the same entry with white space and the numbers written otherwise
	spaced := strings.NewReplacer(`,"`, `, "`, `[1,2]`, `[1.0, 2E0]`).Replace(vectorEntry)
	if again, err := leafData("default", json.RawMessage("\n "+spaced+" \n")); err != nil || string(again) != wantData {
		t.Fatalf("spaced: %s %v", again, err)
	}
	hash, err := leafHash("default", json.RawMessage(vectorEntry))
	if err != nil {
		t.Fatal(err)
	}
	manual := sha256.Sum256(append([]byte{0}, wantData...))
	if !bytes.Equal(hash, manual[:]) {
		t.Fatalf("leaf hash %x, SHA-256(0x00 || data) %x", hash, manual)
	}
	t.Logf("leaf hash of the vector entry (project default): %s", hex.EncodeToString(hash))
	if got := hex.EncodeToString(hash); got != vectorLeafHash {
		t.Fatalf("leaf hash %s, pinned %s", got, vectorLeafHash)
	}
	// Computed by this implementation (transparency-dev/merkle's RFC 6962 hasher over the JCS
	// above); docs/CHAIN.md's Java implementation must give the same.
	// A member "project" already in the entry is a duplicate: refused, not hashed.
	if _, err := leafData("default", json.RawMessage(`{"project":"x","seq":1}`)); err == nil {
		t.Fatal("a duplicate project member is accepted")
	}
	if d, err := leafData("q", json.RawMessage(`{ }`)); err != nil || string(d) != `{"project":"q"}` {
		t.Fatalf("empty object: %s %v", d, err)
	}
}

func TestVerifyFilesWithTheLogKeyAloneNeedsNoHMACKey(t *testing.T) {
	dir, _, key := logFixture(t)
	code, stdout, stderr := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", key.vkey)
	if code != exitOK || stderr != "" ||
		!strings.Contains(stdout, "chain not checked (offline)") ||
		!strings.Contains(stdout, "log ok (offline): "+filepath.Join(dir, "checkpoint")+", origin devstate.test/p, size 3, root ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// the variable, and --json
	env := map[string]string{logVerifierEnv: key.vkey}
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--files", dir, "--json")
	var report offlineReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitOK || !report.OK || report.HMACChecked ||
		report.Log == nil || !report.Log.OK || report.Log.Origin != "devstate.test/p" || *report.Log.Size != 3 ||
		*report.Log.Root != *report.Log.ComputedRoot || report.Log.Failed != nil {
		t.Fatalf("--json: exit %d, stdout %s, %v", code, stdout, err)
	}
	// with an HMAC key too, both checks run
	env["HMAC_SECRET"] = "s"
	code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--files", dir)
	if code != exitOK || !strings.Contains(stdout, "chain ok (offline)") || !strings.Contains(stdout, "3 entries verified") ||
		!strings.Contains(stdout, "log ok (offline)") {
		t.Fatalf("both: exit %d, stdout %q", code, stdout)
	}
	env["HMAC_SECRET"] = "wrong"
	if code, stdout, _ = runCLI(t, env, "verify", "--no-trusted-head", "--files", dir); code != exitFailed ||
		!strings.Contains(stdout, "entry 1: hmac_mismatch") || !strings.Contains(stdout, "log ok") {
		t.Fatalf("wrong HMAC key, good log: exit %d, stdout %q", code, stdout)
	}
	// without the log key: as before, the HMAC chain only (the checkpoint is not looked at)
	code, stdout, _ = runCLI(t, map[string]string{"HMAC_SECRET": "s"}, "verify", "--no-trusted-head", "--files", dir, "--json")
	report = offlineReport{}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitOK || !report.HMACChecked || report.Log != nil {
		t.Fatalf("HMAC only: exit %d, stdout %s, %v", code, stdout, err)
	}
}

// logFailure runs verify --files with the key and expects exit 1 naming the failed check.
func logFailure(t *testing.T, what, dir, vkey, failed, detail string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", vkey)
	if code != exitFailed || !strings.Contains(stdout, "log BAD (offline): "+failed+": ") || !strings.Contains(stdout, detail) {
		t.Fatalf("%s: exit %d, stdout %q, stderr %q", what, code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", vkey, "--json")
	var report offlineReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != exitFailed || report.OK ||
		report.Log == nil || report.Log.OK || report.Log.Failed == nil || *report.Log.Failed != failed {
		t.Fatalf("%s --json: exit %d, stdout %s, %v", what, code, stdout, err)
	}
}

func TestVerifyFilesLogEditedEntryFailsTheRoot(t *testing.T) {
	dir, history, key := logFixture(t)
	edited := strings.Replace(history, `"actor": "alice"`, `"actor": "mallory"`, 1)
	if edited == history {
		t.Fatal("edit did not apply")
	}
	writeFiles(t, dir, map[string]string{"history.json": edited})
	logFailure(t, "edited actor", dir, key.vkey, "root", "hash to root")
}

func TestVerifyFilesLogRemovedLastEntryFailsTheSize(t *testing.T) {
	dir, _, key := logFixture(t)
	writeFiles(t, dir, map[string]string{"history.json": chain(t, "p", 2, "s")}) // the first 2 of the 3
	logFailure(t, "removed last entry", dir, key.vkey, "size", "is of size 3 but "+filepath.Join(dir, "history.json")+" has 2 entries")
	// the HMAC chain of the shortened file still verifies: only the log notices
	code, stdout, _ := runCLI(t, map[string]string{"HMAC_SECRET": "s"}, "verify", "--no-trusted-head", "--files", dir)
	if code != exitOK || !strings.Contains(stdout, "chain ok") {
		t.Fatalf("HMAC only: exit %d, stdout %q", code, stdout)
	}
}

func TestVerifyFilesLogCheckpointOfAnotherKeyFailsTheSignature(t *testing.T) {
	dir, history, key := logFixture(t)
	other := newTestLogKey(t, testLogName+"/p") // same name, another key
	writeFiles(t, dir, map[string]string{"checkpoint": signedCheckpoint(t, other, testLogName+"/p", history)})
	logFailure(t, "another key", dir, key.vkey, "signature", "is not signed by the key devstate.test/p+")
	// a checkpoint that is not a note at all
	writeFiles(t, dir, map[string]string{"checkpoint": "hello\n"})
	logFailure(t, "not a note", dir, key.vkey, "signature", "not signed")
}

func TestVerifyFilesLogOriginOfAnotherProjectFails(t *testing.T) {
	dir, history, key := logFixture(t)
	// a checkpoint with origin devstate.test/q, signed by the key of devstate.test/p
	writeFiles(t, dir, map[string]string{"checkpoint": signedCheckpoint(t, key, testLogName+"/q", history)})
	logFailure(t, "checkpoint origin", dir, key.vkey, "origin", `has origin "devstate.test/q", the verifier key is for "devstate.test/p"`)
	// the key and checkpoint of project q, with the history of project p
	q := newTestLogKey(t, testLogName+"/q")
	writeFiles(t, dir, map[string]string{"checkpoint": signedCheckpoint(t, q, testLogName+"/q", history)})
	logFailure(t, "key of another project", dir, q.vkey, "origin", "the verifier key is for origin devstate.test/q, not for project p")
	// the key of p and the checkpoint of q: not signed by p's key, the hint names q
	logFailure(t, "checkpoint of another project", dir, key.vkey, "signature", `the checkpoint's origin is "devstate.test/q"`)
}

func TestVerifyFilesLogMissingCheckpointFails(t *testing.T) {
	dir, _, key := logFixture(t)
	if err := os.Remove(filepath.Join(dir, "checkpoint")); err != nil {
		t.Fatal(err)
	}
	logFailure(t, "missing checkpoint", dir, key.vkey, "checkpoint", "no checkpoint in "+dir)
	// with the HMAC key too: still 1 (the log check was asked for)
	code, stdout, _ := runCLI(t, map[string]string{"HMAC_SECRET": "s", logVerifierEnv: key.vkey}, "verify", "--no-trusted-head", "--files", dir)
	if code != exitFailed || !strings.Contains(stdout, "chain ok") || !strings.Contains(stdout, "no checkpoint in "+dir) {
		t.Fatalf("with HMAC: exit %d, stdout %q", code, stdout)
	}
}

func TestVerifyFilesLogEmptyHistory(t *testing.T) {
	dir := t.TempDir()
	key := newTestLogKey(t, testLogName+"/p")
	history := chain(t, "p", 0, "s")
	writeFiles(t, dir, map[string]string{"history.json": history, "checkpoint": signedCheckpoint(t, key, testLogName+"/p", history)})
	if code, _, stderr := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", key.vkey); code != exitEmpty || !strings.Contains(stderr, "no entries") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", key.vkey, "--allow-empty"); code != exitOK || !strings.Contains(stdout, "size 0") {
		t.Fatalf("--allow-empty: exit %d, stdout %q", code, stdout)
	}
}

func TestVerifyLogKeyUsageErrors(t *testing.T) {
	dir, _, key := logFixture(t)
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"verify", "--files", dir, "--log-key", "not-a-key"}, "--log-key is not a note verifier key"},
		{map[string]string{logVerifierEnv: "x+y+z"}, []string{"verify", "--files", dir}, logVerifierEnv + " is not a note verifier key"},
		{nil, []string{"verify", "--no-trusted-head", "--log-key", key.vkey}, "--log-key applies to the offline verification"},
		{nil, []string{"verify", "--files", dir}, "--log-key"}, // no key at all: the message names both
		// the signer key by mistake
		{nil, []string{"verify", "--files", dir, "--log-key", "PRIVATE+KEY+devstate.test/p+00000000+AAAA"}, "not a note verifier key"},
	} {
		code, _, stderr := runCLI(t, tc.env, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q", tc.args, code, stderr)
		}
	}
}

func TestLogKeygen(t *testing.T) {
	code, stdout, stderr := runCLI(t, nil, "log-keygen", "--name", "devstate.example.org")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != exitOK || stderr != "" || len(lines) != 2 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	signer, err := note.NewSigner(lines[0])
	if err != nil || signer.Name() != "devstate.example.org" {
		t.Fatalf("signer key %q: %v", lines[0], err)
	}
	verifier, err := note.NewVerifier(lines[1])
	if err != nil || verifier.Name() != "devstate.example.org" || verifier.KeyHash() != signer.KeyHash() {
		t.Fatalf("verifier key %q: %v", lines[1], err)
	}
	msg, err := note.Sign(&note.Note{Text: "hello\n"}, signer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := note.Open(msg, note.VerifierList(verifier)); err != nil {
		t.Fatalf("the pair does not match: %v", err)
	}

	code, stdout, _ = runCLI(t, nil, "log-keygen", "--name", "devstate.example.org", "--json")
	var keys map[string]string
	if err := json.Unmarshal([]byte(stdout), &keys); err != nil || code != exitOK || len(keys) != 2 {
		t.Fatalf("--json: exit %d, stdout %q, %v", code, stdout, err)
	}
	if _, err := note.NewSigner(keys["signer_key"]); err != nil {
		t.Fatal(err)
	}
	if _, err := note.NewVerifier(keys["verifier_key"]); err != nil || keys["signer_key"] == lines[0] {
		t.Fatalf("verifier_key %q: %v (or the same key twice)", keys["verifier_key"], err)
	}

	for _, args := range [][]string{{"log-keygen"}, {"log-keygen", "--name", "a+b"}, {"log-keygen", "--name", "a b"}, {"log-keygen", "extra", "--name", "n"}} {
		if code, _, stderr := runCLI(t, nil, args...); code != exitUsage || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	_, stdout, _ = runCLI(t, nil, "log-keygen", "--help")
	if !strings.Contains(stdout, "NAME/P") || !strings.Contains(stdout, "GET /v1/devstate/log/key?project=") {
		t.Fatalf("help: %s", stdout)
	}
}

// fakeFiles serves GET /v1/devstate/export with the files given and records the files of
// POST /v1/devstate/import.
func fakeFiles(t *testing.T, files map[string]string, imported *map[string]string) *httptest.Server {
	body, _ := json.Marshal(map[string]any{"project": "p", "files": files})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/v1/devstate/export" && r.Method == http.MethodGet:
			_, _ = w.Write(body)
		case r.URL.Path == "/v1/devstate/import" && r.Method == http.MethodPost:
			var req struct {
				Files map[string]string `json:"files"`
			}
			text, _ := io.ReadAll(r.Body)
			if err := json.Unmarshal(text, &req); err != nil {
				t.Errorf("import body %s: %v", text, err)
			}
			*imported = req.Files
			_, _ = w.Write([]byte(`{"project":"p","outcome":"appended","imported":3,"head":{"seq":3,"hmac":"` + strings.Repeat("a", 64) + `"}}`))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestExportWritesTheCheckpointAndImportSendsIt(t *testing.T) {
	origin := testLogName + "/p"
	key := newTestLogKey(t, origin)
	history := chain(t, "p", 3, "s")
	checkpoint := signedCheckpoint(t, key, origin, history)
	var imported map[string]string
	srv := fakeFiles(t, map[string]string{".trae/history.json": history, ".trae/checkpoint": checkpoint}, &imported)
	env := map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_PROJECT": "p"}
	dir := filepath.Join(t.TempDir(), ".trae")
	code, stdout, stderr := runCLI(t, env, "export", "--no-trusted-head", "--dir", dir)
	cpPath := filepath.Join(dir, "checkpoint")
	if code != exitOK || !strings.Contains(stdout, cpPath+" ("+strconv.Itoa(len(checkpoint))+" bytes)") {
		t.Fatalf("export: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(cpPath); string(got) != checkpoint {
		t.Fatalf("checkpoint not byte-exact: %q", got)
	}
	// the exported files verify with the log key alone
	if code, stdout, _ := runCLI(t, nil, "verify", "--no-trusted-head", "--files", dir, "--log-key", key.vkey); code != exitOK {
		t.Fatalf("verify of the export: exit %d, stdout %q", code, stdout)
	}
	// import sends it back
	if code, stdout, stderr := runCLI(t, env, "import", "--dir", dir); code != exitOK || imported[".trae/checkpoint"] != checkpoint ||
		imported[".trae/history.json"] != history {
		t.Fatalf("import: exit %d, stdout %q, stderr %q, sent %v", code, stdout, stderr, imported)
	}
	// an export without a checkpoint removes the stale one; import then sends none
	srv2 := fakeFiles(t, map[string]string{".trae/history.json": history}, &imported)
	env["DEVSTATE_URL"] = srv2.URL
	code, stdout, _ = runCLI(t, env, "export", "--no-trusted-head", "--dir", dir, "--json")
	if _, err := os.Stat(cpPath); code != exitOK || !os.IsNotExist(err) || !strings.Contains(stdout, `"removed": true`) {
		t.Fatalf("stale checkpoint: exit %d, stdout %q, %v", code, stdout, err)
	}
	if code, _, _ := runCLI(t, env, "import", "--dir", dir); code != exitOK {
		t.Fatalf("import without checkpoint: exit %d", code)
	}
	if _, ok := imported[".trae/checkpoint"]; ok {
		t.Fatalf("import sent a checkpoint: %v", imported)
	}
	code, stdout, _ = runCLI(t, env, "export", "--no-trusted-head", "--dir", dir)
	if code != exitOK || strings.Contains(stdout, "checkpoint") {
		t.Fatalf("no checkpoint, none to remove: exit %d, stdout %q", code, stdout)
	}
}
