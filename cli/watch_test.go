package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
)

// watchService is a fake DevState for watch: the export and log routes of fakeLogService over a
// fakeLog of a size that the test grows, and the change feed of its entries.
type watchService struct {
	*httptest.Server
	t        *testing.T
	logs     *fakeLogService // its log, size and mu; serves everything but the feed
	state    *string         // .trae/state.json of the export
	endAfter int             // the feed ends a connection after this many entries (0: never)
	feedFail int             // the feed answers this status (0: streams)
	exports  []string        // DevState-Min-Seq of each export ("" without)
	feeds    []string        // "Last-Event-ID/after" of each feed request
}

func newWatchService(t *testing.T, log *fakeLog, size uint64) *watchService {
	f := &watchService{t: t, logs: &fakeLogService{log: log, size: size}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *watchService) grow(size uint64) {
	f.logs.set(f.logs.log, size)
}

func (f *watchService) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/v1/devstate/events" {
		f.feed(w, r)
		return
	}
	l := f.logs
	l.mu.Lock()
	defer l.mu.Unlock()
	files := map[string]any{".trae/history.json": historyText(l.log, l.size), ".trae/state.json": f.state,
		".trae/checkpoint": l.log.checkpoint(l.size)}
	export, _ := json.Marshal(map[string]any{"project": testProject, "files": files})
	if r.URL.Path == "/v1/devstate/export" {
		f.exports = append(f.exports, r.Header.Get("DevState-Min-Seq"))
	}
	l.serve(w, r, string(export))
}

// feed streams the entries after Last-Event-ID (else after) as they come.
func (f *watchService) feed(w http.ResponseWriter, r *http.Request) {
	l := f.logs
	l.mu.Lock()
	f.feeds = append(f.feeds, r.Header.Get("Last-Event-ID")+"/"+r.URL.Query().Get("after"))
	fail, endAfter := f.feedFail, f.endAfter
	l.mu.Unlock()
	if fail != 0 {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(fail)
		fmt.Fprintf(w, `{"type":"urn:devstate:problem:x","title":%q,"status":%d,"detail":"feed says no"}`, http.StatusText(fail), fail)
		return
	}
	position := r.Header.Get("Last-Event-ID")
	if position == "" {
		position = r.URL.Query().Get("after")
	}
	pos, _ := strconv.ParseUint(position, 10, 64)
	w.Header().Set("Content-Type", "text/event-stream")
	_, _ = w.Write([]byte(": heartbeat\n\n"))
	w.(http.Flusher).Flush()
	sent := 0
	for {
		l.mu.Lock()
		var chunk strings.Builder
		for ; pos < l.size; pos++ {
			e := l.log.entries[pos]
			data, _ := json.Marshal(map[string]any{"project": testProject, "seq": e.Seq, "ts": e.Ts, "actor": e.Actor,
				"action": e.Action, "hmac": e.Hmac, "state_checksum": e.StateChecksum, "checkpoint_size": e.Seq})
			fmt.Fprintf(&chunk, "event: entry\nid: %d\ndata: %s\n\n", e.Seq, data)
			if sent++; endAfter > 0 && sent >= endAfter {
				pos++
				break
			}
		}
		l.mu.Unlock()
		_, _ = w.Write([]byte(chunk.String()))
		w.(http.Flusher).Flush()
		if endAfter > 0 && sent >= endAfter {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (f *watchService) seen() (exports, feeds []string) {
	f.logs.mu.Lock()
	defer f.logs.mu.Unlock()
	return append([]string(nil), f.exports...), append([]string(nil), f.feeds...)
}

// fastWatch shortens watch's timings and lets the test stop it: stop() is Ctrl-C for the watches
// running (one started later runs until the next stop).
func fastWatch(t *testing.T) (stop func()) {
	tuning, signals := watchTuning, watchSignals
	t.Cleanup(func() { watchTuning, watchSignals = tuning, signals })
	watchTuning.debounce, watchTuning.maxDelay = 50*time.Millisecond, 500*time.Millisecond
	watchTuning.feed = devstate.SubscribeOptions{MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond}
	var mu sync.Mutex
	var cancels []context.CancelFunc
	watchSignals = func(parent context.Context) (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(parent)
		mu.Lock()
		defer mu.Unlock()
		cancels = append(cancels, cancel)
		return ctx, cancel
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		for _, cancel := range cancels {
			cancel()
		}
		cancels = nil
	}
}

// running is a watch started in the background.
type running struct {
	done           chan struct{}
	code           int
	stdout, stderr bytes.Buffer
}

func startWatch(t *testing.T, env map[string]string, args ...string) *running {
	t.Helper()
	r := &running{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.code = run(append([]string{"watch"}, args...), &r.stdout, &r.stderr, envOf(env))
	}()
	return r
}

// wait returns the exit code once watch has ended.
func (r *running) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-r.done:
		return r.code
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not end")
		return -1
	}
}

// waitForSeq waits until DIR/history.json holds seq (or watch ended).
func waitForSeq(t *testing.T, r *running, dir string, seq int64) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if diskHead(filepath.Join(dir, historyName), testProject) >= seq {
			return
		}
		select {
		case <-r.done:
			t.Fatalf("watch ended with %d before seq %d: %s%s", r.code, seq, r.stdout.String(), r.stderr.String())
		default:
		}
	}
	t.Fatalf("DIR/history.json never reached seq %d", seq)
}

