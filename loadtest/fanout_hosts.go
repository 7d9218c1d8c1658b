package main

// Where fanout's subscribers run: in the runner's own process, or in a child process of it
// started with a niceness (-subscriber-nice), so that on a machine that also runs the service
// the subscribers' own CPU (in production: the IDEs' and agents' machines) is taken from idle time
// rather than from the service and PostgreSQL, while the appends (and their latency) stay in this
// process at normal priority. Either way the accounting is the same: the child hands back each
// subscriber's track, read times on the same clock (µs since the run's epoch, by wall time).

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
)

// subscriberHost runs a run's subscribers.
type subscriberHost interface {
	// connect waits until every subscriber has connected: seconds until the last one did.
	connect() (float64, error)
	// drain waits until every subscriber still running has read its project's head, at most timeout.
	drain(heads []int64, timeout time.Duration) bool
	// stop ends them all (waiting up to 10 s) and gives each one's account.
	stop() []subscriberResult
	// cpuS is the CPU the subscribers took apart from this process (-1: none, they run in it).
	cpuS() float64
}

// subscriberResult is one subscriber's account after the run.
type subscriberResult struct {
	Track       *seqTrack // nil: it did not stop within 10 s
	Disconnects int64
	Retries     int64
	Err         string // why its subscription ended ("": stopped by the run)
	Reason      string // why its last connection ended
}

// subscriberPlan is what the subscribers follow: subscriber i follows project i % len(Names)
// from Afters of that project.
type subscriberPlan struct {
	Base        string        `json:"base"`
	Token       string        `json:"token,omitempty"`
	Reader      string        `json:"reader"`
	Names       []string      `json:"names"`
	Afters      []int64       `json:"afters"`
	Subscribers int           `json:"subscribers"`
	Limit       int64         `json:"limit"`
	Epoch       int64         `json:"epoch_unix_ns"`
	Connect     time.Duration `json:"connect_timeout_ns"`
}

// --- in this process ---

type localSubscribers struct {
	subs    []*subscriber
	cancel  context.CancelFunc
	epoch   time.Time
	timeout time.Duration
}

func startLocalSubscribers(plan subscriberPlan, epoch time.Time) *localSubscribers {
	ctx, cancel := context.WithCancel(context.Background())
	l := &localSubscribers{subs: make([]*subscriber, plan.Subscribers), cancel: cancel, epoch: epoch, timeout: plan.Connect}
	hc := feedHTTPClient(plan.Subscribers)
	apiCfg := devstate.NewConfiguration()
	apiCfg.Servers = devstate.ServerConfigurations{{URL: plan.Base}}
	apiCfg.HTTPClient = hc
	apiCfg.UserAgent = version
	api := devstate.NewAPIClient(apiCfg)
	cfg := fanoutConfig{Base: plan.Base, Token: plan.Token, Reader: plan.Reader}
	np := len(plan.Names)
	for i := range l.subs {
		p := i % np // round-robin over the projects
		s := &subscriber{id: i, project: plan.Names[p], track: newProjectTrack(p, plan.Afters[p], plan.Limit), epoch: epoch,
			done: make(chan struct{})}
		s.last.Store(plan.Afters[p])
		l.subs[i] = s
		if plan.Reader == "raw" {
			go subscribeRaw(ctx, hc, cfg, s)
		} else {
			go subscribeClient(ctx, api, cfg, s)
		}
	}
	return l
}

func (l *localSubscribers) connect() (float64, error) {
	return awaitConnected(l.subs, l.epoch, l.timeout)
}

func (l *localSubscribers) drain(heads []int64, timeout time.Duration) bool {
	return awaitHead(l.subs, heads, timeout)
}

func (l *localSubscribers) cpuS() float64 { return -1 }

func (l *localSubscribers) stop() []subscriberResult {
	l.cancel()
	deadline := time.After(10 * time.Second)
wait:
	for _, s := range l.subs {
		select {
		case <-s.done:
		case <-deadline:
			break wait
		}
	}
	results := make([]subscriberResult, len(l.subs))
	for i, s := range l.subs {
		select {
		case <-s.done:
		default:
			continue // still running: its track cannot be read
		}
		r := subscriberResult{Track: s.track, Disconnects: s.disconnects.Load(), Retries: s.retries.Load(), Reason: s.reason()}
		if s.err != nil {
			r.Err = s.err.Error()
		}
		results[i] = r
	}
	return results
}

// --- in a child process ---

// trackWire is a seqTrack as the child sends it.
type trackWire struct {
	Project    int      `json:"project"`
	After      int64    `json:"after"`
	Limit      int64    `json:"limit"`
	Last       int64    `json:"last"`
	ReadAt     []uint32 `json:"read_at"`
	Events     int64    `json:"events"`
	Duplicates int64    `json:"duplicates"`
	OutOfOrder int64    `json:"out_of_order"`
	Unexpected int64    `json:"unexpected"`
	Other      int64    `json:"other"`
}

func wireOf(t *seqTrack) *trackWire {
	return &trackWire{t.project, t.after, t.limit, t.last, t.readAt, t.events, t.duplicates, t.outOfOrder, t.unexpected, t.other}
}

