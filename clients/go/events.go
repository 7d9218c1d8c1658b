// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrStreamEnded is the reason OnReconnect is given when the server closed the change feed (a
// restart, a subscriber too far behind the live tail): Subscribe reconnects after it.
var ErrStreamEnded = errors.New("devstate: the server ended the event stream")

// ErrIdle is the reason OnReconnect is given when nothing arrived on the change feed, not even a
// heartbeat comment, for SubscribeOptions.IdleTimeout: the connection is taken for dead.
var ErrIdle = errors.New("devstate: no data on the event stream, not even a heartbeat")

// Defaults of SubscribeOptions.
const (
	DefaultMinBackoff  = 500 * time.Millisecond
	DefaultMaxBackoff  = 10 * time.Second
	DefaultIdleTimeout = 60 * time.Second // four of the server's 15 s heartbeats
)

// maxEventLine bounds one line of the stream (an entry event is a few hundred bytes).
const maxEventLine = 16 << 20

// SubscribeOptions tune SubscribeWith; the zero value is what Subscribe uses.
type SubscribeOptions struct {
	// OnReconnect, when set, is called (on the subscription's goroutine) before each wait for a
	// reconnection, with why the stream ended (ErrStreamEnded, ErrIdle, a network error, or the
	// *GenericOpenAPIError of a 429 or 5xx answer) and how long it waits.
	OnReconnect func(reason error, wait time.Duration)
	// MinBackoff is the first wait (0: DefaultMinBackoff); it doubles after every connection that
	// delivered no entry, up to MaxBackoff (0: DefaultMaxBackoff). A Retry-After of a 429 or 503
	// answer is waited instead.
	MinBackoff, MaxBackoff time.Duration
	// IdleTimeout: a connection on which nothing arrives for this long is dropped and reopened
	// (0: DefaultIdleTimeout; negative: never).
	IdleTimeout time.Duration
}

// Subscribe follows the change feed of project (GET /v1/devstate/events, Server-Sent Events):
// every history entry after seq after, in seq order, each once, then the live tail, until ctx is
// cancelled. When the stream ends, the connection fails or it stays silent (IdleTimeout), it
// reconnects with Last-Event-ID (and ?after=) set to the last entry received, after a backoff
// (0.5 s doubling to 10 s, back to 0.5 s after an entry; a 429's or 503's Retry-After instead), so
// nothing is missed or repeated. Heartbeat comments and events other than "entry" are skipped.
//
// The request uses the client's configuration: the base URL of Servers (or OperationServers),
// DefaultHeader, UserAgent, the bearer token of ctx (ContextAccessToken) and HTTPClient, whose
// Timeout bounds the wait for each answer's headers, not the stream.
//
// The events channel is closed when the subscription ends. The error channel then yields the
// error that ended it and is closed: nothing when ctx was cancelled; the *GenericOpenAPIError
// (unwrapping to *Error) of an answer that retrying cannot change (400 a bad position or project,
// 401, 403, 404, any 4xx except 408 and 429); an answer that is not an event stream, or an entry
// event whose data is not an EntryEvent.
//
//	events, errs := client.Subscribe(ctx, "demo", 0)
//	for e := range events {
//		fmt.Println(e.Seq, e.Action)
//	}
//	if err := <-errs; err != nil {
//		log.Fatal(err)
//	}
func (c *APIClient) Subscribe(ctx context.Context, project string, after int64) (<-chan EntryEvent, <-chan error) {
	return c.SubscribeWith(ctx, project, after, SubscribeOptions{})
}

// SubscribeWith is Subscribe with options.
func (c *APIClient) SubscribeWith(ctx context.Context, project string, after int64, opts SubscribeOptions) (<-chan EntryEvent, <-chan error) {
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = DefaultMinBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = opts.MinBackoff
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = DefaultIdleTimeout
	}
	events := make(chan EntryEvent)
	errs := make(chan error, 1)
	s := &subscription{c: c, project: project, pos: after, opts: opts, events: events}
	go func() {
		defer close(errs)
		defer close(events)
		if after < 0 {
			errs <- fmt.Errorf("devstate: Subscribe after %d: want a seq ≥ 0", after)
			return
		}
		if project == EveryProject {
			errs <- errEveryProject
			return
		}
		if err := s.run(ctx); err != nil {
			errs <- err
		}
	}()
	return events, errs
}

// EveryProject is the project of the feed of every project (admins only), which is live only:
// Subscribe follows one project and resumes it by seq, so it refuses that one (read it with any
// Server-Sent Events reader).
const EveryProject = "*"