// sameAsExport checks the files against what the service exports at size.
func sameAsExport(t *testing.T, f *watchService, dir string, size uint64) {
	t.Helper()
	if got, want := readText(t, filepath.Join(dir, historyName)), historyText(f.logs.log, size); got != want {
		t.Errorf("history.json:\n%s\nwant\n%s", got, want)
	}
	if got, want := readText(t, filepath.Join(dir, checkpointName)), f.logs.log.checkpoint(size); got != want {
		t.Errorf("checkpoint:\n%s\nwant\n%s", got, want)
	}
	want := ""
	if f.state != nil {
		want = *f.state
	}
	if got := readText(t, filepath.Join(dir, stateName)); got != want {
		t.Errorf("state.json %q, want %q", got, want)
	}
}

func watchEnv(t *testing.T, f *watchService) map[string]string {
	return map[string]string{"DEVSTATE_URL": f.URL, "DEVSTATE_PROJECT": testProject, stateDirEnv: t.TempDir()}
}

func TestWatchKeepsTheFilesEqualToTheExport(t *testing.T) {
	stop := fastWatch(t)
	defer stop()
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 6, "s"), 2)
	f.state = ptr("{\n  \"current_cp\": \"CP1-LC\"\n}\n")
	env := watchEnv(t, f)
	dir := filepath.Join(t.TempDir(), ".trae")
	w := startWatch(t, env, "--dir", dir, "--until-seq", "5")
	waitForSeq(t, w, dir, 2)
	sameAsExport(t, f, dir, 2)
	state, _ := os.Stat(filepath.Join(dir, stateName))
	f.grow(3)
	waitForSeq(t, w, dir, 3)
	f.grow(5) // a burst: one export
	if code := w.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	sameAsExport(t, f, dir, 5)
	if now, _ := os.Stat(filepath.Join(dir, stateName)); !os.SameFile(state, now) {
		t.Error("state.json was rewritten with the same bytes")
	}
	exports, feeds := f.seen()
	if !reflect.DeepEqual(exports, []string{"", "3", "5"}) || !reflect.DeepEqual(feeds, []string{"/2"}) {
		t.Fatalf("exports (DevState-Min-Seq) %q, feeds %q", exports, feeds)
	}
	lines := strings.Split(strings.TrimSpace(w.stderr.String()), "\n")
	want := []string{
		"watch: log: trusted devstate.test/p at size 2 on first use (" + stateFileOf(env) + ")",
		fmt.Sprintf("watch: p at seq 2 (2 new), files written: %s, %s, %s", filepath.Join(dir, stateName), filepath.Join(dir, historyName), filepath.Join(dir, checkpointName)),
		fmt.Sprintf("watch: p at seq 3 (1 new), files written: %s, %s", filepath.Join(dir, historyName), filepath.Join(dir, checkpointName)),
		fmt.Sprintf("watch: p at seq 5 (2 new), files written: %s, %s", filepath.Join(dir, historyName), filepath.Join(dir, checkpointName)),
	}
	if len(lines) < 1 || !strings.HasPrefix(lines[0], "devstate: pinned the log verifier key") {
		t.Fatalf("stderr:\n%s", w.stderr.String())
	}
	if lines = lines[1:]; !reflect.DeepEqual(lines, want) || w.stdout.Len() != 0 {
		t.Fatalf("stderr:\n%s\nwant\n%s\nstdout %q", strings.Join(lines, "\n"), strings.Join(want, "\n"), w.stdout.String())
	}
	// what the trusted head is now: the last export's checkpoint
	if got := readText(t, stateFileOf(env)); got != f.logs.log.checkpoint(5) {
		t.Fatalf("trusted head %q", got)
	}
}

