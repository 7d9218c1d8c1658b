package main

// fanout: the change feed's fan-out benchmark (issue 18). N subscribers follow the change feeds
// (GET /v1/devstate/events, Server-Sent Events) of P projects (one by default), spread over them
// round-robin, each from its project's current head, while appends arrive at a constant total
// rate, round-robin over the projects; every (subscriber, entry of its project) pair is accounted
// for: read once, in seq order, and how long after the append that created it was acknowledged
// (and sent).
//
//	devstate-load fanout -subscribers 1000 -projects 100 -rate 500 -duration 60s -warmup 10s -summary out.json
//
// Exit codes: 0 every threshold and check passed; 99 a threshold failed (delivery p95, append
// errors, dropped iterations); 3 the feed lost, repeated or reordered an entry, or a subscriber
// failed (never connected, or its subscription ended with an error); 1 setup, 2 usage.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
)

// exitDelivery is fanout's exit code when an entry was missed, repeated or reordered, or a
// subscriber failed: a broken feed, not a slow one (that is a threshold, 99).
const exitDelivery = 3

type fanoutConfig struct {
	Base, Project, Token string // Project: the project, or with Projects > 1 the prefix of <Project>-<i>
	Subscribers          int
	Projects             int // subscribers and appends spread round-robin over this many projects
	Rate                 float64
	Duration, Warmup     time.Duration
	ConnectTimeout       time.Duration // bounded wait for every subscriber's 200 and first bytes
	Drain                time.Duration // after the last append, how long subscribers may take to read the head
	DeliveryP95          float64       // ms; the threshold on delivery after the append's acknowledgement
	AppendP95            float64       // ms; 0: no threshold on the append route
	Reader               string        // "client" (clients/go APIClient.Subscribe) or "raw" (this file's SSE reader)
	SubscriberProcess    bool          // the subscribers run in a child process (else in this one)
	SubscriberNice       int           // its niceness, 0..19
	MaxInflight          int
	MinEntries           int64
}

func fanoutCmd(args []string) int {
	fs := flag.NewFlagSet("fanout", flag.ContinueOnError)
	base := fs.String("base", envOr("DEVSTATE_URL", "http://127.0.0.1:3180"), "the service (loopback only)")
	project := fs.String("project", envOr("LOAD_PROJECT", fmt.Sprintf("fanout-%d", time.Now().Unix())), "the project (a fresh one by default)")
	token := fs.String("token", os.Getenv("DEVSTATE_TOKEN"), "bearer token (a writer's: the run appends)")
	subscribers := fs.Int("subscribers", 1000, "concurrent subscribers of the projects' change feeds (0: appends only, a baseline)")
	projects := fs.Int("projects", 1, "projects the subscribers and appends are spread over, round-robin (more than 1: <project>-0 .. <project>-<P-1>)")
	rate := fs.Float64("rate", 500, "appends per second over all the projects (constant arrival rate)")
	duration := fs.String("duration", "60s", "measured time")
	warmup := fs.String("warmup", "10s", "unrecorded appends at the same rate before the measured time")
	connect := fs.String("connect-timeout", "60s", "how long every subscriber may take to connect")
	drain := fs.String("drain", "30s", "after the last append, how long the subscribers may take to read up to the head")
	deliveryP95 := fs.Float64("delivery-p95", 250, "threshold: delivery p95 after the append's acknowledgement, ms")
	appendP95 := fs.Float64("append-p95", 0, "threshold: append p95, ms (0: none)")
	reader := fs.String("reader", "client", "client: clients/go APIClient.Subscribe (reconnects, skips repeats); raw: a plain SSE reader that sees the wire (no reconnect)")
	maxInflight := fs.Int("max-inflight", 256, "concurrent appends before further ones are dropped")
	minEntries := fs.Int64("min-entries", 1, "entries (and a state) each project gets through the API before the run when it has fewer")
	summary := fs.String("summary", "", "write the JSON summary to this file")
	subscriberNice := fs.Int("subscriber-nice", -1, "run the subscribers in a process of their own at this niceness (0..19; -1: in this process), the appends staying here")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: devstate-load fanout [flags] (see loadtest/README.md)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *subscriberNice < -1 {
		return fail("-subscriber-nice must be -1 (in this process) or 0 to 19, got %d", *subscriberNice)
	}
	cfg := fanoutConfig{Project: *project, Token: *token, Subscribers: *subscribers, Projects: *projects, Rate: *rate,
		DeliveryP95: *deliveryP95, AppendP95: *appendP95, Reader: *reader, MaxInflight: *maxInflight, MinEntries: *minEntries,
		SubscriberProcess: *subscriberNice >= 0, SubscriberNice: max(*subscriberNice, 0)}
	var err error
	if cfg.Base, err = checkURL(*base); err != nil {
		return fail("%v", err)
	}
	for _, d := range []struct {
		name string
		raw  string
		into *time.Duration
	}{{"duration", *duration, &cfg.Duration}, {"warmup", *warmup, &cfg.Warmup}, {"connect-timeout", *connect, &cfg.ConnectTimeout}, {"drain", *drain, &cfg.Drain}} {
		if *d.into, err = parseDuration(d.raw); err != nil || *d.into < 0 {
			return fail("-%s: want a duration such as 60s or plain seconds, got %q", d.name, d.raw)
		}
	}
	if err := cfg.validate(); err != nil {
		return fail("%v", err)
	}
	stopProfile, err := startCPUProfile()
	if err != nil {
		return fail("%v", err)
	}
	defer stopProfile()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800) // as run does: the runner's CPU is part of every figure
	}
	s, err := runFanout(cfg)
	if err != nil {
		return fail("fanout on project %s: %v", cfg.Project, err)
	}
	printFanout(os.Stdout, s)
	if *summary != "" {
		b, _ := json.MarshalIndent(s, "", "  ")
		if err := os.WriteFile(*summary, append(b, '\n'), 0o644); err != nil {
			return fail("%v", err)
		}
	}
	return s.Exit
}