func (w *trackWire) track() *seqTrack {
	return &seqTrack{project: w.Project, after: w.After, limit: w.Limit, last: w.Last, readAt: w.ReadAt, events: w.Events,
		duplicates: w.Duplicates, outOfOrder: w.OutOfOrder, unexpected: w.Unexpected, other: w.Other}
}

// childMessage is one line the child writes: connected (or why not), then after the drain every
// subscriber's account and its CPU.
type childMessage struct {
	ConnectedS float64       `json:"connected_s,omitempty"`
	Error      string        `json:"error,omitempty"`
	Drained    bool          `json:"drained,omitempty"`
	Results    []childResult `json:"results,omitempty"`
	CPUS       float64       `json:"cpu_s,omitempty"`
}

type childResult struct {
	Track       *trackWire `json:"track,omitempty"`
	Disconnects int64      `json:"disconnects"`
	Retries     int64      `json:"retries"`
	Err         string     `json:"err,omitempty"`
	Reason      string     `json:"reason,omitempty"`
}

// childDrain is what the runner sends once its appends are over: every project's head.
type childDrain struct {
	Heads   []int64       `json:"heads"`
	Timeout time.Duration `json:"timeout_ns"`
}

type childSubscribers struct {
	n       int // subscribers
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     *json.Decoder
	drained bool
	results []subscriberResult
	cpu     float64
	failure error
}

// startChildSubscribers runs `nice -n <nice> <this binary> fanout-subscribers` with the plan on its stdin.
func startChildSubscribers(plan subscriberPlan, nice int) (*childSubscribers, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("nice", "-n", strconv.Itoa(nice), self, "fanout-subscribers")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("the subscribers' process (nice -n %d): %w", nice, err)
	}
	c := &childSubscribers{n: plan.Subscribers, cmd: cmd, in: in, out: json.NewDecoder(bufio.NewReaderSize(out, 1<<20)), cpu: -1}
	if err := json.NewEncoder(in).Encode(plan); err != nil {
		c.kill()
		return nil, fmt.Errorf("the subscribers' process: %w", err)
	}
	return c, nil
}

func (c *childSubscribers) kill() {
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
}

func (c *childSubscribers) read() (childMessage, error) {
	var m childMessage
	if err := c.out.Decode(&m); err != nil {
		return m, fmt.Errorf("the subscribers' process ended without an answer: %w", err)
	}
	if m.Error != "" {
		return m, errors.New(m.Error)
	}
	return m, nil
}

func (c *childSubscribers) connect() (float64, error) {
	m, err := c.read()
	if err != nil {
		c.kill()
		c.failure = err
		return 0, err
	}
	return m.ConnectedS, nil
}

func (c *childSubscribers) drain(heads []int64, timeout time.Duration) bool {
	if c.failure != nil {
		return false
	}
	if err := json.NewEncoder(c.in).Encode(childDrain{Heads: heads, Timeout: timeout}); err != nil {
		c.failure = err
		return false
	}
	m, err := c.read()
	if err != nil {
		c.failure = err
		return false
	}
	c.drained, c.cpu = m.Drained, m.CPUS
	c.results = make([]subscriberResult, len(m.Results))
	for i, r := range m.Results {
		c.results[i] = subscriberResult{Disconnects: r.Disconnects, Retries: r.Retries, Err: r.Err, Reason: r.Reason}
		if r.Track != nil {
			c.results[i].Track = r.Track.track()
		}
	}
	return c.drained
}

// stop: the child stopped its subscribers when it answered the drain; without that answer none
// of them has an account (each is counted as not stopped).
func (c *childSubscribers) stop() []subscriberResult {
	_ = c.in.Close()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
	if len(c.results) != c.n {
		return make([]subscriberResult, c.n)
	}
	return c.results
}

func (c *childSubscribers) cpuS() float64 { return c.cpu }

// fanoutSubscribersCmd is the child: the plan on stdin, connected (or the error) on stdout, then
// on the drain's line every subscriber's account, and exit.
func fanoutSubscribersCmd() int {
	in := json.NewDecoder(bufio.NewReader(os.Stdin))
	out := json.NewEncoder(os.Stdout)
	var plan subscriberPlan
	if err := in.Decode(&plan); err != nil {
		_ = out.Encode(childMessage{Error: "fanout-subscribers: the plan on stdin: " + err.Error()})
		return 2
	}
	l := startLocalSubscribers(plan, time.Unix(0, plan.Epoch))
	connected, err := l.connect()
	if err != nil {
		l.stop()
		_ = out.Encode(childMessage{Error: err.Error()})
		return 1
	}
	_ = out.Encode(childMessage{ConnectedS: connected})
	var drain childDrain
	if err := in.Decode(&drain); err != nil {
		l.stop() // the runner went away
		return 1
	}
	drained := l.drain(drain.Heads, drain.Timeout)
	results := l.stop()
	m := childMessage{Drained: drained, Results: make([]childResult, len(results)), CPUS: runnerCPU()}
	for i, r := range results {
		m.Results[i] = childResult{Disconnects: r.Disconnects, Retries: r.Retries, Err: r.Err, Reason: r.Reason}
		if r.Track != nil {
			m.Results[i].Track = wireOf(r.Track)
		}
	}
	if err := out.Encode(m); err != nil {
		return 1
	}
	return 0
}
