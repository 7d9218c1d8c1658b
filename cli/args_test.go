package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// runCLI runs a command line and returns its exit code, stdout and stderr.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr, envOf(env))
	return code, stdout.String(), stderr.String()
}

func TestGlobalsComeFromTheEnvironmentWithDefaults(t *testing.T) {
	g, err := globalsFromEnv(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if g.url != "http://127.0.0.1:3180" || g.project != "default" || g.token != "" || g.json || g.timeout != time.Minute {
		t.Fatalf("defaults: %+v", g)
	}
	g, err = globalsFromEnv(envOf(map[string]string{"DEVSTATE_URL": "http://h:1", "DEVSTATE_PROJECT": "p1",
		"DEVSTATE_API_TOKEN": "tok", "DEVSTATE_TIMEOUT": "5s"}))
	if err != nil {
		t.Fatal(err)
	}
	if g.url != "http://h:1" || g.project != "p1" || g.token != "tok" || g.timeout != 5*time.Second {
		t.Fatalf("from env: %+v", g)
	}
	if _, err := globalsFromEnv(envOf(map[string]string{"DEVSTATE_TIMEOUT": "soon"})); err == nil {
		t.Fatal("a bad DEVSTATE_TIMEOUT is accepted")
	}
}

func TestFlagsOverrideTheEnvironmentBeforeAndAfterTheCommand(t *testing.T) {
	env := map[string]string{"DEVSTATE_URL": "http://env:1", "DEVSTATE_PROJECT": "envproject", "DEVSTATE_API_TOKEN": "envtoken"}
	for _, args := range [][]string{
		{"--url", "http://flag:2", "--project", "flagproject", "--json", "unlock", "id-1"},
		{"unlock", "id-1", "--url", "http://flag:2", "--project=flagproject", "-json"},
		{"--project", "envproject", "unlock", "--url=http://flag:2", "id-1", "--project", "flagproject", "--json"},
	} {
		a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: envOf(env)}
		a.g, _ = globalsFromEnv(a.getenv)
		fs := newFlagSet("devstate")
		addGlobalFlags(fs, &a.g)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		c := findCommand(fs.Arg(0))
		positional, err := parseCommand(a, c, newFlagSet(c.name), fs.Args()[1:])
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if !reflect.DeepEqual(positional, []string{"id-1"}) || a.g.url != "http://flag:2" ||
			a.g.project != "flagproject" || !a.g.json || a.g.token != "envtoken" {
			t.Fatalf("%v: positional %v, globals %+v", args, positional, a.g)
		}
	}
}

func TestCommandFlagsMayBeInterspersedAndDoubleDashEndsThem(t *testing.T) {
	a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: envOf(nil)}
	a.g, _ = globalsFromEnv(a.getenv)
	c := findCommand("set-cp")
	fs := newFlagSet(c.name)
	actor := fs.String("actor", "", "")
	positional, err := parseCommand(a, c, fs, []string{"--actor", "ci", "CP2-LC", "--json", "--", "--literal"})
	if err != nil {
		t.Fatal(err)
	}
	if *actor != "ci" || !a.g.json || !reflect.DeepEqual(positional, []string{"CP2-LC", "--literal"}) {
		t.Fatalf("actor %q json %v positional %v", *actor, a.g.json, positional)
	}
}