func (c fanoutConfig) validate() error {
	switch {
	case c.Subscribers < 0:
		return fmt.Errorf("-subscribers must be 0 or more, got %d", c.Subscribers)
	case c.Projects < 1 || c.Projects > maxProjects:
		return fmt.Errorf("-projects must be 1 to %d, got %d", maxProjects, c.Projects)
	case c.Rate <= 0:
		return fmt.Errorf("-rate must be positive, got %g", c.Rate)
	case c.Duration <= 0:
		return fmt.Errorf("-duration must be positive")
	case c.Reader != "client" && c.Reader != "raw":
		return fmt.Errorf("-reader must be client or raw, got %q", c.Reader)
	case c.SubscriberNice < 0 || c.SubscriberNice > 19:
		return fmt.Errorf("-subscriber-nice must be -1 (in this process) or 0 to 19, got %d", c.SubscriberNice)
	case c.MaxInflight < 1:
		return fmt.Errorf("-max-inflight must be positive")
	case c.Subscribers > 0 && c.DeliveryP95 <= 0:
		return fmt.Errorf("-delivery-p95 must be positive")
	case c.ConnectTimeout+c.Warmup+c.Duration+c.Drain > 30*time.Minute:
		// read times and latencies are kept as µs in 32 bits (a subscriber of a 70 s run at 500/s
		// holds 140 KB of them)
		return fmt.Errorf("connect-timeout + warmup + duration + drain must stay under 30 minutes")
	}
	return nil
}

// maxProjects bounds -projects: each is set up (a state, an entry, its head) before the run.
const maxProjects = 10000

// projectNames are the run's projects: cfg.Project itself, or with several <Project>-<i>.
func (c fanoutConfig) projectNames() []string {
	if c.Projects <= 1 {
		return []string{c.Project}
	}
	names := make([]string, c.Projects)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%d", c.Project, i)
	}
	return names
}

// --- the accounting ---

// seqTrack is one subscriber's account of the entries it read. The feed promises every seq after
// the position subscribed from, each once, in increasing order.
type seqTrack struct {
	project    int      // the index of the subscriber's project (its feed, appends and head)
	after      int64    // the position subscribed from
	limit      int64    // seqs past after+limit are not tracked (counted unexpected): no run appends that many
	last       int64    // the highest seq read
	readAt     []uint32 // readAt[seq-after-1]: when seq was first read, µs since the run's epoch, plus 1; 0: not read
	events     int64    // entry events read
	duplicates int64    // a seq read again
	outOfOrder int64    // a seq read after a higher one
	unexpected int64    // a seq at or before after, or beyond limit
	other      int64    // events other than entry (state, lock, ...): ignored, counted (raw reader only)
}

func newSeqTrack(after, limit int64) *seqTrack {
	return &seqTrack{after: after, limit: limit, last: after}
}

// newProjectTrack is a track of a subscriber of the project with index project.
func newProjectTrack(project int, after, limit int64) *seqTrack {
	t := newSeqTrack(after, limit)
	t.project = project
	return t
}

// observe records that seq was read at µs since the epoch.
func (t *seqTrack) observe(seq int64, at uint32) {
	t.events++
	i := seq - t.after - 1
	if i < 0 || i >= t.limit {
		t.unexpected++
		return
	}
	if n := i + 1 - int64(len(t.readAt)); n > 0 {
		t.readAt = append(t.readAt, make([]uint32, n)...)
	}
	if t.readAt[i] != 0 {
		t.duplicates++
		return
	}
	t.readAt[i] = at + 1
	if seq < t.last {
		t.outOfOrder++
	} else {
		t.last = seq
	}
}

// beyond counts the seqs read past head that were tracked: entries no append of the run made,
// such as another project's.
func (t *seqTrack) beyond(head int64) int64 {
	var n int64
	for i := max(head-t.after, 0); i < int64(len(t.readAt)); i++ {
		if t.readAt[i] != 0 {
			n++
		}
	}
	return n
}

// readTime is when seq was read (µs since the epoch) and whether it was.
func (t *seqTrack) readTime(seq int64) (int64, bool) {
	i := seq - t.after - 1
	if i < 0 || i >= int64(len(t.readAt)) || t.readAt[i] == 0 {
		return 0, false
	}
	return int64(t.readAt[i]) - 1, true
}

// missed counts the seqs in (after, head] that were never read.
func (t *seqTrack) missed(head int64) int64 {
	var n int64
	for seq := t.after + 1; seq <= head; seq++ {
		if _, ok := t.readTime(seq); !ok {
			n++
		}
	}
	return n
}

// appendAt is one acknowledged append: when it was sent and answered (µs since the epoch), and
// whether it belongs to the measured phase.
type appendAt struct {
	sent, ack int64
	measured  bool
}

// appendLog maps the seq of every acknowledged append (of one project) to its times.
type appendLog struct {
	mu    sync.Mutex
	bySeq map[int64]appendAt
}

func (l *appendLog) add(seq int64, a appendAt) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bySeq == nil {
		l.bySeq = map[int64]appendAt{}
	}
	l.bySeq[seq] = a
}

// measuredSeqs are the seqs of the measured phase's acknowledged appends, in order.
func (l *appendLog) measuredSeqs() []int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []int64
	for seq, a := range l.bySeq {
		if a.measured {
			out = append(out, seq)
		}
	}
	slices.Sort(out)
	return out
}

