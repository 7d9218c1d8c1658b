package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
	"github.com/devstate/devstate/clients/go/verify"
)

// watchTuning are the timings of watch (tests shorten them): a burst of entries is exported once,
// debounce after its last entry but at most maxDelay after its first; feed is the backoff of the
// change feed's reconnections, also used between retries of a failed export.
var watchTuning = struct {
	debounce, maxDelay time.Duration
	feed               devstate.SubscribeOptions
}{debounce: 200 * time.Millisecond, maxDelay: 2 * time.Second}

// watchSignals is the context that ends watch with exit 0: Ctrl-C or SIGTERM (tests replace it).
var watchSignals = func(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

const watchDetails = `Exports once, as devstate export --dir DIR does (the same checks of the trusted head, the same
bytes), then follows the project's change feed (GET /v1/devstate/events) from the head seq of
DIR/history.json and exports again after new entries (a burst once, ~200 ms after it), replacing
only the files whose bytes changed, each atomically (a temporary file renamed over it). It stops
with exit 0 on Ctrl-C or SIGTERM, or with --until-seq N once DIR/history.json holds entry N.

Each update is one line on stderr, "watch: PROJECT at seq N (K new), files written: …" (or
"files unchanged"); with --json one JSON object per line on stdout instead (export's --json
report, compact, with "new"). A lost connection is reopened with Last-Event-ID after a backoff
(0.5 s doubling to 10 s; "watch: reconnecting in …" on stderr), as is a failed export when the
server is unreachable or answers 5xx/429. Exit codes: 3 when the server is unreachable at start,
4 for an API error (401/403 of the feed included), 7 when the log does not extend the trusted
head (nothing written), 5 when a file cannot be written.

` + trustedHeadHelp + skipTrustedHeadHelp

func runWatch(a *app, args []string) error {
	c := findCommand("watch")
	fs := newFlagSet(c.name)
	dir := dirFlag(fs)
	untilSeq := fs.Int64("until-seq", 0, "exit 0 once DIR/history.json holds entry `N` (tests, scripts; default: run until stopped)")
	trusted := addTrustFlags(fs, nil, true)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if *untilSeq < 0 {
		return usageErrorf("--until-seq must be a seq ≥ 1 (or 0: run until stopped)")
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	ctx, stop := watchSignals(context.Background())
	defer stop()
	// The exports run under this context too, so Ctrl-C does not wait for a slow answer.
	if token, ok := s.ctx.Value(devstate.ContextAccessToken).(string); ok {
		ctx = context.WithValue(ctx, devstate.ContextAccessToken, token)
	}
	s.ctx = ctx
	// The feed's reconnection notices come from its own goroutine.
	stderr := &lockedWriter{w: a.stderr}
	a.stderr = stderr
	defer func() { a.stderr = stderr.w }()
	w := &watcher{a: a, s: s, dir: *dir, trusted: trusted, untilSeq: *untilSeq}
	err = w.run(ctx)
	if ctx.Err() != nil {
		return nil // stopped: what was written is complete (each file is replaced atomically)
	}
	return err
}

type watcher struct {
	a        *app
	s        *server
	dir      string
	trusted  *trustOptions
	untilSeq int64
	seq      int64 // head seq of DIR/history.json: where the feed resumes
}

func (w *watcher) run(ctx context.Context) error {
	w.seq = diskHead(filepath.Join(w.dir, historyName), w.s.project)
	report, err := w.a.exportTo(w.s, w.dir, w.trusted, 0, true)
	if err != nil {
		return err
	}
	if report.logHead != nil && !w.a.g.json {
		fmt.Fprint(w.a.stderr, "watch: "+report.logHead.text())
	}
	if err := w.updated(report, true); err != nil || w.done() {
		return err
	}

	feedCtx, cancelFeed := context.WithCancel(ctx)
	opts := watchTuning.feed
	opts.OnReconnect = func(reason error, wait time.Duration) {
		fmt.Fprintf(w.a.stderr, "watch: reconnecting in %s (%v)\n", wait, reason)
	}
	events, errs := w.s.api.SubscribeWith(feedCtx, w.s.project, w.seq, opts)
	defer func() {
		cancelFeed()
		for range events { // until its goroutine is done: nothing writes after watch returned
		}
	}()

	minBackoff, maxBackoff := opts.MinBackoff, opts.MaxBackoff
	if minBackoff <= 0 {
		minBackoff = devstate.DefaultMinBackoff
	}
	if maxBackoff <= 0 {
		maxBackoff = devstate.DefaultMaxBackoff
	}
	retry := minBackoff
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var (
		announced int64     // the highest seq the feed announced
		since     time.Time // the first announced entry not exported yet; zero: none
		retrying  bool      // the timer is a failed export's backoff
	)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				if err := <-errs; err != nil {
					return apiError("the change feed", nil, err, w.s.baseURL)
				}
				return nil
			}
			if e.Seq <= w.seq {
				continue // an export already had it
			}
			announced = max(announced, e.Seq)
			if since.IsZero() {
				since = time.Now()
			}
			if !retrying {
				timer.Reset(max(0, min(watchTuning.debounce, watchTuning.maxDelay-time.Since(since))))
			}
		case <-timer.C:
			// DevState-Min-Seq: the export must include the announced entries, whichever replica answers.
			report, err := w.a.exportTo(w.s, w.dir, w.trusted, announced, true)
			if err != nil {
				if ctx.Err() != nil || !transient(err) {
					return err
				}
				fmt.Fprintf(w.a.stderr, "watch: export failed, retrying in %s: %v\n", retry, err)
				timer.Reset(retry)
				retry, retrying = min(2*retry, maxBackoff), true
				continue
			}
			retry, retrying, since = minBackoff, false, time.Time{}
			if err := w.updated(report, false); err != nil || w.done() {
				return err
			}
		}
	}
}

