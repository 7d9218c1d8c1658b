package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Workload is one scenario of workloads.json (Def: rates, durations, thresholds) with the
// iteration logic that only code can hold: what each iteration sends, and the checks after it.
type Workload struct {
	Name        string
	Description string
	Def         WorkloadDef
	Setup       func(e *Env) error
	Iteration   func(e *Env, it int64, rnd *rand.Rand)
	Check       func(e *Env) []CheckResult // after the run (e.g. the chain still verifies)
}

// Thresholds is route -> p95 limit in ms, from the definition.
func (w *Workload) Thresholds() map[string]float64 { return w.Def.Thresholds }

type CheckResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Env is what iterations share: the client, the project, the latest ETag seen, counters.
type Env struct {
	C       *Client
	Project string
	etag    atomic.Value // string
	head    atomic.Int64 // newest seq known at setup
	okCount atomic.Int64 // successful requests of the kind a check counts (append: writes; log-proofs: inclusion proofs)
	okOther atomic.Int64 // a second such count (log-proofs: consistency proofs)
	mu      sync.Mutex
	extra   map[string]any
}

// req is a request of a route of the definition; the caller fills in the path's {seq} or
// {lock_id}, appends a query, adds a body and headers.
func (e *Env) req(route string) Request {
	r, ok := definition.Routes[route]
	if !ok {
		panic("route " + route + " is not in workloads.json")
	}
	q := Request{Route: route, Method: r.Method, Path: r.Path, Expect: r.Expect}
	if r.ContentType != "" {
		q.Headers = map[string]string{"Content-Type": r.ContentType}
	}
	return q
}

func (q Request) withBody(b []byte) Request {
	q.Body = b
	return q
}

func (q Request) withHeaders(h map[string]string) Request {
	merged := map[string]string{}
	for k, v := range q.Headers {
		merged[k] = v
	}
	for k, v := range h {
		merged[k] = v
	}
	q.Headers = merged
	return q
}

func (q Request) withPath(placeholder, value string) Request {
	q.Path = strings.Replace(q.Path, "{"+placeholder+"}", value, 1)
	return q
}

func (q Request) withQuery(v url.Values) Request {
	q.Path += "?" + v.Encode()
	return q
}

func (e *Env) ETag() string {
	if v, ok := e.etag.Load().(string); ok {
		return v
	}
	return ""
}

func (e *Env) noteETag(r Response) {
	if r.OK && r.Headers != nil {
		if t := r.Headers.Get("ETag"); t != "" {
			e.etag.Store(t)
		}
	}
}

var actors = []string{"alice", "bob", "ci", "agent:planner", "agent:coder"}
var actions = []string{"build", "test", "review", "note", "cp_transition"}

// entryFields gives the i-th synthetic history entry (used by seeding and by the append load).
func entryFields(i int64) (actor, action string, cpFrom, cpTo *string, metadata map[string]any) {
	actor = actors[i%int64(len(actors))]
	action = actions[(i/3)%int64(len(actions))]
	if action == "cp_transition" {
		f := fmt.Sprintf("CP%d-LC", 1+(i/5)%8)
		t := fmt.Sprintf("CP%d-LC", 2+(i/5)%8)
		cpFrom, cpTo = &f, &t
	}
	metadata = map[string]any{
		"run":    i,
		"ticket": fmt.Sprintf("DS-%d", i%500),
		"files":  []any{fmt.Sprintf("src/main/java/io/devstate/F%d.java", i%97), "docs/API.md"},
	}
	return
}

func appendBody(i int64) []byte {
	actor, action, cpFrom, cpTo, md := entryFields(i)
	body := map[string]any{"actor": actor, "action": action, "metadata": md}
	if cpFrom != nil {
		body["cp_from"], body["cp_to"] = *cpFrom, *cpTo
	}
	b, _ := json.Marshal(body)
	return b
}

func agents(i int64) []any {
	statuses := []string{"planned", "pending", "in_progress", "completed", "blocked"}
	out := []any{}
	for a := int64(0); a < 4; a++ {
		out = append(out, map[string]any{
			"id": fmt.Sprintf("a%d", a+1), "name": []string{"planner", "coder", "reviewer", "tester"}[a],
			"task": fmt.Sprintf("task %d of the current checkpoint", (i+a)%40), "cp": fmt.Sprintf("CP%d-LC", 3+(i/50)%5),
			"status": statuses[(i+a)%int64(len(statuses))], "updated_at": time.Now().UTC().Format(time.RFC3339),
		})
	}
	return out
}