// deliveryLatencies is, for every track and every measured append of its project it read, the
// read time minus the append's acknowledgement (or, fromSent, minus when it was sent), in µs, in
// out's array: byProject[p] are the tracks of project p, logs[p] its appends, seqs[p] the seqs of
// its measured ones. Negative when the event arrived before the append's own answer was read.
func deliveryLatencies(out []int32, byProject [][]*seqTrack, logs []*appendLog, seqs [][]int64, fromSent bool) []int32 {
	out = out[:0]
	for p, tracks := range byProject {
		for _, seq := range seqs[p] {
			a := logs[p].bySeq[seq]
			from := a.ack
			if fromSent {
				from = a.sent
			}
			for _, t := range tracks {
				if at, ok := t.readTime(seq); ok {
					out = append(out, int32(at-from))
				}
			}
		}
	}
	return out
}

// LatencyStats summarises delivery latencies, in ms.
type LatencyStats struct {
	Count int     `json:"count"`
	Min   float64 `json:"min_ms"`
	Avg   float64 `json:"avg_ms"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P95   float64 `json:"p95_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// latencyStats sorts us (µs) in place and summarises it as the routes are (same percentiles).
func latencyStats(us []int32) *LatencyStats {
	st := &LatencyStats{Count: len(us)}
	if len(us) == 0 {
		return st
	}
	slices.Sort(us)
	var sum float64
	for _, v := range us {
		sum += float64(v)
	}
	ms := func(v float64) float64 { return round3(v / 1000) }
	st.Min, st.Max, st.Avg = ms(float64(us[0])), ms(float64(us[len(us)-1])), ms(sum/float64(len(us)))
	st.P50, st.P90 = ms(percentile(us, 50)), ms(percentile(us, 90))
	st.P95, st.P99 = ms(percentile(us, 95)), ms(percentile(us, 99))
	return st
}

// DeliveryStats is the account of the measured window's entries over every subscriber, and the
// faults of the whole run (warm-up included).
type DeliveryStats struct {
	MeasuredAppends int64         `json:"measured_appends"` // acknowledged appends of the measured phase, over every project
	Expected        int64         `json:"expected"`         // Σ over subscribers of their project's measured appends
	Delivered       int64         `json:"delivered"`        // of those, read by their subscriber
	DeliveredPerS   float64       `json:"delivered_per_s"`  // delivered / the measured phase's elapsed time
	EventsRead      int64         `json:"events_read"`      // every entry event read, warm-up and repeats included
	Head            int64         `json:"head"`             // the project's newest seq after the appends (several: the highest)
	Missed          int64         `json:"missed"`           // (subscriber, seq) pairs up to head never read
	Duplicated      int64         `json:"duplicated"`
	OutOfOrder      int64         `json:"out_of_order"`
	Unexpected      int64         `json:"unexpected"`   // seqs at or before the subscribed position, or past the project's head after the appends
	OtherEvents     int64         `json:"other_events"` // state, lock, ... events (raw reader; the client skips them)
	SubscribersBad  int           `json:"subscribers_with_faults"`
	AfterAck        *LatencyStats `json:"after_ack"`  // read − the append's answer
	AfterSend       *LatencyStats `json:"after_send"` // read − the append's request sent
	DrainS          float64       `json:"drain_s"`    // after the last append, until every subscriber had read the head
}

// SubscriberStats are the connections.
type SubscriberStats struct {
	Requested   int     `json:"requested"`
	Connected   int     `json:"connected"`       // answered 200 and sent their first bytes within the connect timeout
	ConnectS    float64 `json:"connect_s"`       // until the last of them had
	Failed      int     `json:"failed"`          // never connected, or ended with an error
	Disconnects int64   `json:"disconnects"`     // streams that ended after connecting (the client reconnects)
	Retries     int64   `json:"connect_retries"` // connection attempts that failed before a 200
}

// FanoutSummary is fanout's JSON summary (the route statistics and thresholds in the shape of the
// other modes').
type FanoutSummary struct {
	Tool        string                 `json:"tool"`
	Mode        string                 `json:"mode"`
	Started     string                 `json:"started"`
	Config      map[string]any         `json:"config"`
	Subscribers SubscriberStats        `json:"subscribers"`
	Iterations  map[string]int64       `json:"iterations"`
	ElapsedS    float64                `json:"elapsed_s"`
	HTTPReqs    int                    `json:"http_reqs"`
	HTTPRate    float64                `json:"http_reqs_per_s"`
	Failed      int                    `json:"http_req_failed"`
	Routes      map[string]*RouteStats `json:"routes"`
	Delivery    *DeliveryStats         `json:"delivery,omitempty"`
	RunnerCPUS  float64                `json:"runner_cpu_s"` // the runner's own CPU over the measured phase (-1: unknown)
	// SubscriberCPUS: with -subscriber-nice, the subscribers' process's CPU over its whole life (-1: none)
	SubscriberCPUS float64        `json:"subscriber_cpu_s"`
	Thresholds     []Threshold    `json:"thresholds"`
	Checks         []CheckResult  `json:"checks"`
	Errors         map[string]int `json:"errors,omitempty"`
	OK             bool           `json:"ok"`
	Exit           int            `json:"exit"`
}

// deliveryMetric is the threshold's metric name, in the vocabulary of the route thresholds.
const deliveryMetric = "delivery_duration{after:ack}"

// fanoutThresholds: the append route's (no failed request, no more dropped iterations than the
// other workloads allow, optionally a p95), and with subscribers the delivery p95 after the
// acknowledgement. A delivery threshold without a sample fails (actual -1).
func fanoutThresholds(cfg fanoutConfig, routes map[string]*RouteStats, failed int, pr PhaseResult, d *DeliveryStats) []Threshold {
	limits := map[string]float64{}
	if cfg.AppendP95 > 0 {
		limits["append"] = cfg.AppendP95
	}
	out := evaluateThresholds(limits, routes, failed, pr, 1)
	if cfg.Subscribers > 0 {
		t := Threshold{Metric: deliveryMetric, Expr: fmt.Sprintf("p(95)<%g", cfg.DeliveryP95), Actual: -1}
		if d != nil && d.AfterAck != nil && d.AfterAck.Count > 0 {
			t.Actual, t.OK = d.AfterAck.P95, d.AfterAck.P95 < cfg.DeliveryP95
		}
		out = append(out, t)
	}
	return out
}

// account sums the tracks up against the appends of their projects (logs[p] and heads[p] are
// project p's, a track's project is t.project): the counts, the faults and the latencies. A
// track is accounted against its own project's entries only.
func account(tracks []*seqTrack, logs []*appendLog, heads []int64) (*DeliveryStats, []int) {
	d := &DeliveryStats{}
	seqs := make([][]int64, len(logs))
	for p, l := range logs {
		seqs[p] = l.measuredSeqs()
		d.MeasuredAppends += int64(len(seqs[p]))
		d.Head = max(d.Head, heads[p])
	}
	byProject := make([][]*seqTrack, len(logs))
	var bad []int
	for i, t := range tracks {
		byProject[t.project] = append(byProject[t.project], t)
		d.Expected += int64(len(seqs[t.project]))
		missed := t.missed(heads[t.project])
		unexpected := t.unexpected + t.beyond(heads[t.project])
		d.Missed += missed
		d.Duplicated += t.duplicates
		d.OutOfOrder += t.outOfOrder
		d.Unexpected += unexpected
		d.OtherEvents += t.other
		d.EventsRead += t.events
		if missed+t.duplicates+t.outOfOrder+unexpected > 0 {
			bad = append(bad, i)
		}
		for _, seq := range seqs[t.project] {
			if _, ok := t.readTime(seq); ok {
				d.Delivered++
			}
		}
	}
	d.SubscribersBad = len(bad)
	// One array for both (30 M samples at full size: 120 MB each).
	lat := deliveryLatencies(make([]int32, 0, d.Delivered), byProject, logs, seqs, false)
	d.AfterAck = latencyStats(lat)
	d.AfterSend = latencyStats(deliveryLatencies(lat, byProject, logs, seqs, true))
	return d, bad
}

// --- the subscribers ---

type subscriber struct {
	id          int
	project     string    // the project whose feed it follows (its track's project is its index)
	track       *seqTrack // written by the subscriber's goroutine only; read after done is closed
	epoch       time.Time
	last        atomic.Int64 // the newest seq read (for the drain)
	connected   atomic.Bool  // 200 and the first bytes of the stream
	streamOpen  atomic.Bool  // the current connection answered 200
	connectedAt atomic.Int64 // ns since the epoch
	disconnects atomic.Int64
	retries     atomic.Int64
	lastReason  atomic.Value // string: why the last connection ended
	err         error        // why the subscription ended (nil: stopped by the run); set before done is closed
	done        chan struct{}
}

func (s *subscriber) now() uint32 { return uint32(time.Since(s.epoch) / time.Microsecond) }

func (s *subscriber) read(seq int64) {
	s.track.observe(seq, s.now())
	if seq > s.last.Load() {
		s.last.Store(seq)
	}
}

func (s *subscriber) markConnected() {
	if !s.connected.Swap(true) {
		s.connectedAt.Store(int64(time.Since(s.epoch)))
	}
}

// ended notes that a connection ended (the client reconnects after it).
func (s *subscriber) ended(reason error) {
	if s.streamOpen.Swap(false) {
		s.disconnects.Add(1)
	} else {
		s.retries.Add(1)
	}
	if reason != nil {
		s.lastReason.Store(reason.Error())
	}
}

func (s *subscriber) reason() string {
	if v, ok := s.lastReason.Load().(string); ok {
		return v
	}
	return ""
}

type subscriberKey struct{}

// feedTransport tells a subscriber (from the request's context) when its stream answered 200
// and when its first bytes came: the client's Subscribe does not say when it is connected.
type feedTransport struct{ base http.RoundTripper }

func (t feedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if s, ok := r.Context().Value(subscriberKey{}).(*subscriber); ok && err == nil && resp.StatusCode == http.StatusOK {
		s.streamOpen.Store(true)
		resp.Body = &firstBytes{ReadCloser: resp.Body, s: s}
	}
	return resp, err
}

type firstBytes struct {
	io.ReadCloser
	s    *subscriber
	seen bool
}

func (f *firstBytes) Read(p []byte) (int, error) {
	n, err := f.ReadCloser.Read(p)
	if n > 0 && !f.seen {
		f.seen = true
		f.s.markConnected()
	}
	return n, err
}

func feedHTTPClient(n int) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{Proxy: nil, DialContext: dialer.DialContext, MaxIdleConns: n, MaxIdleConnsPerHost: n,
		IdleConnTimeout: 90 * time.Second, DisableCompression: true, ForceAttemptHTTP2: false}
	// Timeout: Subscribe bounds the wait for each answer's headers with it, not the stream.
	return &http.Client{Transport: feedTransport{tr}, Timeout: 30 * time.Second}
}

