// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func entryData(seq int64, checksum string) string {
	sc := "null"
	if checksum != "" {
		sc = `"` + checksum + `"`
	}
	return fmt.Sprintf(`{"project":"demo","seq":%d,"ts":"2026-11-25T16:37:25.467595Z","actor":"alice","action":"build",`+
		`"hmac":"%064x","state_checksum":%s,"checkpoint_size":%d}`, seq, seq, sc, seq)
}

func entryEvent(seq int64) string {
	return fmt.Sprintf("event: entry\nid: %d\ndata: %s\n\n", seq, entryData(seq, ""))
}

// feedServer answers each connection to /v1/devstate/events with the handler of its number (the
// last one for any later connection) and records the requests.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
}

func newFeedServer(t *testing.T, handlers ...func(w http.ResponseWriter, r *http.Request)) *feedServer {
	t.Helper()
	f := &feedServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/v1/devstate/events") {
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			http.NotFound(w, r)
			return
		}
		f.mu.Lock()
		f.requests = append(f.requests, r.Clone(context.Background()))
		n := len(f.requests)
		f.mu.Unlock()
		handlers[min(n, len(handlers))-1](w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *feedServer) seen() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.requests...)
}

// stream writes an event stream: each chunk flushed on its own.
func stream(chunks ...string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		send(w, chunks...)
	}
}

func send(w http.ResponseWriter, chunks ...string) {
	for _, chunk := range chunks {
		_, _ = w.Write([]byte(chunk))
		w.(http.Flusher).Flush()
	}
}

// hold keeps the stream open until the client goes away.
func hold(chunks ...string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		stream(chunks...)(w, r)
		<-r.Context().Done()
	}
}

