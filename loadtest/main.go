// devstate-load: the DevState load-test runner (constant-arrival-rate workloads with per-route
// p95 thresholds, like k6 scenarios). Standard library only; built by scripts/lib/loadgen.sh.
//
//	devstate-load run [WORKLOAD...]   run workloads (default: all), exit 99 when a threshold fails
//	devstate-load fanout [flags]      subscribers of one project's change feed while appends arrive
//	                                  (exit 99 when a threshold fails, 3 when an entry was lost,
//	                                  repeated or reordered or a subscriber failed)
//	devstate-load seed                import LOAD_SEED_ENTRIES signed entries into LOAD_PROJECT
//	devstate-load list                list the workloads, their default rates and thresholds
//	devstate-load version
//
// See loadtest/README.md for the environment variables.
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

const version = "devstate-load 1.0.0"

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "version", "--version":
		fmt.Println(version)
	case "list":
		for _, w := range Workloads() {
			fmt.Printf("%-15s %6g/s for %s (smoke %g/s for %s)  %s\n", w.Name, w.Def.Full.Rate, w.Def.Full.Duration,
				w.Def.Smoke.Rate, w.Def.Smoke.Duration, w.Description)
			for _, r := range sortedKeys(w.Thresholds()) {
				fmt.Printf("%15s   http_req_duration{route:%s} p(95)<%g\n", "", r, w.Thresholds()[r])
			}
		}
	case "run":
		os.Exit(runCmd(os.Args[2:]))
	case "fanout":
		os.Exit(fanoutCmd(os.Args[2:]))
	case "fanout-subscribers": // fanout -subscriber-nice's child, not for direct use
		os.Exit(fanoutSubscribersCmd())
	case "seed":
		os.Exit(seedCmd())
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: devstate-load run [WORKLOAD...] | fanout [flags] | seed | list | version (see loadtest/README.md)")
	os.Exit(2)
}

func fail(format string, a ...any) int {
	fmt.Fprintf(os.Stderr, "devstate-load: "+format+"\n", a...)
	return 1
}

// checkURL accepts only loopback targets: load is never sent anywhere else.
func checkURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("DEVSTATE_URL must be an http(s) URL, got %q", raw)
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("DEVSTATE_URL must point at this machine (127.0.0.1, localhost or [::1]), got %q", host)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/"), nil
}

func envOr(name, def string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return def
}

func envDuration(name, def string) (time.Duration, error) {
	d, err := parseDuration(envOr(name, def))
	if err != nil {
		return 0, fmt.Errorf("%s: %v", name, err)
	}
	return d, nil
}

// parseDuration reads "3s", "1m" or plain seconds.
func parseDuration(v string) (time.Duration, error) {
	if n, err := strconv.ParseFloat(v, 64); err == nil { // plain seconds
		return time.Duration(n * float64(time.Second)), nil
	}
	return time.ParseDuration(v)
}

// startCPUProfile starts LOAD_CPU_PROFILE, a pprof CPU profile of the runner itself (`go tool
// pprof`), to see what the load generator costs on a machine it shares with the service; the
// function it returns stops it.
func startCPUProfile() (func(), error) {
	path := os.Getenv("LOAD_CPU_PROFILE")
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func envFloat(name string, def float64) (float64, error) {
	v := os.Getenv(name)
	if strings.TrimSpace(v) == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("%s must be a positive number, got %q", name, v)
	}
	return f, nil
}

type common struct {
	base, project, token string
	client               *Client
}

func setupCommon() (*common, error) {
	base, err := checkURL(envOr("DEVSTATE_URL", "http://127.0.0.1:3180"))
	if err != nil {
		return nil, err
	}
	project := envOr("LOAD_PROJECT", fmt.Sprintf("load-%d", time.Now().Unix()))
	maxInflight, err := envFloat("LOAD_MAX_INFLIGHT", 256)
	if err != nil {
		return nil, err
	}
	token := os.Getenv("DEVSTATE_TOKEN")
	return &common{base: base, project: project, token: token, client: NewClient(base, project, token, int(maxInflight))}, nil
}