// subscribeClient follows the feed with the shipped Go client: it reconnects (with Last-Event-ID)
// when a stream ends, skips seqs it has delivered already and events other than entry, so what it
// can show here is a missed entry, a disconnect, or an end with an error.
func subscribeClient(ctx context.Context, api *devstate.APIClient, cfg fanoutConfig, s *subscriber) {
	defer close(s.done)
	ctx = context.WithValue(ctx, subscriberKey{}, s)
	if cfg.Token != "" {
		ctx = context.WithValue(ctx, devstate.ContextAccessToken, cfg.Token)
	}
	events, errs := api.SubscribeWith(ctx, s.project, s.track.after, devstate.SubscribeOptions{
		OnReconnect: func(reason error, _ time.Duration) { s.ended(reason) },
	})
	for e := range events {
		s.read(e.Seq)
	}
	if err := <-errs; err != nil && ctx.Err() == nil {
		s.err = err
	}
}

// subscribeRaw follows the feed with a plain SSE reader: every entry event as sent, its seq from
// the id field (the data's seq when there is none), events of other names counted and skipped. It
// does not reconnect: a stream that ends before the run stops it is the subscriber's failure.
func subscribeRaw(ctx context.Context, hc *http.Client, cfg fanoutConfig, s *subscriber) {
	defer close(s.done)
	err := streamRaw(ctx, hc, cfg, s)
	if ctx.Err() == nil {
		if err == nil {
			err = errors.New("the server ended the event stream")
		}
		s.ended(err)
		s.err = err
	}
}

