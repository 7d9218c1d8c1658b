package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Request is one HTTP call of an iteration. Route is the tag its metrics are kept under (the
// equivalent of k6's tags: {route: ...}); Expect lists the statuses that count as success.
type Request struct {
	Route   string
	Method  string
	Path    string // path and query, without the project parameter (added by the client)
	Body    []byte
	Headers map[string]string
	Expect  []int
}

// Response is what an iteration sees of a call.
type Response struct {
	Status  int
	Body    []byte
	Headers http.Header
	OK      bool
}

// Client sends requests to DevState and records them while a measured phase runs.
type Client struct {
	base    string
	project string
	token   string
	http    *http.Client
	rec     atomic.Pointer[Recorder]
}

func NewClient(base, project, token string, maxConns int) *Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy: nil,
		// A stalled server fails a request after requestTimeout without reading or writing a
		// byte: the deadline sits on the connection. http.Client.Timeout would do the same with a
		// context and a timer per request, which measured ~10% of the runner's CPU at 3000 req/s.
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return &deadlineConn{Conn: conn}, nil
		},
		MaxIdleConns:          maxConns,
		MaxIdleConnsPerHost:   maxConns,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: requestTimeout,
		DisableCompression:    true,
		ForceAttemptHTTP2:     false,
	}
	return &Client{base: base, project: project, token: token, http: &http.Client{Transport: tr}}
}

// requestTimeout is k6's default request timeout.
const requestTimeout = 60 * time.Second

// deadlineConn moves its deadline forward on every read and write: a request fails only when the
// connection is silent for requestTimeout.
type deadlineConn struct{ net.Conn }