func seedCmd() int {
	c, err := setupCommon()
	if err != nil {
		return fail("%v", err)
	}
	n, err := envFloat("LOAD_SEED_ENTRIES", 10000)
	if err != nil {
		return fail("%v", err)
	}
	secret := os.Getenv("DEVSTATE_HMAC_SECRET")
	if secret == "" {
		return fail("seed signs the imported history: set DEVSTATE_HMAC_SECRET (and DEVSTATE_HMAC_KID, default k1) to the service's key")
	}
	out, err := seed(c.client, c.project, envOr("DEVSTATE_HMAC_KID", "k1"), secret, int64(n))
	if err != nil {
		return fail("%v", err)
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	return 0
}

// ensureData gives the project a state and at least min entries (through the API) when it has
// fewer: the smoke run starts from an empty project, the benchmark from a seeded one.
func ensureData(e *Env, min int64) error {
	r := e.C.Do(Request{Route: "setup", Method: "GET", Path: "/v1/devstate/state", Expect: []int{200, 404}})
	if !r.OK {
		return fmt.Errorf("GET state: HTTP %d %s", r.Status, trim(r.Body))
	}
	if r.Status == 404 {
		s := e.C.Do(Request{Route: "setup", Method: "PUT", Path: "/v1/devstate/state", Body: stateDoc(e.Project),
			Headers: map[string]string{"DevState-Actor": "loadtest-setup"}, Expect: []int{200}})
		if !s.OK {
			return fmt.Errorf("PUT state: HTTP %d %s", s.Status, trim(s.Body))
		}
	}
	head, err := readHead(e)
	if err != nil {
		return err
	}
	if head >= min {
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	next := make(chan int64)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := e.C.Do(Request{Route: "setup", Method: "POST", Path: "/v1/devstate/history", Body: appendBody(i), Expect: []int{201}})
				if !a.OK {
					select {
					case errs <- fmt.Errorf("seed append: HTTP %d %s", a.Status, trim(a.Body)):
					default:
					}
				}
			}
		}()
	}
	for i := head + 1; i <= min; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

type Threshold struct {
	Metric string  `json:"metric"`
	Expr   string  `json:"expr"`
	Actual float64 `json:"actual"`
	OK     bool    `json:"ok"`
}

type Summary struct {
	Tool        string                 `json:"tool"`
	Workload    string                 `json:"workload"`
	Description string                 `json:"description"`
	Started     string                 `json:"started"`
	Config      map[string]any         `json:"config"`
	Iterations  map[string]int64       `json:"iterations"`
	ElapsedS    float64                `json:"elapsed_s"`
	HTTPReqs    int                    `json:"http_reqs"`
	HTTPRate    float64                `json:"http_reqs_per_s"`
	Failed      int                    `json:"http_req_failed"`
	FailedRate  float64                `json:"http_req_failed_rate"`
	Routes      map[string]*RouteStats `json:"routes"`
	Thresholds  []Threshold            `json:"thresholds"`
	Checks      []CheckResult          `json:"checks"`
	Errors      map[string]int         `json:"errors,omitempty"`
	OK          bool                   `json:"ok"`
}