func streamRaw(ctx context.Context, hc *http.Client, cfg fanoutConfig, s *subscriber) error {
	url := fmt.Sprintf("%s/v1/devstate/events?project=%s&after=%d", cfg.Base, s.project, s.track.after)
	req, err := http.NewRequestWithContext(context.WithValue(ctx, subscriberKey{}, s), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	if cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	}
	// The client's Timeout would cut the stream: headers are bounded by the transport's dial and
	// the connect timeout of the run instead.
	streaming := *hc
	streaming.Timeout = 0
	resp, err := streaming.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("HTTP %d %s", resp.StatusCode, strings.TrimSpace(string(b)))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		return fmt.Errorf("the change feed answered %q, not text/event-stream", ct)
	}
	return readSSE(resp.Body, func(name, id, data string) error {
		if name != "entry" {
			s.track.other++
			return nil
		}
		seq, err := entrySeq(id, data)
		if err != nil {
			return err
		}
		s.read(seq)
		return nil
	})
}

// entrySeq is an entry event's seq: its id, or the data's seq when the id is missing.
func entrySeq(id, data string) (int64, error) {
	if id != "" {
		if seq, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64); err == nil && seq > 0 {
			return seq, nil
		}
		return 0, fmt.Errorf("an entry event with id %q", id)
	}
	var e struct {
		Seq int64 `json:"seq"`
	}
	if err := json.Unmarshal([]byte(data), &e); err != nil || e.Seq < 1 {
		return 0, fmt.Errorf("an entry event without id and with data %.200q", data)
	}
	return e.Seq, nil
}

// readSSE calls dispatch with the name ("message" when none), id and data of each event of a
// text/event-stream (lines end in LF or CRLF; comments, the heartbeats, are skipped). It returns
// dispatch's error, the reader's, or nil at the end of the stream (an event without its closing
// empty line is dropped, as a browser drops it).
func readSSE(r io.Reader, dispatch func(name, id, data string) error) error {
	lr := lineReader{br: bufio.NewReaderSize(r, 64<<10)}
	var name, id string
	var data []byte
	hasData := false
	for {
		line, err := lr.line()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if len(line) == 0 {
			if hasData {
				if name == "" {
					name = "message"
				}
				if err := dispatch(name, id, string(bytes.TrimSuffix(data, []byte("\n")))); err != nil {
					return err
				}
			}
			name, id, hasData = "", "", false
			data = data[:0]
			continue
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "event":
			name = string(value)
		case "id":
			id = string(value)
		case "data":
			data = append(append(data, value...), '\n')
			hasData = true
		}
	}
}

// maxSSELine bounds one line of the stream (an entry event is a few hundred bytes).
const maxSSELine = 1 << 20

// lineReader reads lines ending in LF or CRLF; the slice it returns is valid until the next call.
type lineReader struct {
	br   *bufio.Reader
	long []byte
}

func (l *lineReader) line() ([]byte, error) {
	b, err := l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long = append(l.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) && len(l.long) <= maxSSELine {
			b, err = l.br.ReadSlice('\n')
			l.long = append(l.long, b...)
		}
		if len(l.long) > maxSSELine {
			return nil, fmt.Errorf("a line of the event stream is longer than %d bytes", maxSSELine)
		}
		b = l.long
	}
	if err != nil {
		return nil, err // io.EOF also after a last line without its end
	}
	b = b[:len(b)-1]
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, nil
}

// --- the run ---