func problem(status int, retryAfter string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"type":"urn:devstate:problem:x","title":%q,"status":%d,"detail":"detail %d"}`,
			http.StatusText(status), status, status)
	}
}

func clientOf(url string) *APIClient {
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: url}}
	return NewAPIClient(cfg)
}

type reconnect struct {
	reason error
	wait   time.Duration
}

// recorder collects OnReconnect calls.
type recorder struct {
	mu    sync.Mutex
	calls []reconnect
}

func (r *recorder) on(reason error, wait time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, reconnect{reason, wait})
}

func (r *recorder) get() []reconnect {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]reconnect(nil), r.calls...)
}

// receive takes n events, failing after a few seconds.
func receive(t *testing.T, events <-chan EntryEvent, n int) []EntryEvent {
	t.Helper()
	var got []EntryEvent
	timeout := time.After(5 * time.Second)
	for len(got) < n {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatalf("events closed after %d of %d", len(got), n)
			}
			got = append(got, e)
		case <-timeout:
			t.Fatalf("got %d of %d events", len(got), n)
		}
	}
	return got
}

func seqsOf(events []EntryEvent) []int64 {
	seqs := make([]int64, len(events))
	for i, e := range events {
		seqs[i] = e.Seq
	}
	return seqs
}

// ended waits for the end of a subscription and returns its error.
func ended(t *testing.T, events <-chan EntryEvent, errs <-chan error) error {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				select {
				case err := <-errs:
					return err
				case <-timeout:
					t.Fatal("the error channel stays open")
				}
			}
			t.Fatalf("unexpected event %d", e.Seq)
		case <-timeout:
			t.Fatal("the subscription did not end")
		}
	}
}

func TestReadEventsFollowsTheEventStreamFormat(t *testing.T) {
	text := "\uFEFF: heartbeat\n\n" +
		"event: entry\r\nid: 1\r\ndata: {\"a\":\r\ndata:1}\r\n\r\n" + // CRLF, data on two lines, no space after the colon
		"event: state\rid: 9\rdata: x\r\r" + // lone CR; another event type
		"data\n\n" + // a field without a colon: empty data, type message
		"event: lock\n\n" + // no data: not dispatched
		"id: 3\nretry: 10\nunknown: x\ndata:  two spaces\n\n" +
		"event: entry\ndata: cut off" // no final empty line: dropped
	type event struct{ name, data string }
	var got []event
	err := readEvents(strings.NewReader(text), func(name, data string) error {
		got = append(got, event{name, data})
		return nil
	})
	want := []event{{"entry", "{\"a\":\n1}"}, {"state", "x"}, {"message", ""}, {"message", " two spaces"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
	stop := errors.New("stop")
	if err := readEvents(strings.NewReader(entryEvent(1)+entryEvent(2)), func(string, string) error { return stop }); err != stop {
		t.Fatalf("dispatch error: %v", err)
	}
}

func TestScanEventLinesWaitsForTheLFAfterACR(t *testing.T) {
	if advance, token, _ := scanEventLines([]byte("ab\r"), false); advance != 0 || token != nil {
		t.Fatalf("a CR at the end of the buffer: %d %q", advance, token)
	}
	if advance, token, _ := scanEventLines([]byte("ab\r"), true); advance != 3 || string(token) != "ab" {
		t.Fatalf("a CR at the end of the stream: %d %q", advance, token)
	}
	if advance, token, _ := scanEventLines([]byte("ab\r\ncd"), false); advance != 4 || string(token) != "ab" {
		t.Fatalf("CRLF: %d %q", advance, token)
	}
}

func TestSubscribeParsesEntriesAndSkipsHeartbeatsAndOtherEvents(t *testing.T) {
	srv := newFeedServer(t, hold(
		": heartbeat\n\n",
		entryEvent(3),
		"event: state\nid: 77\ndata: {\"version\":2}\n\n", // later event types are skipped
		": heartbeat\n\n",
		"event: entry\nid: 4\n",                   // an event split across writes
		"data: "+entryData(4, "sha256:ab")+"\n\n", //
		"event: entry\nid: 5\ndata: "+strings.Replace(entryData(5, ""), `"seq"`, `"later":1,"seq"`, 1)+"\n\n", // an unknown member
	))
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: srv.URL + "/base"}}
	cfg.UserAgent = "events-test"
	cfg.AddDefaultHeader("X-Default", "d")
	client := NewAPIClient(cfg)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ContextAccessToken, "tok"))
	defer cancel()
	events, errs := client.Subscribe(ctx, "demo", 2)
	got := receive(t, events, 3)
	if !reflect.DeepEqual(seqsOf(got), []int64{3, 4, 5}) {
		t.Fatalf("seqs %v", seqsOf(got))
	}
	first, second := got[0], got[1]
	if first.Project != "demo" || first.Ts != "2026-11-25T16:37:25.467595Z" || first.Actor != "alice" || first.Action != "build" ||
		first.Hmac != fmt.Sprintf("%064x", 3) || first.CheckpointSize != 3 || first.StateChecksum.Get() != nil {
		t.Fatalf("first event %+v", first)
	}
	if sc := second.StateChecksum.Get(); sc == nil || *sc != "sha256:ab" {
		t.Fatalf("state_checksum %v", sc)
	}
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	req := srv.seen()[0]
	if req.URL.Path != "/base/v1/devstate/events" || req.URL.Query().Get("project") != "demo" || req.URL.Query().Get("after") != "2" ||
		req.Header.Get("Last-Event-ID") != "" || req.Header.Get("Authorization") != "Bearer tok" || req.Header.Get("X-Default") != "d" ||
		req.Header.Get("User-Agent") != "events-test" || !strings.HasPrefix(req.Header.Get("Accept"), "text/event-stream") {
		t.Fatalf("request %s %v", req.URL, req.Header)
	}
}

func TestSubscribeReconnectsWithTheLastEventID(t *testing.T) {
	srv := newFeedServer(t,
		stream(entryEvent(1), entryEvent(2)),                                // then the server ends the stream
		stream(entryEvent(2), entryEvent(3), "event: entry\nid: 4\ndata: "), // a replayed entry; cut mid-event
		hold(entryEvent(4)),
	)
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, errs := clientOf(srv.URL).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on, MinBackoff: time.Millisecond})
	if got := seqsOf(receive(t, events, 4)); !reflect.DeepEqual(got, []int64{1, 2, 3, 4}) {
		t.Fatalf("seqs %v", got)
	}
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range srv.seen() {
		ids = append(ids, r.Header.Get("Last-Event-ID")+"/"+r.URL.Query().Get("after"))
	}
	if !reflect.DeepEqual(ids, []string{"/", "2/2", "3/3"}) {
		t.Fatalf("Last-Event-ID/after of the requests: %q", ids)
	}
	calls := rec.get()
	if len(calls) != 2 || !errors.Is(calls[0].reason, ErrStreamEnded) || !errors.Is(calls[1].reason, ErrStreamEnded) ||
		calls[0].wait != time.Millisecond || calls[1].wait != time.Millisecond {
		t.Fatalf("reconnects %v", calls)
	}
}

func TestSubscribeBacksOffAndResetsAfterAnEntry(t *testing.T) {
	srv := newFeedServer(t,
		stream(": heartbeat\n\n"), // no entry: the wait doubles
		problem(http.StatusInternalServerError, ""),
		stream(),
		stream(),
		stream(entryEvent(1)), // an entry: back to the first wait
		problem(http.StatusServiceUnavailable, ""),
		hold(entryEvent(2)),
	)
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, errs := clientOf(srv.URL).SubscribeWith(ctx, "", 0, SubscribeOptions{OnReconnect: rec.on,
		MinBackoff: time.Millisecond, MaxBackoff: 4 * time.Millisecond})
	receive(t, events, 2)
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	for _, c := range rec.get() {
		waits = append(waits, c.wait)
	}
	ms := time.Millisecond
	if want := []time.Duration{ms, 2 * ms, 4 * ms, 4 * ms, ms, 2 * ms}; !reflect.DeepEqual(waits, want) {
		t.Fatalf("waits %v, want %v", waits, want)
	}
	var dsErr *Error
	if calls := rec.get(); !errors.As(calls[1].reason, &dsErr) || dsErr.StatusCode != 500 || dsErr.Detail != "detail 500" {
		t.Fatalf("the 500 is given as %v", calls[1].reason)
	}
	if q := srv.seen()[0].URL.Query(); q.Has("project") || q.Has("after") {
		t.Fatalf("an empty project and after 0 send nothing: %v", q)
	}
}

func TestSubscribeWaitsTheRetryAfterOfA429(t *testing.T) {
	srv := newFeedServer(t, problem(http.StatusTooManyRequests, "1"), hold(entryEvent(1)))
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	events, errs := clientOf(srv.URL).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on, MinBackoff: time.Millisecond})
	receive(t, events, 1)
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Fatalf("reconnected after %v, before the Retry-After of 1 s", elapsed)
	}
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatal(err)
	}
	var dsErr *Error
	if calls := rec.get(); len(calls) != 1 || calls[0].wait != time.Second || !errors.As(calls[0].reason, &dsErr) || dsErr.StatusCode != 429 {
		t.Fatalf("reconnects %v", calls)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		" 0 ":                           0,
		"-1":                            0,
		"soon":                          0,
		"Wed, 25 Nov 2026 10:00:30 GMT": 30 * time.Second,
		"Wed, 25 Nov 2026 09:59:00 GMT": 0,
		"999999999999":                  24 * time.Hour,
	} {
		if got := parseRetryAfter(value, now); got != want {
			t.Errorf("Retry-After %q: %v, want %v", value, got, want)
		}
	}
}

func TestSubscribeEndsOnAnswersThatRetryingCannotChange(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 406} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newFeedServer(t, problem(status, ""), hold(entryEvent(1)))
			var rec recorder
			events, errs := clientOf(srv.URL).SubscribeWith(context.Background(), "demo", 0,
				SubscribeOptions{OnReconnect: rec.on, MinBackoff: time.Millisecond})
			err := ended(t, events, errs)
			var dsErr *Error
			if !errors.As(err, &dsErr) || dsErr.StatusCode != status || dsErr.Detail != fmt.Sprintf("detail %d", status) {
				t.Fatalf("error %v", err)
			}
			if problem, ok := ProblemOf(err); !ok || problem.Status != int32(status) {
				t.Fatalf("problem %v", problem)
			}
			if n := len(srv.seen()); n != 1 || len(rec.get()) != 0 {
				t.Fatalf("%d requests, %d reconnects", n, len(rec.get()))
			}
		})
	}
}

func TestSubscribeEndsOnAnAnswerThatIsNotAnEventStream(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>login</html>"))
	})
	events, errs := clientOf(srv.URL).Subscribe(context.Background(), "demo", 0)
	if err := ended(t, events, errs); err == nil || !strings.Contains(err.Error(), `"text/html", not text/event-stream`) {
		t.Fatalf("error %v", err)
	}
}

func TestSubscribeRefusesTheFeedOfEveryProject(t *testing.T) {
	srv := newFeedServer(t, hold(entryEvent(1)))
	events, errs := clientOf(srv.URL).Subscribe(context.Background(), EveryProject, 0)
	if err := ended(t, events, errs); err == nil || !strings.Contains(err.Error(), "live only") {
		t.Fatalf("error %v", err)
	}
}

func TestSubscribeEndsOnAMalformedEntry(t *testing.T) {
	srv := newFeedServer(t, hold(entryEvent(1), "event: entry\nid: 2\ndata: {\"seq\":\n\n"))
	events, errs := clientOf(srv.URL).Subscribe(context.Background(), "demo", 0)
	receive(t, events, 1)
	if err := ended(t, events, errs); err == nil || !strings.Contains(err.Error(), "malformed entry event") {
		t.Fatalf("error %v", err)
	}
	if _, errs := clientOf(srv.URL).Subscribe(context.Background(), "demo", -1); <-errs == nil {
		t.Fatal("after -1 accepted")
	}
}

func TestSubscribeStopsWhenTheContextIsCancelled(t *testing.T) {
	// while connected (the stream stays open), and while waiting to reconnect
	srv := newFeedServer(t, hold(": heartbeat\n\n"))
	ctx, cancel := context.WithCancel(context.Background())
	events, errs := clientOf(srv.URL).Subscribe(ctx, "demo", 0)
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatalf("cancel while connected: %v", err)
	}

	waiting := newFeedServer(t, problem(http.StatusServiceUnavailable, "3600"))
	var rec recorder
	ctx, cancel = context.WithCancel(context.Background())
	events, errs = clientOf(waiting.URL).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on})
	for deadline := time.Now().Add(5 * time.Second); len(rec.get()) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := ended(t, events, errs); err != nil || len(rec.get()) != 1 || rec.get()[0].wait != time.Hour {
		t.Fatalf("cancel while waiting: %v %v", err, rec.get())
	}
}

func TestSubscribeDropsASilentConnection(t *testing.T) {
	srv := newFeedServer(t, hold(), hold(entryEvent(1)))
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, errs := clientOf(srv.URL).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on,
		MinBackoff: time.Millisecond, IdleTimeout: 100 * time.Millisecond})
	receive(t, events, 1)
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatal(err)
	}
	if calls := rec.get(); len(calls) != 1 || !errors.Is(calls[0].reason, ErrIdle) {
		t.Fatalf("reconnects %v", calls)
	}
}

func TestTheHTTPClientTimeoutDoesNotCutTheStream(t *testing.T) {
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
		stream(entryEvent(1))(w, r)
		time.Sleep(300 * time.Millisecond) // longer than the client's Timeout
		send(w, entryEvent(2))
		<-r.Context().Done()
	})
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: srv.URL}}
	cfg.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond}
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, errs := NewAPIClient(cfg).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on})
	receive(t, events, 2)
	cancel()
	if err := ended(t, events, errs); err != nil || len(rec.get()) != 0 {
		t.Fatalf("%v, reconnects %v", err, rec.get())
	}
	if cfg.HTTPClient.Timeout != 100*time.Millisecond {
		t.Fatal("the client's Timeout was changed")
	}

	// the Timeout still bounds the wait for the headers
	slow := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}, hold(entryEvent(1)))
	cfg.Servers = ServerConfigurations{{URL: slow.URL}}
	rec = recorder{}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	events, errs = NewAPIClient(cfg).SubscribeWith(ctx, "demo", 0, SubscribeOptions{OnReconnect: rec.on, MinBackoff: time.Millisecond})
	receive(t, events, 1)
	cancel()
	if err := ended(t, events, errs); err != nil {
		t.Fatal(err)
	}
	if calls := rec.get(); len(calls) != 1 || !strings.Contains(calls[0].reason.Error(), "no answer from the event stream within 100ms") {
		t.Fatalf("reconnects %v", calls)
	}
}