func runCmd(args []string) int {
	c, err := setupCommon()
	if err != nil {
		return fail("%v", err)
	}
	// The runner keeps few live objects; a rarer GC (unless GOGC says otherwise) measured about a
	// tenth less runner CPU at 3000 req/s, most of it goroutine stacks shrunk by each GC and grown back.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	stopProfile, err := startCPUProfile()
	if err != nil {
		return fail("%v", err)
	}
	defer stopProfile()
	all := Workloads()
	byName := map[string]*Workload{}
	for _, w := range all {
		byName[w.Name] = w
	}
	var selected []*Workload
	if len(args) == 0 || (len(args) == 1 && args[0] == "all") {
		selected = all
	} else {
		for _, a := range args {
			for _, n := range strings.Split(a, ",") {
				w := byName[strings.TrimSpace(n)]
				if w == nil {
					return fail("unknown workload %q (devstate-load list)", n)
				}
				selected = append(selected, w)
			}
		}
	}
	// LOAD_PROFILE picks the rates, durations, warm-up and threshold scale of workloads.json:
	// full (the benchmark) or smoke (the short run of ./mvnw verify and the k6 CI job).
	profileName := envOr("LOAD_PROFILE", "full")
	profile, ok := definition.Profiles[profileName]
	if !ok {
		return fail("LOAD_PROFILE must be full or smoke, got %q", profileName)
	}
	warmup, err := envDuration("LOAD_WARMUP", profile.Warmup)
	if err != nil {
		return fail("%v", err)
	}
	maxInflight, _ := envFloat("LOAD_MAX_INFLIGHT", 256)
	minEntries, err := envFloat("LOAD_MIN_ENTRIES", 100)
	if err != nil {
		return fail("%v", err)
	}
	// LOAD_THRESHOLD_SCALE (default: the profile's) multiplies every p95 limit, not the error or
	// chain checks: a cold JVM on a shared CI machine is no latency measurement.
	scale, err := envFloat("LOAD_THRESHOLD_SCALE", profile.ThresholdScale)
	if err != nil {
		return fail("%v", err)
	}
	summaryDir := os.Getenv("LOAD_SUMMARY_DIR")
	if summaryDir != "" {
		if err := os.MkdirAll(summaryDir, 0o755); err != nil {
			return fail("%v", err)
		}
	}

	setupEnv := &Env{C: c.client, Project: c.project}
	if err := ensureData(setupEnv, int64(minEntries)); err != nil {
		return fail("setup of project %s: %v", c.project, err)
	}
	fmt.Printf("%s -> %s, project %s, profile %s, warmup %s, threshold scale %g\n", version, c.base, c.project, profileName, warmup, scale)

	exit := 0
	for _, w := range selected {
		rate, err := workloadRate(w, profileName)
		if err != nil {
			return fail("%v", err)
		}
		duration, err := envDuration("LOAD_DURATION", w.Def.Rate(profileName).Duration)
		if err != nil {
			return fail("%v", err)
		}
		s, err := runWorkload(c, w, rate, duration, warmup, int(maxInflight), scale)
		if err != nil {
			return fail("%s: %v", w.Name, err)
		}
		printSummary(s)
		if summaryDir != "" {
			b, _ := json.MarshalIndent(s, "", "  ")
			if err := os.WriteFile(filepath.Join(summaryDir, w.Name+".json"), append(b, '\n'), 0o644); err != nil {
				return fail("%v", err)
			}
		}
		if !s.OK && exit == 0 {
			exit = 99 // like k6: thresholds (or checks) failed
		}
	}
	if exit != 0 {
		fmt.Println("\nsome thresholds or checks failed")
	}
	return exit
}

// workloadRate: LOAD_RATE_<NAME> (e.g. LOAD_RATE_STATE_READ_304), else LOAD_RATE, else the
// profile's rate from workloads.json.
func workloadRate(w *Workload, profile string) (float64, error) {
	def := w.Def.Rate(profile).Rate
	key := "LOAD_RATE_" + strings.ToUpper(strings.NewReplacer("-", "_").Replace(w.Name))
	if os.Getenv(key) != "" {
		return envFloat(key, def)
	}
	return envFloat("LOAD_RATE", def)
}

// warmupOffset numbers the warm-up's iterations: they draw other payloads than the measured
// phase's, and an iteration tells from its number (it >= warmupOffset) that it is not measured.
const warmupOffset int64 = 1 << 40

func runWorkload(c *common, w *Workload, rate float64, duration, warmup time.Duration, maxInflight int, scale float64) (*Summary, error) {
	e := &Env{C: c.client, Project: c.project}
	if w.Setup != nil {
		if err := w.Setup(e); err != nil {
			return nil, fmt.Errorf("setup: %w", err)
		}
	}
	iteration := func(it int64, rnd *rand.Rand) { w.Iteration(e, it, rnd) }
	if warmup > 0 {
		// Same rate, not recorded: lets the JIT and the connection pools settle.
		Phase{Rate: rate, Duration: warmup, MaxInflight: maxInflight}.Run(func(it int64, rnd *rand.Rand) { iteration(it+warmupOffset, rnd) }) // other payloads than the measured phase's
	}
	rec := NewRecorder()
	started := time.Now().UTC()
	c.client.rec.Store(rec)
	pr := Phase{Rate: rate, Duration: duration, MaxInflight: maxInflight}.Run(iteration)
	c.client.rec.Store(nil)

	s := &Summary{Tool: version, Workload: w.Name, Description: w.Description, Started: started.Format(time.RFC3339),
		Config: map[string]any{"rate_per_s": rate, "duration_s": duration.Seconds(), "warmup_s": warmup.Seconds(),
			"max_inflight": maxInflight, "project": c.project, "executor": "constant-arrival-rate", "threshold_scale": scale},
		Iterations: map[string]int64{"scheduled": pr.Scheduled, "completed": pr.Completed, "dropped": pr.Dropped},
		ElapsedS:   round3(pr.Elapsed.Seconds()), Routes: rec.stats(pr.Elapsed), Errors: rec.errs}
	for _, st := range s.Routes {
		s.HTTPReqs += st.Count
		s.Failed += st.Failed
	}
	s.HTTPRate = round3(float64(s.HTTPReqs) / pr.Elapsed.Seconds())
	if s.HTTPReqs > 0 {
		s.FailedRate = float64(s.Failed) / float64(s.HTTPReqs)
	}
	s.Thresholds = evaluateThresholds(w.Thresholds(), s.Routes, s.Failed, pr, scale)
	s.OK = true
	for _, t := range s.Thresholds {
		s.OK = s.OK && t.OK
	}
	if w.Check != nil {
		for _, ch := range w.Check(e) {
			s.Checks = append(s.Checks, ch)
			s.OK = s.OK && ch.OK
		}
	}
	return s, nil
}

