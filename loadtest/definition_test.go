package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestThresholdOnRouteWithoutSampleFails(t *testing.T) {
	limits := map[string]float64{"search": 50, "history_get": 50}
	routes := map[string]*RouteStats{"search": {Count: 10, P95: 3}}
	got := evaluateThresholds(limits, routes, 0, PhaseResult{Scheduled: 10}, 1)
	byMetric := map[string]Threshold{}
	for _, th := range got {
		byMetric[th.Metric] = th
	}
	if th := byMetric["http_req_duration{route:history_get}"]; th.OK || th.Actual != -1 {
		t.Fatalf("a route without a sample must fail with actual -1, got %+v", th)
	}
	if th := byMetric["http_req_duration{route:search}"]; !th.OK || th.Actual != 3 {
		t.Fatalf("a sampled route under its limit passes, got %+v", th)
	}
}

func TestThresholdsComeFromTheDefinition(t *testing.T) {
	got := evaluateThresholds(map[string]float64{"append": 20}, map[string]*RouteStats{"append": {Count: 1, P95: 30}},
		0, PhaseResult{Scheduled: 1000, Dropped: 1}, 2)
	want := []Threshold{
		{Metric: "http_req_failed", Expr: "rate==0", Actual: 0, OK: true},
		{Metric: "dropped_iterations", Expr: "rate<0.001", Actual: 0.001, OK: false},
		{Metric: "http_req_duration{route:append}", Expr: "p(95)<40", Actual: 30, OK: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestDefinitionRejectsAThresholdOnAnUnknownRoute(t *testing.T) {
	broken := strings.Replace(string(definitionJSON), `"thresholds": {"append": 20}`, `"thresholds": {"apend": 20}`, 1)
	if broken == string(definitionJSON) {
		t.Fatal("fixture: the append threshold is not in workloads.json as expected")
	}
	if _, err := parseDefinition([]byte(broken)); err == nil || !strings.Contains(err.Error(), "unknown route apend") {
		t.Fatalf("want an unknown-route error, got %v", err)
	}
}

func TestMixDrawsEveryStepItsWeightPerCycle(t *testing.T) {
	for _, w := range definition.Workloads {
		p := w.Params
		if len(p.Mix) == 0 {
			continue
		}
		total := p.mixTotal()
		// The smoke run must last a whole cycle, or a rare step (and its route) draws no sample.
		if n := int64(w.Smoke.Rate * mustDuration(t, w.Smoke.Duration).Seconds()); n < total {
			t.Errorf("%s: smoke run has %d iterations, fewer than one mix cycle (%d)", w.Name, n, total)
		}
		for _, offset := range []int64{0, 1 << 40} { // measured phase and warm-up number their iterations so
			counts := map[string]int64{}
			for it := offset; it < offset+total; it++ {
				counts[p.mixStep(it)]++
			}
			for _, m := range p.Mix {
				if counts[m.Step] != m.Weight {
					t.Errorf("%s: step %s drawn %d times in %d iterations from %d, want %d", w.Name, m.Step, counts[m.Step], total, offset, m.Weight)
				}
			}
		}
	}
}

// Every workload, run against a fake service for its smoke iterations, sends requests on exactly
// the routes its thresholds name: a route without a threshold, or a threshold no iteration
// reaches, is drift between the iteration logic and workloads.json.
func TestEveryWorkloadSendsExactlyItsThresholdRoutes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(fakeService))
	defer srv.Close()
	for _, w := range Workloads() {
		c := NewClient(srv.URL, "p", "", 4)
		e := &Env{C: c, Project: "p"}
		if w.Setup != nil {
			if err := w.Setup(e); err != nil {
				t.Fatalf("%s: setup: %v", w.Name, err)
			}
		}
		rec := NewRecorder()
		c.rec.Store(rec)
		n := int64(w.Def.Smoke.Rate * mustDuration(t, w.Def.Smoke.Duration).Seconds())
		for it := int64(0); it < n; it++ {
			w.Iteration(e, it, rand.New(&splitMix64{state: uint64(it)}))
		}
		stats := rec.stats(time.Second)
		var sent, want []string
		for route, st := range stats {
			sent = append(sent, route)
			if st.Failed > 0 {
				t.Errorf("%s: %d requests on %s got a status outside %v: %v", w.Name, st.Failed, route, definition.Routes[route].Expect, st.Statuses)
			}
		}
		for route := range w.Thresholds() {
			want = append(want, route)
		}
		sort.Strings(sent)
		sort.Strings(want)
		if !reflect.DeepEqual(sent, want) {
			t.Errorf("%s: routes sent %v, thresholds on %v", w.Name, sent, want)
		}
	}
}

// fakeService answers like DevState does on each route the workloads use.
func fakeService(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case r.Method == "GET" && p == "/v1/devstate/state":
		w.Header().Set("ETag", `"e1"`)
		if r.Header.Get("If-None-Match") == `"e1"` {
			w.WriteHeader(304)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	case r.Method == "POST" && p == "/v1/devstate/state":
		w.Header().Set("ETag", `"e1"`)
		_, _ = w.Write([]byte(`{}`))
	case r.Method == "GET" && p == "/v1/devstate/history/search":
		_, _ = w.Write([]byte(`{"items":[{"seq":300}]}`))
	case r.Method == "POST" && p == "/v1/devstate/history":
		w.WriteHeader(201)
	case r.Method == "GET" && strings.HasPrefix(p, "/v1/devstate/history/"):
		_, _ = w.Write([]byte(`{}`))
	case r.Method == "GET" && (p == "/v1/devstate/verify" || p == "/v1/devstate/export"):
		_, _ = w.Write([]byte(`{"ok":true,"verified":300,"head":{"seq":300}}`))
	case r.Method == "POST" && p == "/v1/devstate/locks":
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"lock_id":"l1"}`))
	case r.Method == "DELETE" && p == "/v1/devstate/locks/l1":
		w.WriteHeader(204)
	case r.Method == "GET" && p == "/v1/devstate/log/proof/inclusion":
		fakeInclusion(w, r, 300)
	case r.Method == "GET" && p == "/v1/devstate/log/proof/consistency":
		_, _ = fmt.Fprintf(w, `{"from":%s,"to":%s,"hashes":[]}`, r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	default:
		http.Error(w, "no such route in the fake", 404)
	}
}

// fakeInclusion answers an inclusion proof as the service does, in a log of logSize leaves.
func fakeInclusion(w http.ResponseWriter, r *http.Request, logSize int64) {
	q := r.URL.Query()
	seq, _ := strconv.ParseInt(q.Get("seq"), 10, 64)
	size := logSize
	if s := q.Get("size"); s != "" {
		size, _ = strconv.ParseInt(s, 10, 64)
	}
	if seq < 1 || seq > size || size > logSize {
		http.Error(w, "beyond the log", 404)
		return
	}
	hashes := make([]string, inclusionProofLen(seq-1, size))
	for i := range hashes {
		hashes[i] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	}
	b, _ := json.Marshal(map[string]any{"seq": seq, "leaf_index": seq - 1, "tree_size": size, "hashes": hashes})
	_, _ = w.Write(b)
}

// The path length the check expects is RFC 9162's: the shared log vectors (written with
// transparency-dev/merkle) hold every inclusion proof of trees up to their size.
func TestInclusionProofLenMatchesTheVectors(t *testing.T) {
	raw, err := os.ReadFile("../docs/vectors/log.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Inclusion []struct {
			Index int64    `json:"index"`
			Size  int64    `json:"size"`
			Proof []string `json:"proof"`
		} `json:"inclusion"`
	}
	if err := json.Unmarshal(raw, &v); err != nil || len(v.Inclusion) == 0 {
		t.Fatalf("docs/vectors/log.json: %d inclusion vectors, %v", len(v.Inclusion), err)
	}
	for _, c := range v.Inclusion {
		if got := inclusionProofLen(c.Index, c.Size); got != len(c.Proof) {
			t.Errorf("leaf %d of %d: %d hashes, the vector has %d", c.Index, c.Size, got, len(c.Proof))
		}
	}
	// Beyond the vectors' sizes: a full tree of 2^20 leaves, and one leaf more (its last leaf's
	// sibling is the whole full tree).
	if a, b := inclusionProofLen(0, 1<<20), inclusionProofLen(1<<20, 1<<20+1); a != 20 || b != 1 {
		t.Errorf("leaf 0 of 2^20: %d hashes (want 20); leaf 2^20 of 2^20+1: %d (want 1)", a, b)
	}
}

// log-proofs' check fails when the log's tree is not the head's size, and when a route never
// answered 200 in the measured phase (only warm-up iterations, or a service that fails them all).
func TestLogProofsCheckFailsWithoutAMatchingTreeOrAnswers(t *testing.T) {
	var w *Workload
	for _, x := range Workloads() {
		if x.Name == "log-proofs" {
			w = x
		}
	}
	if w == nil {
		t.Fatal("no log-proofs workload")
	}
	run := func(handler http.HandlerFunc, first, n int64) []CheckResult {
		srv := httptest.NewServer(handler)
		defer srv.Close()
		e := &Env{C: NewClient(srv.URL, "p", "", 4), Project: "p"}
		if err := w.Setup(e); err != nil {
			t.Fatalf("setup: %v", err)
		}
		for it := first; it < first+n; it++ {
			w.Iteration(e, it, rand.New(&splitMix64{state: uint64(it)}))
		}
		return w.Check(e)
	}
	oks := func(cs []CheckResult) []bool {
		var out []bool
		for _, c := range cs {
			out = append(out, c.OK)
		}
		return out
	}
	if got := run(fakeService, 0, 10); !reflect.DeepEqual(oks(got), []bool{true, true}) {
		t.Fatalf("against the fake service both checks pass, got %+v", got)
	}
	// The log lags the chain by one entry: every proof at the head's size is 404.
	behind := func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/devstate/log/proof/inclusion" {
			fakeInclusion(rw, r, 299)
			return
		}
		if r.URL.Path == "/v1/devstate/log/proof/consistency" {
			http.Error(rw, "beyond the log", 404)
			return
		}
		fakeService(rw, r)
	}
	if got := run(behind, 0, 10); !reflect.DeepEqual(oks(got), []bool{false, false}) {
		t.Fatalf("a log behind the chain fails both checks, got %+v", got)
	}
	if got := run(fakeService, warmupOffset, 10); !reflect.DeepEqual(oks(got), []bool{true, false}) {
		t.Fatalf("warm-up answers do not count, got %+v", got)
	}
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