func (w *watcher) done() bool { return w.untilSeq > 0 && w.seq >= w.untilSeq }

// watchUpdate is one line of watch --json.
type watchUpdate struct {
	*exportReport
	New     int64 `json:"new"`               // entries the files gained
	Initial bool  `json:"initial,omitempty"` // the export at start
}

// updated reports an export and moves the position to its head.
func (w *watcher) updated(report *exportReport, initial bool) error {
	seq := int64(0)
	if report.HeadSeq != nil {
		seq = *report.HeadSeq
	}
	gained := max(0, seq-w.seq)
	w.seq = seq
	if w.a.g.json {
		line, err := json.Marshal(watchUpdate{report, gained, initial})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w.a.stdout, "%s\n", line)
		return err
	}
	var written []string
	for _, f := range report.Files {
		switch {
		case f.Removed:
			written = append(written, f.Path+" (removed: "+f.why+")")
		case !f.Unchanged:
			written = append(written, f.Path)
		}
	}
	files := "files unchanged"
	if len(written) > 0 {
		files = "files written: " + strings.Join(written, ", ")
	}
	fmt.Fprintf(w.a.stderr, "watch: %s at seq %d (%d new), %s\n", w.s.project, seq, gained, files)
	return nil
}

// transient: an export that may succeed later (no answer, 408, 429, 5xx); watch retries it.
func transient(err error) bool {
	var ce *cliError
	if !errors.As(err, &ce) {
		return false
	}
	return ce.code == exitUnreachable ||
		ce.code == exitAPI && (ce.status == 408 || ce.status == 429 || ce.status >= 500)
}

// diskHead is the last seq of the history file of project at path; 0 when there is none.
func diskHead(path, project string) int64 {
	text, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	file, err := verify.ParseHistory(text)
	if err != nil || file.Project != project || len(file.Entries) == 0 {
		return 0
	}
	return file.Entries[len(file.Entries)-1].Seq
}

// lockedWriter serializes writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
