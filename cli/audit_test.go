package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
)

// anchorNotes splits an anchor file into its notes: a note is the checkpoint text, an empty line
// and its signature lines ("— ..."); records are separated by an empty line.
func anchorNotes(t *testing.T, path string) []string {
	t.Helper()
	text := readText(t, path)
	var notes []string
	for text != "" {
		body, rest, ok := strings.Cut(text, "\n\n") // the checkpoint text ends at the empty line
		if !ok {
			t.Fatalf("%s: no empty line before the signatures in %q", path, text)
		}
		sigs, after, ok := strings.Cut(rest, "\n\n") // the signatures end at the record's empty line
		if !ok || !strings.HasPrefix(sigs, "— ") {
			t.Fatalf("%s: a record is not followed by an empty line: %q", path, rest)
		}
		notes = append(notes, body+"\n\n"+sigs+"\n")
		text = after
	}
	return notes
}

// metricsOf reads the samples of a textfile: name -> value, checking the origin label and that
// every sample has its HELP and TYPE.
func metricsOf(t *testing.T, path string) map[string]string {
	t.Helper()
	samples := map[string]string{}
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(readText(t, path), "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "# TYPE "); ok {
			if !strings.HasSuffix(name, " gauge") {
				t.Fatalf("not a gauge: %q", line)
			}
			typed[strings.TrimSuffix(name, " gauge")] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		name, value, ok := strings.Cut(line, `{origin="devstate.test/p"} `)
		if !ok || !typed[name] {
			t.Fatalf("%s: sample %q (typed: %v)", path, line, typed)
		}
		samples[name] = value
	}
	return samples
}

func recentTimestamp(t *testing.T, value string, since time.Time) {
	t.Helper()
	ts, err := strconv.ParseFloat(value, 64)
	if err != nil || ts < float64(since.Unix())-1 || ts > float64(time.Now().Unix())+1 {
		t.Fatalf("last success %q is not between %v and now (%v)", value, since, err)
	}
}