// stateDoc is a realistic, schema-valid .trae/state.json.
func stateDoc(project string) []byte {
	checksums := []any{}
	for k := 0; k < 8; k++ {
		checksums = append(checksums, map[string]any{
			"path": fmt.Sprintf("docs/artifact-%d.md", k),
			"hash": fmt.Sprintf("%064x", k*7919+1), "ts": "2026-11-25T09:58:12Z",
		})
	}
	doc := map[string]any{
		"project": project, "version": "1.0.0", "current_cp": "CP3-LC", "no_drift": true,
		"agents": agents(0), "artifact_checksums": checksums,
		"migration_params":        map[string]any{"batch_size": 500, "dry_run": false},
		"observability_artifacts": map[string]any{"dashboard": "deploy/observability/devstate.json"},
		"updated_at":              "2026-11-25T10:00:00Z",
	}
	b, _ := json.Marshal(doc)
	return b
}

// statePatch is the i-th merge patch; every moveCPEvery-th also moves current_cp.
func statePatch(i, moveCPEvery int64) []byte {
	patch := map[string]any{"agents": agents(i), "no_drift": i%7 != 0, "updated_at": time.Now().UTC().Format(time.RFC3339)}
	if moveCPEvery > 0 && i%moveCPEvery == 0 {
		patch["current_cp"] = fmt.Sprintf("CP%d-LC", 3+(i/moveCPEvery)%5)
	}
	b, _ := json.Marshal(patch)
	return b
}

func actorHeaders(i int64) map[string]string {
	return map[string]string{
		"DevState-Actor":    actors[i%int64(len(actors))],
		"DevState-Metadata": fmt.Sprintf(`{"ticket":"DS-%d","source":"loadtest"}`, i%500),
	}
}

// searchQuery rotates over the newest page and the four filters.
func searchQuery(i int64, limit int) url.Values {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	switch i % 5 {
	case 1:
		q.Set("actor", actors[(i/5)%int64(len(actors))])
	case 2:
		q.Set("action", actions[(i/5)%int64(len(actions)-1)])
	case 3:
		q.Set("cp", fmt.Sprintf("CP%d-LC", 2+(i/5)%8))
	case 4:
		q.Set("metadata", fmt.Sprintf(`{"ticket":"DS-%d"}`, (i/5)%500))
	}
	return q
}

// --- requests ---

func getState(e *Env) Response {
	r := e.C.Do(e.req("state_read"))
	e.noteETag(r)
	return r
}

func readHead(e *Env) (int64, error) {
	r := e.C.Do(Request{Route: "setup", Method: "GET", Path: "/v1/devstate/history/search?limit=1", Expect: []int{200}})
	if !r.OK {
		return 0, fmt.Errorf("search for the head: HTTP %d %s", r.Status, trim(r.Body))
	}
	var page struct {
		Items []struct {
			Seq int64 `json:"seq"`
		} `json:"items"`
	}
	if err := json.Unmarshal(r.Body, &page); err != nil {
		return 0, err
	}
	if len(page.Items) == 0 {
		return 0, nil
	}
	return page.Items[0].Seq, nil
}

type verifyResult struct {
	OK       bool            `json:"ok"`
	Verified int64           `json:"verified"`
	Failure  json.RawMessage `json:"failure"`
	Head     *struct {
		Seq int64 `json:"seq"`
	} `json:"head"`
}

func verifyAll(e *Env) (verifyResult, error) {
	var v verifyResult
	r := e.C.Do(Request{Route: "setup", Method: "GET", Path: "/v1/devstate/verify", Expect: []int{200}})
	if !r.OK {
		return v, fmt.Errorf("verify: HTTP %d %s", r.Status, trim(r.Body))
	}
	return v, json.Unmarshal(r.Body, &v)
}