var errEveryProject = errors.New(`devstate: Subscribe follows one project and resumes it; the feed of every project ("*") is live only, read it with a Server-Sent Events reader`)

type subscription struct {
	c       *APIClient
	project string
	pos     int64 // seq of the last entry delivered (at first: after)
	opts    SubscribeOptions
	events  chan<- EntryEvent
}

// permanent marks an error that ends the subscription.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

// retryAfter carries the wait a 429 or 503 asked for.
type retryAfter struct {
	err  error
	wait time.Duration
}

func (r retryAfter) Error() string { return r.err.Error() }

// run connects until ctx is cancelled (nil) or an error is permanent.
func (s *subscription) run(ctx context.Context) error {
	backoff := s.opts.MinBackoff
	for first := true; ; first = false {
		delivered, err := s.stream(ctx, first)
		if ctx.Err() != nil {
			return nil
		}
		var p permanent
		if errors.As(err, &p) {
			return p.err
		}
		if delivered {
			backoff = s.opts.MinBackoff
		}
		wait := backoff
		var ra retryAfter
		if errors.As(err, &ra) {
			err = ra.err
			if ra.wait > 0 {
				wait = ra.wait
			}
		}
		backoff = min(2*backoff, s.opts.MaxBackoff)
		if s.opts.OnReconnect != nil {
			s.opts.OnReconnect(err, wait)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-timer.C:
		}
	}
}

// stream runs one connection: whether it delivered an entry, and why it ended.
func (s *subscription) stream(ctx context.Context, first bool) (bool, error) {
	connCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := s.request(connCtx, first)
	if err != nil {
		return false, permanent{err}
	}
	client := http.DefaultClient
	if s.c.cfg.HTTPClient != nil {
		client = s.c.cfg.HTTPClient
	}
	// The client's Timeout would cut the stream itself: it bounds the wait for the headers here.
	streaming := *client
	streaming.Timeout = 0
	headerTimeout := client.Timeout
	if headerTimeout <= 0 {
		headerTimeout = s.opts.IdleTimeout
	}
	var headers *time.Timer
	if headerTimeout > 0 {
		headers = time.AfterFunc(headerTimeout, func() {
			cancel(fmt.Errorf("devstate: no answer from the event stream within %s", headerTimeout))
		})
	}
	resp, err := streaming.Do(req)
	if headers != nil && !headers.Stop() && err == nil {
		// it fired as the headers came: the connection is cancelled already
		resp.Body.Close()
		return false, context.Cause(connCtx)
	}
	if err != nil {
		if cause := context.Cause(connCtx); cause != nil && ctx.Err() == nil {
			return false, cause
		}
		return false, err
	}
	defer resp.Body.Close()
	if s.c.cfg.Debug {
		if dump, err := httputil.DumpResponse(resp, false); err == nil {
			log.Printf("\n%s\n", dump)
		}
	}
	if resp.StatusCode != http.StatusOK {
		return false, s.answerError(resp)
	}
	if mediaType, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";"); !strings.EqualFold(strings.TrimSpace(mediaType), "text/event-stream") {
		return false, permanent{fmt.Errorf("devstate: the change feed answered %q, not text/event-stream", resp.Header.Get("Content-Type"))}
	}

	// The watchdog: a connection on which nothing arrives for IdleTimeout is taken for dead.
	idle := s.opts.IdleTimeout
	var watchdog *time.Timer
	if idle > 0 {
		watchdog = time.AfterFunc(idle, func() { cancel(ErrIdle) })
		defer watchdog.Stop()
	}
	arm := func() {
		if watchdog != nil {
			watchdog.Reset(idle)
		}
	}
	body := &activityReader{r: resp.Body, onData: arm}
	delivered := false
	err = readEvents(body, func(name, data string) error {
		if name != "entry" {
			return nil // event types added later (state, lock): not ours to interpret
		}
		e, err := parseEntryEvent(data)
		if err != nil {
			return permanent{err}
		}
		if e.Seq <= s.pos {
			return nil // already delivered (a server replaying from an older position)
		}
		// A consumer that takes its time is not a silent server.
		if watchdog != nil {
			watchdog.Stop()
		}
		select {
		case s.events <- e:
		case <-ctx.Done():
			return ctx.Err()
		}
		arm()
		s.pos, delivered = e.Seq, true
		return nil
	})
	if ctx.Err() != nil {
		return delivered, ctx.Err()
	}
	if cause := context.Cause(connCtx); cause != nil {
		return delivered, cause
	}
	if errors.Is(err, bufio.ErrTooLong) {
		return delivered, permanent{fmt.Errorf("devstate: a line of the event stream is longer than %d bytes", maxEventLine)}
	}
	if err == nil {
		err = ErrStreamEnded
	}
	return delivered, err
}