func TestWatchResumesFromTheFilesOnDisk(t *testing.T) {
	stop := fastWatch(t)
	defer stop()
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 6, "s"), 3)
	env := watchEnv(t, f)
	dir := t.TempDir()
	if code := startWatch(t, env, "--dir", dir, "--until-seq", "3").wait(t); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	history, _ := os.Stat(filepath.Join(dir, historyName))
	// restarted with nothing new: nothing written, the feed from the files' head
	w := startWatch(t, env, "--dir", dir, "--json")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, feeds := f.seen(); len(feeds) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no feed request")
		}
	}
	if now, _ := os.Stat(filepath.Join(dir, historyName)); !os.SameFile(history, now) {
		t.Error("history.json was rewritten with the same bytes")
	}
	f.grow(4)
	waitForSeq(t, w, dir, 4)
	stop()
	if code := w.wait(t); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, w.stderr.String())
	}
	// away while entries 5 and 6 came: the restart exports them and follows from 6
	f.grow(6)
	if code := startWatch(t, env, "--dir", dir, "--until-seq", "6").wait(t); code != 0 {
		t.Fatalf("third run: exit %d", code)
	}
	sameAsExport(t, f, dir, 6)
	if _, feeds := f.seen(); !reflect.DeepEqual(feeds, []string{"/3"}) {
		t.Fatalf("feeds %q", feeds)
	}

	var updates []watchLine
	for _, line := range strings.Split(strings.TrimSpace(w.stdout.String()), "\n") {
		var u watchLine
		if err := json.Unmarshal([]byte(line), &u); err != nil {
			t.Fatalf("--json line %q: %v", line, err)
		}
		updates = append(updates, u)
	}
	if len(updates) != 2 || updates[0].HeadSeq != 3 || updates[0].New != 0 || !updates[0].Initial ||
		!updates[0].Files[0].Unchanged || !updates[0].Files[1].Unchanged ||
		updates[1].HeadSeq != 4 || updates[1].New != 1 || updates[1].Initial || updates[1].Files[0].Unchanged ||
		updates[1].Checkpoint == nil || updates[1].Checkpoint.Size != 4 {
		t.Fatalf("--json: %s", w.stdout.String())
	}
	if strings.Contains(w.stderr.String(), "watch: p at") {
		t.Fatalf("--json also wrote status lines: %s", w.stderr.String())
	}
}

// watchLine is a line of watch --json.
type watchLine struct {
	HeadSeq int64 `json:"head_seq"`
	New     int64 `json:"new"`
	Initial bool  `json:"initial"`
	Files   []struct {
		Path      string `json:"path"`
		Unchanged bool   `json:"unchanged"`
	} `json:"files"`
	Checkpoint *checkpointView `json:"checkpoint"`
}

func TestWatchReconnectsWhereTheFeedLeftOff(t *testing.T) {
	stop := fastWatch(t)
	defer stop()
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 5, "s"), 1)
	f.endAfter = 1 // every connection ends after one entry
	dir := t.TempDir()
	w := startWatch(t, watchEnv(t, f), "--dir", dir, "--until-seq", "5", "--no-trusted-head")
	waitForSeq(t, w, dir, 1)
	f.grow(5)
	if code := w.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	sameAsExport(t, f, dir, 5)
	_, feeds := f.seen()
	if len(feeds) < 4 || feeds[0] != "/1" {
		t.Fatalf("feeds %q", feeds)
	}
	for i, feed := range feeds[1:4] {
		if want := fmt.Sprintf("%d/%d", i+2, i+2); feed != want {
			t.Fatalf("feed request %d: %q, want Last-Event-ID/after %q (all %q)", i+2, feed, want, feeds)
		}
	}
	if !strings.Contains(w.stderr.String(), "watch: reconnecting in 5ms (devstate: the server ended the event stream)") {
		t.Fatalf("stderr: %s", w.stderr.String())
	}
}

func TestWatchRetriesAnExportTheServerCouldNotAnswer(t *testing.T) {
	stop := fastWatch(t)
	defer stop()
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 3, "s"), 1)
	env := watchEnv(t, f)
	dir := t.TempDir()
	w := startWatch(t, env, "--dir", dir, "--until-seq", "2")
	waitForSeq(t, w, dir, 1)
	f.logs.failNext(2) // the checkpoint of the next two exports: 503
	f.grow(2)
	if code := w.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	sameAsExport(t, f, dir, 2)
	if n := strings.Count(w.stderr.String(), "watch: export failed, retrying in"); n != 2 {
		t.Fatalf("%d retries: %s", n, w.stderr.String())
	}
}