func TestUsageErrorsExitWithTwo(t *testing.T) {
	cases := [][]string{
		{},
		{"no-such-command"},
		{"--no-such-flag", "verify"},
		{"verify", "--no-such-flag"},
		{"verify", "extra-argument"},
		{"set-cp"},
		{"set-cp", "CP1-LC", "CP2-LC"},
		{"set-cp", "CP1-LC", "--metadata", "[1]"},
		{"unlock"},
		{"lock", "--ttl", "0"},
		{"lock", "--ttl", "abc"},
		{"search", "--since", "yesterday"},
		{"verify", "--files", ".trae", "--from", "2"},
		{"--url", "ftp://example", "verify"},
		{"--project", "", "verify"},
	}
	for _, args := range cases {
		code, _, stderr := runCLI(t, nil, args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
		if stderr == "" {
			t.Errorf("%q: no message on stderr", args)
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"help", "drift"}, {"drift", "--help"}, {"lock", "-h"}} {
		code, stdout, _ := runCLI(t, nil, args...)
		if code != exitOK || !strings.Contains(stdout, "Usage: devstate") {
			t.Errorf("%q: exit %d, stdout %q", args, code, stdout)
		}
	}
	code, stdout, _ := runCLI(t, nil, "--help")
	for _, want := range []string{"verify", "export", "import", "drift", "set-cp", "lock", "unlock", "search", "Exit codes"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}

func TestHelpNeverShowsTheToken(t *testing.T) {
	_, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_API_TOKEN": "s3cret-token"}, "lock", "--help")
	if strings.Contains(stdout, "s3cret-token") || !strings.Contains(stdout, "-token") {
		t.Fatalf("help: %s", stdout)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI(t, nil, "version", "--json")
	var out map[string]string
	if code != 0 || json.Unmarshal([]byte(stdout), &out) != nil || out["version"] == "" {
		t.Fatalf("version: %d %q", code, stdout)
	}
}

func TestUnreachableServerExitsWithThree(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	listener.Close() // nothing listens there any more
	for _, args := range [][]string{{"verify"}, {"search"}, {"export", "--dir", t.TempDir()}, {"unlock", "x"}} {
		code, _, stderr := runCLI(t, map[string]string{"DEVSTATE_URL": url}, args...)
		if code != exitUnreachable || !strings.Contains(stderr, "cannot reach DevState at "+url) {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestProblemDocumentsExitWithFourAndArePrinted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write([]byte(`{"type":"urn:devstate:problem:conflict","title":"Conflict","status":409,` +
			`"detail":"scope 'state' is held","holder":{"owner":"agent-7","expires_at":"2026-11-25T10:00:00.000000Z"}}`))
	}))
	defer srv.Close()
	env := map[string]string{"DEVSTATE_URL": srv.URL}
	code, _, stderr := runCLI(t, env, "lock", "--ttl", "60")
	if code != exitAPI || !strings.Contains(stderr, "409 Conflict: scope 'state' is held") ||
		!strings.Contains(stderr, "held by: agent-7") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	code, stdout, _ := runCLI(t, env, "lock", "--json")
	var out struct {
		OK       bool           `json:"ok"`
		ExitCode int            `json:"exit_code"`
		Status   int            `json:"status"`
		Problem  map[string]any `json:"problem"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != exitAPI || out.OK || out.ExitCode != exitAPI ||
		out.Status != 409 || out.Problem["title"] != "Conflict" {
		t.Fatalf("json: %d %q %v", code, stdout, err)
	}
}

func TestTheTokenIsSentAsBearer(t *testing.T) {
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true,"verified":1,"head":{"seq":1,"hmac":"` + strings.Repeat("a", 64) + `"},"failure":null}`))
	}))
	defer srv.Close()
	code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL, "DEVSTATE_API_TOKEN": "t0k"}, "verify", "--no-trusted-head")
	if code != 0 || auth != "Bearer t0k" || !strings.Contains(stdout, "chain ok") {
		t.Fatalf("exit %d, auth %q, stdout %q", code, auth, stdout)
	}
}

func TestServerVerifyFailureExitsWithOne(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("project") != "p2" {
			t.Errorf("project %q", r.URL.Query().Get("project"))
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":false,"verified":2,"head":{"seq":2,"hmac":"` + strings.Repeat("a", 64) +
			`"},"failure":{"seq":3,"reason":"hmac_mismatch","expected":null,"actual":"` + strings.Repeat("b", 64) + `"}}`))
	}))
	defer srv.Close()
	code, stdout, _ := runCLI(t, map[string]string{"DEVSTATE_URL": srv.URL}, "verify", "--no-trusted-head", "--project", "p2")
	if code != exitFailed || !strings.Contains(stdout, "entry 3: hmac_mismatch") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
}

func TestKeysFromTheEnvironment(t *testing.T) {
	keys, err := loadKeys(envOf(map[string]string{"DEVSTATE_HMAC_KEYS": "k1:one, k2:two:with:colons ,"}))
	if err != nil || !reflect.DeepEqual(keys, map[string]string{"k1": "one", "k2": "two:with:colons"}) {
		t.Fatalf("%v %v", keys, err)
	}
	keys, err = loadKeys(envOf(map[string]string{"HMAC_SECRET": "s"}))
	if err != nil || !reflect.DeepEqual(keys, map[string]string{"k1": "s"}) {
		t.Fatalf("HMAC_SECRET: %v %v", keys, err)
	}
	keys, err = loadKeys(envOf(map[string]string{"HMAC_SECRET": "s", "HMAC_KID": "k7"}))
	if err != nil || !reflect.DeepEqual(keys, map[string]string{"k7": "s"}) {
		t.Fatalf("HMAC_KID: %v %v", keys, err)
	}
	file := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(file, []byte("# comment\nk3:three\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err = loadKeys(envOf(map[string]string{"DEVSTATE_HMAC_KEYS_FILE": file, "DEVSTATE_HMAC_KEYS": "k1:one"}))
	if err != nil || !reflect.DeepEqual(keys, map[string]string{"k1": "one", "k3": "three"}) {
		t.Fatalf("file: %v %v", keys, err)
	}
	for _, bad := range []map[string]string{
		nil,
		{"DEVSTATE_HMAC_KEYS": "nocolon"},
		{"DEVSTATE_HMAC_KEYS": "k1:"},
		{"DEVSTATE_HMAC_KEYS": "bad kid:x"},
		{"DEVSTATE_HMAC_KEYS": "k1:a,k1:b"},
	} {
		if _, err := loadKeys(envOf(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		} else if strings.Contains(err.Error(), ":b") {
			t.Errorf("error shows a secret: %v", err)
		}
	}
}