func trim(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

func setupETag(e *Env) error {
	r := getState(e)
	if !r.OK || e.ETag() == "" {
		return fmt.Errorf("read state: HTTP %d %s", r.Status, trim(r.Body))
	}
	return nil
}

func setupHead(e *Env) error {
	h, err := readHead(e)
	e.head.Store(h)
	return err
}

func verifyWindow(e *Env, size int64) Request {
	from := e.head.Load() - size + 1
	if from < 1 {
		from = 1
	}
	return e.req("verify_window").withQuery(url.Values{"from": {strconv.FormatInt(from, 10)}, "limit": {strconv.FormatInt(size, 10)}})
}

func stateUpdate(e *Env, it, moveCPEvery int64) Response {
	return e.C.Do(e.req("state_update").withBody(statePatch(it, moveCPEvery)).withHeaders(actorHeaders(it)))
}

func appendEntry(e *Env, it int64) Response {
	return e.C.Do(e.req("append").withBody(appendBody(it)))
}

// behaviours is the iteration logic per workload name; workloads.json has the numbers. A
// workload in the file without a behaviour here (or the reverse) fails Workloads().
var behaviours = map[string]func(w *Workload){
	"state-read": func(w *Workload) {
		w.Setup = setupETag
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) { getState(e) }
	},
	"state-read-304": func(w *Workload) {
		w.Setup = setupETag
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) {
			e.C.Do(e.req("state_read_304").withHeaders(map[string]string{"If-None-Match": e.ETag()}))
		}
	},
	"search": func(w *Workload) {
		limit := w.Def.Params.SearchLimit
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) {
			e.C.Do(e.req("search").withQuery(searchQuery(it, limit)))
		}
	},
	"verify": func(w *Workload) {
		p := w.Def.Params
		w.Setup = setupHead
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) {
			if it%p.FullEvery == p.FullEvery-1 {
				e.C.Do(e.req("verify_full"))
			} else {
				e.C.Do(verifyWindow(e, p.VerifyWindow))
			}
		}
	},
	"export": func(w *Workload) {
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) { e.C.Do(e.req("export")) }
	},
	"state-update": func(w *Workload) {
		every := w.Def.Params.MoveCPEvery
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) { stateUpdate(e, it, every) }
	},
	"append": func(w *Workload) {
		w.Setup = setupHead
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) {
			if appendEntry(e, it).OK {
				e.okCount.Add(1)
			}
		}
		w.Check = checkChainCount
	},
	"log-proofs": func(w *Workload) {
		w.Setup = func(e *Env) error {
			if err := setupHead(e); err != nil {
				return err
			}
			if e.head.Load() < 1 {
				return fmt.Errorf("project %s has no entries: there is no tree to prove anything in", e.Project)
			}
			return nil
		}
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) {
			inclusion := it%2 == 0
			r := e.C.Do(logProof(e, inclusion, rnd))
			if r.OK && it < warmupOffset { // the check counts the measured phase's answers only
				if inclusion {
					e.okCount.Add(1)
				} else {
					e.okOther.Add(1)
				}
			}
		}
		w.Check = checkLogProofs
	},
	"ide-day": func(w *Workload) {
		p := w.Def.Params
		w.Setup = func(e *Env) error {
			if err := setupETag(e); err != nil {
				return err
			}
			return setupHead(e)
		}
		w.Iteration = func(e *Env, it int64, rnd *rand.Rand) { ideDayStep(e, p, it, rnd) }
	},
}

// checkChainCount: after the appends the whole chain verifies and holds exactly the entries
// from before plus every successful append.
func checkChainCount(e *Env) []CheckResult {
	want := e.head.Load() + e.okCount.Load()
	v, err := verifyAll(e)
	res := CheckResult{Name: "chain verifies with the exact count"}
	if err != nil {
		res.Detail = err.Error()
		return []CheckResult{res}
	}
	head := int64(-1)
	if v.Head != nil {
		head = v.Head.Seq
	}
	res.OK = v.OK && v.Verified == want && head == want
	res.Detail = fmt.Sprintf("ok=%v verified=%d head=%d expected=%d (%d before + %d appended)",
		v.OK, v.Verified, head, want, e.head.Load(), e.okCount.Load())
	if len(v.Failure) > 0 && string(v.Failure) != "null" {
		res.Detail += " failure=" + string(v.Failure)
	}
	return []CheckResult{res}
}

// logProof is an iteration of log-proofs: the inclusion proof of a pseudo-random entry in the tree
// of the head's size, or the consistency proof from a pseudo-random size to the head's. Both are
// picked in [1, head] (a consistency proof from the head itself is empty, as a client whose
// checkpoint is current gets).
func logProof(e *Env, inclusion bool, rnd *rand.Rand) Request {
	head := e.head.Load()
	size := strconv.FormatInt(head, 10)
	pick := strconv.FormatInt(1+rnd.Int63n(max64(head, 1)), 10)
	if inclusion {
		return e.req("log_inclusion").withQuery(url.Values{"seq": {pick}, "size": {size}})
	}
	return e.req("log_consistency").withQuery(url.Values{"from": {pick}, "to": {size}})
}

// inclusionProofLen is how many hashes RFC 9162's inclusion proof of leaf index in a tree of size
// leaves has (section 2.1.3.1: one per split on the way down to the leaf).
func inclusionProofLen(index, size int64) int {
	n := 0
	for size > 1 {
		k := int64(1)
		for k<<1 < size {
			k <<= 1
		}
		if index < k {
			size = k
		} else {
			index, size = index-k, size-k
		}
		n++
	}
	return n
}