func TestAuditOnceAnchorsNewCheckpointsAndWritesTheMetrics(t *testing.T) {
	key := newTestLogKey(t, testOrigin)
	real, fork := newFakeLog(t, key, 6, "s"), newFakeLog(t, key, 6, "another secret")
	srv := newFakeLogService(t, real, 3)
	env := trustEnv(t, srv)
	out := t.TempDir()
	anchor, metrics := filepath.Join(out, "anchor", "checkpoints.log"), filepath.Join(out, "textfile", "devstate.prom")
	audit := []string{"audit", "--anchor", anchor, "--metrics-file", metrics}

	start := time.Now()
	code, stdout, stderr := runCLI(t, env, audit...)
	if code != exitOK || !strings.Contains(stderr, "pinned the log verifier key") ||
		stdout != "audit round 1: log: trusted devstate.test/p at size 3 on first use ("+stateFileOf(env)+"); appended to "+anchor+"\n" {
		t.Fatalf("first round: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if readText(t, anchor) != real.checkpoint(3)+"\n" {
		t.Fatalf("anchor %q", readText(t, anchor))
	}
	m := metricsOf(t, metrics)
	if m[metricSize] != "3" || m[metricRewritten] != "0" || len(m) != 3 {
		t.Fatalf("metrics %v", m)
	}
	recentTimestamp(t, m[metricLastSuccess], start)
	if entries, _ := os.ReadDir(filepath.Dir(metrics)); len(entries) != 1 {
		t.Fatalf("%d files beside the metrics file (a temporary one left?)", len(entries))
	}

	// the same checkpoint: nothing appended
	code, stdout, _ = runCLI(t, env, audit...)
	if code != exitOK || strings.Contains(stdout, "appended") || len(anchorNotes(t, anchor)) != 1 {
		t.Fatalf("same: exit %d, stdout %q", code, stdout)
	}
	// growth: appended, and every record is a note signed by the key
	srv.set(real, 6)
	if code, stdout, _ = runCLI(t, env, audit...); code != exitOK || !strings.Contains(stdout, "grew from size 3 to 6 (consistency proof verified); appended") {
		t.Fatalf("growth: exit %d, stdout %q", code, stdout)
	}
	notes := anchorNotes(t, anchor)
	verifier, _ := note.NewVerifier(key.vkey)
	for i, want := range []uint64{3, 6} {
		n, err := note.Open([]byte(notes[i]), note.VerifierList(verifier))
		if err != nil || !strings.HasPrefix(n.Text, testOrigin+"\n"+strconv.FormatUint(want, 10)+"\n") {
			t.Fatalf("record %d: %q %v", i, notes[i], err)
		}
	}
	before := metricsOf(t, metrics)

	// a fork: exit 7 at once, rewritten 1, size and last success kept, the anchor and state unchanged
	srv.set(fork, 6)
	anchored := readText(t, anchor)
	code, _, stderr = runCLI(t, env, audit...)
	if code != exitRewritten || !strings.HasPrefix(stderr, "devstate audit: history was rewritten: checkpoint 6 does not extend the trusted checkpoint 6 (") {
		t.Fatalf("fork: exit %d, stderr %q", code, stderr)
	}
	m = metricsOf(t, metrics)
	if m[metricRewritten] != "1" || m[metricSize] != "6" || m[metricLastSuccess] != before[metricLastSuccess] {
		t.Fatalf("after the fork: %v (before %v)", m, before)
	}
	if readText(t, anchor) != anchored || readText(t, stateFileOf(env)) != real.checkpoint(6) {
		t.Fatal("the anchor or the state changed after a refusal")
	}
	// the server unreachable now: exit 3, the gauges of the last run carried over
	srv.Close()
	if code, _, _ := runCLI(t, env, audit...); code != exitUnreachable {
		t.Fatalf("unreachable: exit %d", code)
	}
	if after := metricsOf(t, metrics); after[metricRewritten] != "1" || after[metricLastSuccess] != before[metricLastSuccess] {
		t.Fatalf("unreachable: %v", after)
	}
}

func TestAuditIntervalRetriesTheServerAndStopsAtARewrite(t *testing.T) {
	key := newTestLogKey(t, testOrigin)
	real, fork := newFakeLog(t, key, 6, "s"), newFakeLog(t, key, 6, "another secret")
	srv := newFakeLogService(t, real, 4)
	env := trustEnvWithKey(t, srv, key)
	countCheckpoints := func() int {
		n := 0
		for _, r := range srv.take() {
			if strings.HasPrefix(r, "GET /v1/devstate/log/checkpoint") {
				n++
			}
		}
		return n
	}

	// round 2 of 3 finds the database down: reported, retried, exit 0
	srv.failNext(0)
	code, stdout, stderr := runCLI(t, env, "audit", "--interval", "1ms", "--rounds", "3")
	if code != exitOK || strings.Count(stdout, "audit round") != 3 || stderr != "" || countCheckpoints() != 3 {
		t.Fatalf("healthy: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	srv.set(real, 5)
	srv.failNext(1)
	code, stdout, stderr = runCLI(t, env, "audit", "--interval", "1ms", "--rounds", "3", "--json")
	if code != exitOK || countCheckpoints() != 3 || !strings.Contains(stderr, "devstate audit: round 1: GET /v1/devstate/log/checkpoint: 503") ||
		!strings.Contains(stderr, "(retrying in 1ms)") {
		t.Fatalf("one failure: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	var rounds []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not one JSON object per line: %q", stdout)
		}
		rounds = append(rounds, r)
	}
	if len(rounds) != 3 || rounds[0]["ok"] != false || rounds[0]["exit_code"] != 4.0 || rounds[1]["ok"] != true ||
		rounds[2]["checkpoint"].(map[string]any)["size"] != 5.0 {
		t.Fatalf("--json rounds: %v", rounds)
	}
	// the last round fails: its exit code
	srv.failNext(1)
	if code, _, _ := runCLI(t, env, "audit", "--interval", "1ms", "--rounds", "2"); code != exitOK {
		t.Fatalf("first of two fails: exit %d", code)
	}
	srv.take()
	srv.failNext(5)
	if code, _, _ := runCLI(t, env, "audit", "--interval", "1ms", "--rounds", "2"); code != exitAPI || countCheckpoints() != 2 {
		t.Fatalf("last round fails: exit %d", code)
	}
	srv.failNext(0)
	// a rewrite ends the audit at its first round
	srv.set(fork, 6)
	code, _, stderr = runCLI(t, env, "audit", "--interval", "1ms", "--rounds", "5")
	if code != exitRewritten || countCheckpoints() != 1 || !strings.Contains(stderr, "history was rewritten: checkpoint 6 does not extend the trusted checkpoint 5") {
		t.Fatalf("rewrite: exit %d, stderr %q", code, stderr)
	}
}

func TestAuditUnreachableOnFirstUseLeavesNoMetricsItDoesNotKnow(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String()
	listener.Close()
	key := newTestLogKey(t, testOrigin)
	metrics := filepath.Join(t.TempDir(), "devstate.prom")
	env := map[string]string{"DEVSTATE_URL": url, "DEVSTATE_PROJECT": testProject, stateDirEnv: t.TempDir(), logVerifierEnv: key.vkey}
	if code, _, stderr := runCLI(t, env, "audit", "--metrics-file", metrics); code != exitUnreachable || !strings.Contains(stderr, "cannot reach DevState") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if m := metricsOf(t, metrics); len(m) != 1 || m[metricRewritten] != "0" {
		t.Fatalf("metrics %v", m)
	}
	// without a key to pin, not even the origin is known: no metrics file
	delete(env, logVerifierEnv)
	other := filepath.Join(t.TempDir(), "devstate.prom")
	if code, _, _ := runCLI(t, env, "audit", "--metrics-file", other); code != exitUnreachable {
		t.Fatalf("no key: exit %d", code)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Fatal("metrics without an origin")
	}
}

func TestAuditUsage(t *testing.T) {
	for _, args := range [][]string{
		{"audit", "--rounds", "3"},
		{"audit", "--interval", "-1s"},
		{"audit", "--interval", "1s", "--rounds", "-1"},
		{"audit", "extra"},
		{"audit", "--no-trusted-head"},
	} {
		if code, _, stderr := runCLI(t, nil, args...); code != exitUsage || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestAppendAnchorKeepsRecordsApart(t *testing.T) {
	log := newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s")
	path := filepath.Join(t.TempDir(), "anchor")
	// a record cut short by a crash: the next one starts after an empty line anyway
	if err := os.WriteFile(path, []byte(log.checkpoint(1)[:20]), 0o644); err != nil {
		t.Fatal(err)
	}
	if appended, err := appendAnchor(path, []byte(log.checkpoint(2))); err != nil || !appended {
		t.Fatal(appended, err)
	}
	if got := readText(t, path); got != log.checkpoint(1)[:20]+"\n\n"+log.checkpoint(2)+"\n" {
		t.Fatalf("%q", got)
	}
	if appended, err := appendAnchor(path, []byte(log.checkpoint(2))); err != nil || appended {
		t.Fatal("the last record appended again", err)
	}
	if appended, _ := appendAnchor(path, []byte(log.checkpoint(3))); !appended || !strings.HasSuffix(readText(t, path), log.checkpoint(2)+"\n"+log.checkpoint(3)+"\n") {
		t.Fatalf("%q", readText(t, path))
	}
}

func TestMetricsTextAndLabelEscaping(t *testing.T) {
	size, ts := uint64(11), 1764064800.5
	text := string(auditMetricsText(`a"b\c`, auditMetrics{size: &size, rewritten: 1, lastSuccess: &ts}))
	want := `# HELP devstate_audit_checkpoint_size Size (entries) of the last checkpoint devstate audit accepted for the log.
# TYPE devstate_audit_checkpoint_size gauge
devstate_audit_checkpoint_size{origin="a\"b\\c"} 11
# HELP devstate_audit_rewritten 1 when devstate audit found the log rewritten (its checkpoint does not extend the trusted one), else 0.
# TYPE devstate_audit_rewritten gauge
devstate_audit_rewritten{origin="a\"b\\c"} 1
# HELP devstate_audit_last_success_timestamp_seconds Unix time of the last devstate audit round whose checkpoint was accepted.
# TYPE devstate_audit_last_success_timestamp_seconds gauge
devstate_audit_last_success_timestamp_seconds{origin="a\"b\\c"} 1764064800.500
`
	if text != want {
		t.Fatalf("got\n%s\nwant\n%s", text, want)
	}
	path := filepath.Join(t.TempDir(), "m.prom")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	back := readAuditMetrics(path, `a"b\c`)
	if *back.size != 11 || back.rewritten != 1 || *back.lastSuccess != ts {
		t.Fatalf("read back: %+v", back)
	}
	if other := readAuditMetrics(path, "another origin"); other.size != nil || other.lastSuccess != nil || other.rewritten != 0 {
		t.Fatalf("another origin: %+v", other)
	}
}