func TestWatchStopsWithZeroOnCtrlC(t *testing.T) {
	stop := fastWatch(t)
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 2, "s"), 2)
	dir := t.TempDir()
	w := startWatch(t, watchEnv(t, f), "--dir", dir)
	waitForSeq(t, w, dir, 2)
	stop()
	if code := w.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
	sameAsExport(t, f, dir, 2)
}

func TestWatchStopsWithZeroOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM to send")
	}
	notify := watchSignals
	fastWatch(t)
	watchSignals = notify
	f := newWatchService(t, newFakeLog(t, newTestLogKey(t, testOrigin), 2, "s"), 2)
	dir := t.TempDir()
	w := startWatch(t, watchEnv(t, f), "--dir", dir)
	waitForSeq(t, w, dir, 2) // the handler is installed before the first export
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := w.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, w.stderr.String())
	}
}

func TestWatchExitCodes(t *testing.T) {
	defer fastWatch(t)()
	// 3: unreachable at start
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	if code, _, stderr := runCLI(t, map[string]string{"DEVSTATE_URL": closed}, "watch", "--dir", t.TempDir(), "--no-trusted-head"); code != exitUnreachable ||
		!strings.Contains(stderr, "cannot reach DevState") {
		t.Fatalf("unreachable: exit %d %q", code, stderr)
	}

	// 4: the feed refuses (a token without access)
	key := newTestLogKey(t, testOrigin)
	f := newWatchService(t, newFakeLog(t, key, 3, "s"), 2)
	f.feedFail = http.StatusUnauthorized
	code, _, stderr := runCLI(t, watchEnv(t, f), "watch", "--dir", t.TempDir(), "--until-seq", "3")
	if code != exitAPI || !strings.Contains(stderr, "devstate watch: the change feed: 401 Unauthorized: feed says no") {
		t.Fatalf("401: exit %d %q", code, stderr)
	}
	code, stdout, _ := runCLI(t, watchEnv(t, f), "watch", "--dir", t.TempDir(), "--until-seq", "3", "--json")
	dec := json.NewDecoder(strings.NewReader(stdout))
	var initial watchLine
	var failed struct {
		ExitCode int `json:"exit_code"`
		Status   int `json:"status"`
	}
	if err := dec.Decode(&initial); err != nil || initial.HeadSeq != 2 || !initial.Initial {
		t.Fatalf("401 --json: the initial export %q %v", stdout, err)
	}
	if err := dec.Decode(&failed); err != nil || code != exitAPI || failed.ExitCode != exitAPI || failed.Status != 401 {
		t.Fatalf("401 --json: exit %d %q %v", code, stdout, err)
	}

	// 7: the log is rewritten while watching; nothing is written
	original := newFakeLog(t, key, 4, "s")
	f = newWatchService(t, original, 2)
	env := watchEnv(t, f)
	dir := t.TempDir()
	w := startWatch(t, env, "--dir", dir)
	waitForSeq(t, w, dir, 2)
	forked := newFakeLog(t, key, 4, "another secret")
	f.logs.set(forked, 4)
	if code := w.wait(t); code != exitRewritten || !strings.Contains(w.stderr.String(), "history was rewritten: checkpoint 4 does not extend") {
		t.Fatalf("fork: exit %d %s", code, w.stderr.String())
	}
	f.logs.set(original, 2) // what the files hold
	sameAsExport(t, f, dir, 2)

	// 2: usage
	for _, args := range [][]string{{"watch", "extra"}, {"watch", "--until-seq", "-1"}, {"watch", "--until-seq", "x"}} {
		if code, _, _ := runCLI(t, nil, args...); code != exitUsage {
			t.Errorf("%q: exit %d", args, code)
		}
	}
}

func TestWatchIsInTheHelp(t *testing.T) {
	code, stdout, _ := runCLI(t, nil, "help")
	if code != 0 || !strings.Contains(stdout, "\n  watch      keep DIR/state.json") {
		t.Fatalf("help: %q", stdout)
	}
	code, stdout, _ = runCLI(t, nil, "watch", "--help")
	if code != 0 || !strings.Contains(stdout, "--until-seq N") || !strings.Contains(stdout, "Last-Event-ID") {
		t.Fatalf("watch --help: %q", stdout)
	}
}