// checkLogProofs: after the run, the latest inclusion proof of the head entry is one of a tree of
// exactly the head's size (the log holds the chain the proofs were asked against, nothing was
// left out of it), with the path length RFC 9162 gives; and each route answered 200 at least once
// in the measured phase. The thresholds already fail a route without a sample (actual -1) and any
// failed request; this says so in the check too, so the workload cannot pass on proofs it never got.
func checkLogProofs(e *Env) []CheckResult {
	head := e.head.Load()
	tree := CheckResult{Name: "the log's tree has the head's size"}
	r := e.C.Do(Request{Route: "setup", Method: "GET", Expect: []int{200},
		Path: definition.Routes["log_inclusion"].Path + "?seq=" + strconv.FormatInt(head, 10)})
	var p struct {
		Seq       int64    `json:"seq"`
		LeafIndex int64    `json:"leaf_index"`
		TreeSize  int64    `json:"tree_size"`
		Hashes    []string `json:"hashes"`
	}
	want := inclusionProofLen(head-1, head)
	switch {
	case !r.OK:
		tree.Detail = fmt.Sprintf("inclusion proof of seq %d: HTTP %d %s", head, r.Status, trim(r.Body))
	case json.Unmarshal(r.Body, &p) != nil:
		tree.Detail = fmt.Sprintf("inclusion proof of seq %d: not JSON: %s", head, trim(r.Body))
	default:
		tree.OK = p.TreeSize == head && p.Seq == head && p.LeafIndex == head-1 && len(p.Hashes) == want
		tree.Detail = fmt.Sprintf("tree_size=%d head=%d, seq %d at leaf_index %d with %d hashes (expected %d)",
			p.TreeSize, head, p.Seq, p.LeafIndex, len(p.Hashes), want)
	}
	inclusions, consistencies := e.okCount.Load(), e.okOther.Load()
	answered := CheckResult{Name: "every proof route answered 200 in the measured phase", OK: inclusions > 0 && consistencies > 0,
		Detail: fmt.Sprintf("log_inclusion %d, log_consistency %d", inclusions, consistencies)}
	return []CheckResult{tree, answered}
}

// Workloads in the order of workloads.json (reads first, on the seeded chain, then writes), each
// bound to its behaviour.
func Workloads() []*Workload {
	return bindWorkloads(definition)
}

func bindWorkloads(d *Definition) []*Workload {
	var out []*Workload
	for _, def := range d.Workloads {
		bind, ok := behaviours[def.Name]
		if !ok {
			panic("workloads.json: workload " + def.Name + " has no behaviour in loadtest/workloads.go")
		}
		w := &Workload{Name: def.Name, Description: def.Description, Def: def}
		bind(w)
		out = append(out, w)
	}
	if len(out) != len(behaviours) {
		panic("loadtest/workloads.go: a behaviour has no workload in workloads.json")
	}
	return out
}

func ideDayStep(e *Env, p WorkloadParams, it int64, rnd *rand.Rand) {
	switch p.mixStep(it) {
	case "state_read":
		getState(e)
	case "state_read_cond":
		r := e.C.Do(e.req("state_read_cond").withHeaders(map[string]string{"If-None-Match": e.ETag()}))
		if r.Status == 200 {
			e.noteETag(r)
		}
	case "search":
		e.C.Do(e.req("search").withQuery(searchQuery(it, p.SearchLimit)))
	case "append":
		appendEntry(e, it)
	case "state_update":
		e.noteETag(stateUpdate(e, it, p.MoveCPEvery))
	case "verify_window":
		e.C.Do(verifyWindow(e, p.VerifyWindow))
	case "lock":
		// An agent leases its own task scope (scope "state" would make concurrent plain updates 423).
		body := fmt.Sprintf(`{"scope":"task-%d","ttl_sec":%d,"owner":"agent:%d","reason":"ide-day"}`, it, p.LockTTLSec, it%8)
		r := e.C.Do(e.req("lock_acquire").withBody([]byte(body)))
		if r.OK {
			var lock struct {
				LockID string `json:"lock_id"`
			}
			if json.Unmarshal(r.Body, &lock) == nil && lock.LockID != "" {
				e.C.Do(e.req("lock_release").withPath("lock_id", url.PathEscape(lock.LockID)))
			}
		}
	case "history_get":
		seq := 1 + rnd.Int63n(max64(e.head.Load(), 1))
		e.C.Do(e.req("history_get").withPath("seq", strconv.FormatInt(seq, 10)))
	default:
		panic("ide-day: unknown mix step " + p.mixStep(it))
	}
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