// evaluateThresholds judges a measured phase: no failed request, at most max_dropped_share of
// the scheduled iterations dropped, and per route p95 below its limit (times scale).
func evaluateThresholds(limits map[string]float64, routes map[string]*RouteStats, failed int, pr PhaseResult, scale float64) []Threshold {
	var out []Threshold
	requests := 0
	for _, st := range routes {
		requests += st.Count
	}
	failedRate := 0.0
	if requests > 0 {
		failedRate = float64(failed) / float64(requests)
	}
	out = append(out, Threshold{Metric: "http_req_failed", Expr: definition.HTTPReqFailed, Actual: failedRate, OK: failed == 0})
	// The arrival rate counts as delivered while at most max_dropped_share of the scheduled
	// iterations was dropped (all workers busy, e.g. behind a GC pause). Counted as slower than any
	// request, 1 in 1000 cannot move a p95 (or a p99) above the measured one's neighbour.
	share := definition.MaxDroppedShare
	droppedRate := 0.0
	if pr.Scheduled > 0 {
		droppedRate = float64(pr.Dropped) / float64(pr.Scheduled)
	}
	out = append(out, Threshold{Metric: "dropped_iterations", Expr: fmt.Sprintf("rate<%g", share), Actual: droppedRate,
		OK: droppedRate < share})
	for _, route := range sortedKeys(limits) {
		limit := limits[route] * scale
		t := Threshold{Metric: "http_req_duration{route:" + route + "}", Expr: fmt.Sprintf("p(95)<%g", limit), Actual: -1}
		// A route without a sample fails: its latency was not measured, so the run cannot claim
		// the target (the workload or the run is too short to reach that route).
		if st := routes[route]; st != nil && st.Count > 0 {
			t.Actual, t.OK = st.P95, st.P95 < limit
		}
		out = append(out, t)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func printSummary(s *Summary) {
	fmt.Printf("\n== %s: %s\n", s.Workload, s.Description)
	fmt.Printf("   %g it/s for %gs: %d scheduled, %d completed, %d dropped; %d requests (%.1f/s), %d failed\n",
		s.Config["rate_per_s"], s.Config["duration_s"], s.Iterations["scheduled"], s.Iterations["completed"],
		s.Iterations["dropped"], s.HTTPReqs, s.HTTPRate, s.Failed)
	for _, r := range sortedKeys(s.Routes) {
		st := s.Routes[r]
		fmt.Printf("   %-16s n=%-7d p50=%-10s p95=%-10s p99=%-10s max=%-10s statuses=%v\n", r, st.Count,
			fmtMs(st.P50), fmtMs(st.P95), fmtMs(st.P99), fmtMs(st.Max), st.Statuses)
	}
	for _, t := range s.Thresholds {
		mark := "✓"
		if !t.OK {
			mark = "✗"
		}
		fmt.Printf("   %s %s %s (actual %g)\n", mark, t.Metric, t.Expr, t.Actual)
	}
	for _, ch := range s.Checks {
		mark := "✓"
		if !ch.OK {
			mark = "✗"
		}
		fmt.Printf("   %s check: %s: %s\n", mark, ch.Name, ch.Detail)
	}
	for msg, n := range s.Errors {
		fmt.Printf("   error x%d: %s\n", n, msg)
	}
}