func (c *deadlineConn) Read(b []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(requestTimeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(b)
}

func (c *deadlineConn) Write(b []byte) (int, error) {
	if err := c.Conn.SetWriteDeadline(time.Now().Add(requestTimeout)); err != nil {
		return 0, err
	}
	return c.Conn.Write(b)
}

func (c *Client) url(path string) string {
	sep := "?"
	if bytes.IndexByte([]byte(path), '?') >= 0 {
		sep = "&"
	}
	return c.base + path + sep + "project=" + c.project
}

// Do sends the request, reads the whole body and records duration and outcome under req.Route.
// Duration is from just before the request is written until the last body byte is read (k6's
// http_req_duration also excludes connection set-up; keep-alive connections make that moot).
func (c *Client) Do(req Request) Response {
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hr, err := http.NewRequestWithContext(context.Background(), req.Method, c.url(req.Path), body)
	if err != nil {
		panic(err)
	}
	if req.Body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	hr.Header.Set("Accept", "application/json")
	if c.token != "" {
		hr.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range req.Headers {
		hr.Header.Set(k, v)
	}
	start := time.Now()
	resp, err := c.http.Do(hr)
	var out Response
	if err == nil {
		out.Body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		out.Status = resp.StatusCode
		out.Headers = resp.Header
	}
	elapsed := time.Since(start)
	if err == nil {
		for _, s := range req.Expect {
			if s == out.Status {
				out.OK = true
			}
		}
	}
	if r := c.rec.Load(); r != nil {
		r.add(req.Route, elapsed, out.Status, out.OK, err)
	}
	return out
}

// Recorder keeps every sample of a measured phase (a few hundred thousand floats at most).
type Recorder struct {
	mu     sync.Mutex
	routes map[string]*routeSamples
	errs   map[string]int
}

type routeSamples struct {
	ms       []float64
	failed   int
	statuses map[string]int
}

func NewRecorder() *Recorder {
	return &Recorder{routes: map[string]*routeSamples{}, errs: map[string]int{}}
}

func (r *Recorder) add(route string, d time.Duration, status int, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rs := r.routes[route]
	if rs == nil {
		rs = &routeSamples{statuses: map[string]int{}}
		r.routes[route] = rs
	}
	rs.ms = append(rs.ms, float64(d.Nanoseconds())/1e6)
	key := strconv.Itoa(status)
	if err != nil {
		key = "error"
		if len(r.errs) < 20 {
			r.errs[err.Error()]++
		}
	}
	rs.statuses[key]++
	if !ok {
		rs.failed++
	}
}

// RouteStats is the summary of one route: durations in milliseconds.
type RouteStats struct {
	Count    int            `json:"count"`
	Failed   int            `json:"failed"`
	Rate     float64        `json:"rate_per_s"`
	Min      float64        `json:"min_ms"`
	Avg      float64        `json:"avg_ms"`
	P50      float64        `json:"p50_ms"`
	P90      float64        `json:"p90_ms"`
	P95      float64        `json:"p95_ms"`
	P99      float64        `json:"p99_ms"`
	Max      float64        `json:"max_ms"`
	Statuses map[string]int `json:"statuses"`
}

// percentile with linear interpolation between closest ranks (as k6 computes trends); fanout's
// delivery latencies are int32 µs.
func percentile[T float64 | int32](sorted []T, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	if lo == hi {
		return float64(sorted[lo])
	}
	return float64(sorted[lo]) + (float64(sorted[hi])-float64(sorted[lo]))*(pos-float64(lo))
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func (r *Recorder) stats(elapsed time.Duration) map[string]*RouteStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]*RouteStats{}
	for route, rs := range r.routes {
		s := append([]float64(nil), rs.ms...)
		sort.Float64s(s)
		sum := 0.0
		for _, v := range s {
			sum += v
		}
		st := &RouteStats{Count: len(s), Failed: rs.failed, Statuses: rs.statuses}
		if len(s) > 0 {
			st.Min, st.Max = round3(s[0]), round3(s[len(s)-1])
			st.Avg = round3(sum / float64(len(s)))
			st.P50 = round3(percentile(s, 50))
			st.P90 = round3(percentile(s, 90))
			st.P95 = round3(percentile(s, 95))
			st.P99 = round3(percentile(s, 99))
		}
		if elapsed > 0 {
			st.Rate = round3(float64(len(s)) / elapsed.Seconds())
		}
		out[route] = st
	}
	return out
}

// Phase is one constant-arrival-rate run: iterations start at fixed times (rate per second,
// open model) whether or not earlier ones have finished. Like k6's pre-allocated VUs, MaxInflight
// workers are started up front; an iteration that is due while every worker has an unfinished
// iteration is dropped and counted, like k6's dropped_iterations. (Long-lived workers, rather
// than a goroutine per iteration, spare the runner a fresh stack per request on the machine it
// shares with the service.)
type Phase struct {
	Rate        float64
	Duration    time.Duration
	MaxInflight int
}

type PhaseResult struct {
	Scheduled int64
	Completed int64
	Dropped   int64
	Elapsed   time.Duration
}

func (p Phase) Run(iteration func(it int64, rnd *rand.Rand)) PhaseResult {
	n := int64(math.Round(p.Rate * p.Duration.Seconds()))
	if n < 1 {
		n = 1
	}
	res := PhaseResult{Scheduled: n}
	// idle counts the workers not assigned an iteration. An iteration is dropped only when it is
	// zero: a worker that is still starting up, or between two iterations, counts as free, and
	// the buffer holds an assigned iteration until its worker takes it.
	var idle atomic.Int64
	idle.Store(int64(p.MaxInflight))
	due := make(chan int64, p.MaxInflight)
	var wg sync.WaitGroup
	var completed atomic.Int64
	for w := 0; w < p.MaxInflight; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := &splitMix64{}
			rnd := rand.New(src)
			for it := range due {
				src.Seed(it*7919 + 17) // each iteration's choices depend on its number only
				iteration(it, rnd)
				completed.Add(1)
				idle.Add(1)
			}
		}()
	}
	interval := float64(time.Second) / p.Rate
	start := time.Now()
	for i := int64(0); i < n; i++ {
		at := start.Add(time.Duration(float64(i) * interval))
		if d := time.Until(at); d > 0 {
			time.Sleep(d)
		}
		if idle.Add(-1) >= 0 {
			due <- i // never blocks: at most MaxInflight iterations are assigned and unfinished
		} else {
			idle.Add(1)
			res.Dropped++
		}
	}
	close(due)
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Completed = completed.Load()
	return res
}

// splitMix64 is a rand.Source64 whose seeding costs nothing (math/rand's default source fills
// 607 words on every Seed: ~5% of the runner's CPU when seeded per iteration).
type splitMix64 struct{ state uint64 }

func (s *splitMix64) Seed(seed int64) { s.state = uint64(seed) }

func (s *splitMix64) Uint64() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *splitMix64) Int63() int64 { return int64(s.Uint64() >> 1) }

func fmtMs(v float64) string { return fmt.Sprintf("%.2fms", v) }