// request is the GET of one connection, for what follows the last entry delivered: as ?after=
// and, on a reconnection, as Last-Event-ID too (what the server prefers; the query still holds
// where a proxy drops the header).
func (s *subscription) request(ctx context.Context, first bool) (*http.Request, error) {
	base, err := s.c.cfg.ServerURLWithContext(ctx, "EventsAPIService.StreamEvents")
	if err != nil {
		return nil, err
	}
	query := url.Values{}
	if s.project != "" {
		query.Set("project", s.project)
	}
	if s.pos > 0 {
		query.Set("after", strconv.FormatInt(s.pos, 10))
	}
	headers := map[string]string{
		"Accept":        "text/event-stream,application/problem+json",
		"Cache-Control": "no-cache",
	}
	if !first {
		headers["Last-Event-ID"] = strconv.FormatInt(s.pos, 10)
	}
	req, err := s.c.prepareRequest(ctx, base+"/v1/devstate/events", http.MethodGet, nil, headers, query, url.Values{}, nil)
	if err != nil {
		return nil, err
	}
	if s.c.cfg.Debug {
		if dump, err := httputil.DumpRequestOut(req, false); err == nil {
			log.Printf("\n%s\n", dump)
		}
	}
	return req, nil
}

// answerError is the error of a non-200 answer: permanent, except 408, 429 and 5xx.
func (s *subscription) answerError(resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	apiErr := &GenericOpenAPIError{body: body, error: resp.Status}
	var problem Problem
	if len(body) > 0 && s.c.decode(&problem, body, resp.Header.Get("Content-Type")) == nil {
		apiErr.model = problem
	}
	code := resp.StatusCode
	switch {
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		return retryAfter{apiErr, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	case code == http.StatusRequestTimeout || code >= 500:
		return apiErr
	}
	return permanent{apiErr}
}

// parseRetryAfter reads delay-seconds or an HTTP-date (RFC 9110 10.2.3); 0 when absent or bad.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0
		}
		return time.Duration(min(seconds, int64(24*time.Hour/time.Second))) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

// parseEntryEvent reads the data of an entry event. Members added to EntryEvent later are
// skipped (the generated UnmarshalJSON refuses unknown members).
func parseEntryEvent(data string) (EntryEvent, error) {
	var e _EntryEvent
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		return EntryEvent{}, fmt.Errorf("devstate: malformed entry event %.200q: %w", data, err)
	}
	if e.Seq < 1 || e.Hmac == "" {
		return EntryEvent{}, fmt.Errorf("devstate: malformed entry event %.200q: no seq or hmac", data)
	}
	return EntryEvent(e), nil
}

// readEvents parses a text/event-stream (the WHATWG HTML "event stream interpretation") and calls
// dispatch with the type ("message" when none was given) and data of each event; comment lines
// and the id and retry fields are skipped (positions are the entries' seq). It returns dispatch's
// error, the reader's, or nil at the end of the stream (an event without its final empty line is
// dropped, as a browser does).
func readEvents(r io.Reader, dispatch func(name, data string) error) error {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 0, 4096), maxEventLine)
	scanner.Split(scanEventLines)
	var name string
	var data strings.Builder
	hasData := false
	for first := true; scanner.Scan(); first = false {
		line := scanner.Bytes()
		if first {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(line) == 0 {
			if hasData {
				if name == "" {
					name = "message"
				}
				if err := dispatch(name, strings.TrimSuffix(data.String(), "\n")); err != nil {
					return err
				}
			}
			name, hasData = "", false
			data.Reset()
			continue
		}
		if line[0] == ':' {
			continue // a comment: the heartbeat
		}
		field, value, found := bytes.Cut(line, []byte(":"))
		if found {
			value = bytes.TrimPrefix(value, []byte(" "))
		}
		switch string(field) {
		case "event":
			name = string(value)
		case "data":
			data.Write(value)
			data.WriteByte('\n')
			hasData = true
		}
	}
	return scanner.Err()
}

// scanEventLines splits at CRLF, LF or a lone CR, the three line ends of an event stream.
func scanEventLines(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\n' {
			return i + 1, data[:i], nil
		}
		if i+1 < len(data) {
			if data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
			return i + 1, data[:i], nil
		}
		if atEOF {
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a CR at the end of the buffer: an LF may follow
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// activityReader calls onData whenever a read returns bytes.
type activityReader struct {
	r      io.Reader
	onData func()
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.onData()
	}
	return n, err
}