func runFanout(cfg fanoutConfig) (*FanoutSummary, error) {
	if cfg.Projects < 1 {
		cfg.Projects = 1 // a config built in code may leave it out
	}
	names := cfg.projectNames()
	np := len(names)
	client := NewClient(cfg.Base, names[0], cfg.Token, cfg.MaxInflight)
	envs := make([]*Env, np)
	for i, name := range names {
		c := client
		if i > 0 { // the same connections, another project parameter
			c = &Client{base: client.base, project: name, token: client.token, http: client.http}
		}
		envs[i] = &Env{C: c, Project: name}
	}
	// of names project p in an error when there are several.
	of := func(p int, err error) error {
		if np == 1 || err == nil {
			return err
		}
		return fmt.Errorf("project %s: %w", names[p], err)
	}
	afters := make([]int64, np) // each project's head: its subscribers follow it from there
	if err := forEachProject(np, func(p int) error {
		if err := ensureData(envs[p], cfg.MinEntries); err != nil {
			return fmt.Errorf("setup: %w", of(p, err))
		}
		var err error
		afters[p], err = readHead(envs[p])
		return of(p, err)
	}); err != nil {
		return nil, err
	}
	after := afters[0]
	if np == 1 {
		fmt.Printf("%s fanout -> %s, project %s (head %d), %d subscribers (%s reader), %g appends/s for %s after %s warm-up\n",
			version, cfg.Base, cfg.Project, after, cfg.Subscribers, cfg.Reader, cfg.Rate, cfg.Duration, cfg.Warmup)
	} else {
		fmt.Printf("%s fanout -> %s, %d projects %s..%s (heads %d..%d), %d subscribers (%s reader) spread over them, "+
			"%g appends/s over them for %s after %s warm-up\n", version, cfg.Base, np, names[0], names[np-1],
			slices.Min(afters), slices.Max(afters), cfg.Subscribers, cfg.Reader, cfg.Rate, cfg.Duration, cfg.Warmup)
	}

	epoch := time.Now()
	// No run appends more than this: a seq past it is counted, not stored.
	limit := int64(cfg.Rate*(cfg.Warmup+cfg.Duration).Seconds())*2 + 1000
	plan := subscriberPlan{Base: cfg.Base, Token: cfg.Token, Reader: cfg.Reader, Names: names, Afters: afters,
		Subscribers: cfg.Subscribers, Limit: limit, Epoch: epoch.UnixNano(), Connect: cfg.ConnectTimeout}
	var subs subscriberHost
	if cfg.SubscriberProcess && cfg.Subscribers > 0 {
		child, err := startChildSubscribers(plan, cfg.SubscriberNice)
		if err != nil {
			return nil, err
		}
		subs = child
	} else {
		subs = startLocalSubscribers(plan, epoch)
	}
	connectS, err := subs.connect()
	if err != nil {
		subs.stop()
		return nil, err
	}
	if cfg.Subscribers > 0 {
		where := ""
		if cfg.SubscriberProcess {
			where = fmt.Sprintf(" (in a process of their own, nice %d)", cfg.SubscriberNice)
		}
		fmt.Printf("   %d subscribers connected in %.2fs%s\n", cfg.Subscribers, connectS, where)
	}

	logs := make([]*appendLog, np) // each project's acknowledged appends: latencies match (project, seq)
	for p := range logs {
		logs[p] = &appendLog{}
	}
	appendErrs := map[string]int{}
	var errMu sync.Mutex
	// iteration appends to the projects round-robin by iteration number (the warm-up's draw
	// other payloads than the measured phase's).
	iteration := func(measured bool) func(it int64, rnd *rand.Rand) {
		return func(it int64, _ *rand.Rand) {
			p := int(it % int64(np))
			payload := it
			if !measured {
				payload += warmupOffset
			}
			sent := time.Since(epoch)
			r := appendEntry(envs[p], payload)
			ack := time.Since(epoch)
			var res struct {
				Seq int64 `json:"seq"`
			}
			if !r.OK || json.Unmarshal(r.Body, &res) != nil || res.Seq < 1 {
				if measured {
					errMu.Lock()
					if len(appendErrs) < 20 {
						appendErrs[fmt.Sprintf("append: HTTP %d %s", r.Status, trim(r.Body))]++
					}
					errMu.Unlock()
				}
				return
			}
			logs[p].add(res.Seq, appendAt{sent: int64(sent / time.Microsecond), ack: int64(ack / time.Microsecond), measured: measured})
		}
	}
	if cfg.Warmup > 0 {
		Phase{Rate: cfg.Rate, Duration: cfg.Warmup, MaxInflight: cfg.MaxInflight}.Run(iteration(false))
	}
	rec := NewRecorder()
	started := time.Now().UTC()
	cpu0 := runnerCPU()
	for _, e := range envs {
		e.C.rec.Store(rec)
	}
	pr := Phase{Rate: cfg.Rate, Duration: cfg.Duration, MaxInflight: cfg.MaxInflight}.Run(iteration(true))
	for _, e := range envs {
		e.C.rec.Store(nil)
	}
	cpu1 := runnerCPU()

	heads := make([]int64, np)
	if err := forEachProject(np, func(p int) error {
		var err error
		heads[p], err = readHead(envs[p])
		return of(p, err)
	}); err != nil {
		subs.stop()
		return nil, fmt.Errorf("the head after the appends: %w", err)
	}
	head := heads[0]
	drainStart := time.Now()
	drained := subs.drain(heads, cfg.Drain)
	drainS := time.Since(drainStart).Seconds()
	results := subs.stop()

	s := &FanoutSummary{Tool: version, Mode: "fanout", Started: started.Format(time.RFC3339),
		Config: map[string]any{"subscribers": cfg.Subscribers, "projects": np, "reader": cfg.Reader, "rate_per_s": cfg.Rate,
			"duration_s": cfg.Duration.Seconds(), "warmup_s": cfg.Warmup.Seconds(), "max_inflight": cfg.MaxInflight,
			"project": cfg.Project, "after": after, "executor": "constant-arrival-rate",
			"delivery_p95_ms": cfg.DeliveryP95, "append_p95_ms": cfg.AppendP95, "drain_s": cfg.Drain.Seconds()},
		Iterations: map[string]int64{"scheduled": pr.Scheduled, "completed": pr.Completed, "dropped": pr.Dropped},
		ElapsedS:   round3(pr.Elapsed.Seconds()), Routes: rec.stats(pr.Elapsed), Errors: map[string]int{}, RunnerCPUS: -1}
	for k, v := range rec.errs {
		s.Errors[k] += v
	}
	for k, v := range appendErrs {
		s.Errors[k] += v
	}
	for _, st := range s.Routes {
		s.HTTPReqs += st.Count
		s.Failed += st.Failed
	}
	s.HTTPRate = round3(float64(s.HTTPReqs) / pr.Elapsed.Seconds())
	if cpu0 >= 0 && cpu1 >= 0 {
		s.RunnerCPUS = round3(cpu1 - cpu0)
	}
	s.Subscribers = SubscriberStats{Requested: cfg.Subscribers, Connected: cfg.Subscribers, ConnectS: round3(connectS)}

	var tracks []*seqTrack
	stopped := true
	for _, sub := range results {
		if sub.Track == nil {
			stopped = false // still running: its track cannot be read
			s.Subscribers.Failed++
			s.Errors["a subscriber did not stop within 10 s"]++
			continue
		}
		tracks = append(tracks, sub.Track)
		s.Subscribers.Disconnects += sub.Disconnects
		s.Subscribers.Retries += sub.Retries
		if sub.Err != "" {
			s.Subscribers.Failed++
			if len(s.Errors) < 40 {
				s.Errors["subscriber: "+sub.Err]++
			}
		}
		if sub.Reason != "" && len(s.Errors) < 40 {
			s.Errors["subscriber reconnected after: "+sub.Reason]++
		}
	}
	s.SubscriberCPUS = round3(subs.cpuS())
	if len(s.Errors) == 0 {
		s.Errors = nil
	}
	if np > 1 {
		s.Config["after"] = afters // by project index: <project>-<i>
	}
	if cfg.Subscribers > 0 {
		d, bad := account(tracks, logs, heads)
		d.DrainS = round3(drainS)
		if sec := pr.Elapsed.Seconds(); sec > 0 {
			d.DeliveredPerS = round3(float64(d.Delivered) / sec)
		}
		s.Delivery = d
		span := fmt.Sprintf("seqs %d..%d", after+1, head)
		if np > 1 {
			span = fmt.Sprintf("%d projects, each from its head when subscribed to its head after the appends", np)
		}
		integrity := CheckResult{Name: "every subscriber read every entry once, in seq order",
			OK: stopped && d.Missed == 0 && d.Duplicated == 0 && d.OutOfOrder == 0 && d.Unexpected == 0,
			Detail: fmt.Sprintf("%s: missed %d, duplicated %d, out of order %d, unexpected %d, on %d subscribers",
				span, d.Missed, d.Duplicated, d.OutOfOrder, d.Unexpected, len(bad))}
		if !drained {
			if np == 1 {
				integrity.Detail += fmt.Sprintf("; not every subscriber had read seq %d %s after the last append", head, cfg.Drain)
			} else {
				integrity.Detail += fmt.Sprintf("; not every subscriber had read its project's head %s after the last append", cfg.Drain)
			}
		}
		for i, b := range bad {
			if i == 5 {
				integrity.Detail += ", ..."
				break
			}
			t := tracks[b]
			where := ""
			if np > 1 {
				where = fmt.Sprintf(" (project %s, head %d)", names[t.project], heads[t.project])
			}
			integrity.Detail += fmt.Sprintf("; subscriber %d%s: last %d, missed %d, dup %d, ooo %d", b, where, t.last,
				t.missed(heads[t.project]), t.duplicates, t.outOfOrder)
		}
		alive := CheckResult{Name: "every subscriber stayed subscribed", OK: s.Subscribers.Failed == 0,
			Detail: fmt.Sprintf("%d of %d failed; %d disconnects, %d connect retries", s.Subscribers.Failed,
				cfg.Subscribers, s.Subscribers.Disconnects, s.Subscribers.Retries)}
		s.Checks = []CheckResult{integrity, alive}
	}
	s.Thresholds = fanoutThresholds(cfg, s.Routes, s.Failed, pr, s.Delivery)
	s.OK = true
	thresholdsOK := true
	for _, t := range s.Thresholds {
		thresholdsOK = thresholdsOK && t.OK
	}
	checksOK := true
	for _, c := range s.Checks {
		checksOK = checksOK && c.OK
	}
	s.OK = thresholdsOK && checksOK
	switch {
	case !checksOK:
		s.Exit = exitDelivery
	case !thresholdsOK:
		s.Exit = 99
	}
	return s, nil
}

// awaitConnected waits until every subscriber has connected: seconds until the last one did, or
// an error after timeout (or once each has connected or ended) naming how many did and why the
// others did not.
func awaitConnected(subs []*subscriber, epoch time.Time, timeout time.Duration) (float64, error) {
	deadline := time.Now().Add(timeout)
	for {
		connected, ended := 0, 0
		var last int64
		reasons := map[string]int{}
		for _, s := range subs {
			select {
			case <-s.done:
				ended++
				if s.err != nil {
					reasons[s.err.Error()]++
				}
				continue
			default:
			}
			if s.connected.Load() {
				connected++
				last = max(last, s.connectedAt.Load())
			} else if r := s.reason(); r != "" {
				reasons[r]++
			}
		}
		if connected == len(subs) {
			return time.Duration(last).Seconds(), nil
		}
		// Every one connected or ended (one that ended will not connect), or out of time.
		if (ended > 0 && connected+ended == len(subs)) || time.Now().After(deadline) {
			var why []string
			for _, r := range sortedKeys(reasons) {
				why = append(why, fmt.Sprintf("%dx %s", reasons[r], r))
			}
			hint := ""
			if len(why) > 0 {
				hint = "; " + strings.Join(why, "; ")
			}
			return 0, fmt.Errorf("%d of %d subscribers connected within %s, %d ended%s (the service caps open feeds per caller: "+
				"DEVSTATE_EVENTS_MAX_PER_PRINCIPAL; and the file descriptors: ulimit -n)", connected, len(subs), timeout, ended, hint)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// forEachProject calls f for each of n projects' indexes, 16 at a time (the set-up of 100
// projects takes a few seconds, not a few hundred round trips in a row); the first error by index.
func forEachProject(n int, f func(p int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for p := 0; p < n; p++ {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[p] = f(p)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// awaitHead waits until every subscriber still running has read its project's head (heads[p]
// for project p), at most timeout.
func awaitHead(subs []*subscriber, heads []int64, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		behind := 0
		for _, s := range subs {
			select {
			case <-s.done:
				continue
			default:
			}
			if s.last.Load() < heads[s.track.project] {
				behind++
			}
		}
		if behind == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func printFanout(w io.Writer, s *FanoutSummary) {
	projects, _ := s.Config["projects"].(int)
	if projects <= 1 {
		fmt.Fprintf(w, "\n== fanout: %v subscribers (%v reader), appends at %g/s for %gs (warm-up %gs), project %v\n",
			s.Config["subscribers"], s.Config["reader"], s.Config["rate_per_s"], s.Config["duration_s"], s.Config["warmup_s"], s.Config["project"])
	} else {
		fmt.Fprintf(w, "\n== fanout: %v subscribers (%v reader) over %d projects %v-<0..%d>, appends at %g/s over them for %gs (warm-up %gs)\n",
			s.Config["subscribers"], s.Config["reader"], projects, s.Config["project"], projects-1, s.Config["rate_per_s"],
			s.Config["duration_s"], s.Config["warmup_s"])
	}
	fmt.Fprintf(w, "   appends: %d scheduled, %d completed, %d dropped; %d requests (%.1f/s), %d failed\n",
		s.Iterations["scheduled"], s.Iterations["completed"], s.Iterations["dropped"], s.HTTPReqs, s.HTTPRate, s.Failed)
	sub := s.Subscribers
	if sub.Requested > 0 {
		fmt.Fprintf(w, "   subscribers: %d connected in %.2fs, %d failed, %d disconnects, %d connect retries\n",
			sub.Connected, sub.ConnectS, sub.Failed, sub.Disconnects, sub.Retries)
	}
	if d := s.Delivery; d != nil {
		if projects <= 1 {
			fmt.Fprintf(w, "   events: expected %d (%d subscribers x %d measured appends), delivered %d (%.0f/s); %d entry events read in all (%d other events)\n",
				d.Expected, sub.Requested, d.MeasuredAppends, d.Delivered, d.DeliveredPerS, d.EventsRead, d.OtherEvents)
			fmt.Fprintf(w, "   faults up to seq %d: missed %d, duplicated %d, out of order %d, unexpected %d (%d subscribers); head read by all %.2fs after the last append\n",
				d.Head, d.Missed, d.Duplicated, d.OutOfOrder, d.Unexpected, d.SubscribersBad, d.DrainS)
		} else {
			fmt.Fprintf(w, "   events: expected %d (%d subscribers x the measured appends of their project, %d over %d projects), delivered %d (%.0f/s); "+
				"%d entry events read in all (%d other events)\n",
				d.Expected, sub.Requested, d.MeasuredAppends, projects, d.Delivered, d.DeliveredPerS, d.EventsRead, d.OtherEvents)
			fmt.Fprintf(w, "   faults up to each project's head (the highest %d): missed %d, duplicated %d, out of order %d, unexpected %d (%d subscribers); "+
				"heads read by all %.2fs after the last append\n",
				d.Head, d.Missed, d.Duplicated, d.OutOfOrder, d.Unexpected, d.SubscribersBad, d.DrainS)
		}
	}
	fmt.Fprintf(w, "   %-22s %9s %10s %10s %10s %10s\n", "metric", "n", "p50", "p95", "p99", "max")
	if st := s.Routes["append"]; st != nil {
		fmt.Fprintf(w, "   %-22s %9d %10s %10s %10s %10s\n", "append", st.Count, fmtMs(st.P50), fmtMs(st.P95), fmtMs(st.P99), fmtMs(st.Max))
	}
	if d := s.Delivery; d != nil {
		for _, l := range []struct {
			name string
			st   *LatencyStats
		}{{"delivery (after ack)", d.AfterAck}, {"delivery (after send)", d.AfterSend}} {
			fmt.Fprintf(w, "   %-22s %9d %10s %10s %10s %10s\n", l.name, l.st.Count, fmtMs(l.st.P50), fmtMs(l.st.P95), fmtMs(l.st.P99), fmtMs(l.st.Max))
		}
		if s.RunnerCPUS >= 0 && d.Delivered > 0 {
			fmt.Fprintf(w, "   runner CPU over the measured phase: %.2f s (%.1f µs per delivered event)\n", s.RunnerCPUS, s.RunnerCPUS*1e6/float64(d.Delivered))
		}
	} else if s.RunnerCPUS >= 0 {
		fmt.Fprintf(w, "   runner CPU over the measured phase: %.2f s\n", s.RunnerCPUS)
	}
	for _, t := range s.Thresholds {
		mark := "✓"
		if !t.OK {
			mark = "✗"
		}
		fmt.Fprintf(w, "   %s %s %s (actual %g)\n", mark, t.Metric, t.Expr, t.Actual)
	}
	for _, ch := range s.Checks {
		mark := "✓"
		if !ch.OK {
			mark = "✗"
		}
		fmt.Fprintf(w, "   %s check: %s: %s\n", mark, ch.Name, ch.Detail)
	}
	for _, msg := range sortedKeys(s.Errors) {
		fmt.Fprintf(w, "   error x%d: %s\n", s.Errors[msg], msg)
	}
	switch s.Exit {
	case exitDelivery:
		fmt.Fprintln(w, "\nthe feed lost, repeated or reordered entries, or a subscriber failed")
	case 99:
		fmt.Fprintln(w, "\nsome thresholds failed")
	}
}
