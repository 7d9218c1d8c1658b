package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// workloads.json is the one definition of the workloads, shared with the k6 scripts in k6/ (they
// open it through k6/lib/workloads.js): routes, rates, durations and thresholds live there only,
// so the two runners cannot drift. Embedded, so the built runner needs no file beside it.
//
//go:embed workloads.json
var definitionJSON []byte

// Definition mirrors workloads.json.
type Definition struct {
	HTTPReqFailed   string                `json:"http_req_failed"`
	MaxDroppedShare float64               `json:"max_dropped_share"`
	Profiles        map[string]ProfileDef `json:"profiles"`
	Routes          map[string]RouteDef   `json:"routes"`
	Workloads       []WorkloadDef         `json:"workloads"`
}

// ProfileDef is what a run profile (full or smoke) sets for every workload.
type ProfileDef struct {
	Warmup         string  `json:"warmup"`
	ThresholdScale float64 `json:"threshold_scale"`
}

// RouteDef is one request shape: the route tag's method, path (with {seq} or {lock_id} filled
// in by the iteration), body content type and the statuses that count as success.
type RouteDef struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	ContentType string `json:"content_type,omitempty"`
	Expect      []int  `json:"expect"`
}

// RateDef is a workload's arrival rate and measured duration in one profile.
type RateDef struct {
	Rate     float64 `json:"rate"`
	Duration string  `json:"duration"`
}

// WorkloadDef is one workload of workloads.json.
type WorkloadDef struct {
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Full        RateDef            `json:"full"`
	Smoke       RateDef            `json:"smoke"`
	Thresholds  map[string]float64 `json:"thresholds"`
	Params      WorkloadParams     `json:"params"`
}

// WorkloadParams are the numbers an iteration needs; each workload uses the ones it names.
type WorkloadParams struct {
	SearchLimit  int       `json:"search_limit"`
	VerifyWindow int64     `json:"verify_window"`
	FullEvery    int64     `json:"full_every"`
	MoveCPEvery  int64     `json:"move_cp_every"`
	LockTTLSec   int       `json:"lock_ttl_sec"`
	MixStride    int64     `json:"mix_stride"`
	Mix          []MixStep `json:"mix"`
}

// MixStep is one step of a mixed workload and its share of the iterations.
type MixStep struct {
	Step   string `json:"step"`
	Weight int64  `json:"weight"`
}

// Rate returns the workload's rate and duration in a profile.
func (w WorkloadDef) Rate(profile string) RateDef {
	if profile == "smoke" {
		return w.Smoke
	}
	return w.Full
}

// mixTotal is the sum of the mix weights: any run of that many consecutive iterations draws
// every step exactly its weight times (mixStep).
func (p WorkloadParams) mixTotal() int64 {
	var t int64
	for _, m := range p.Mix {
		t += m.Weight
	}
	return t
}

// mixStep picks iteration it's step: slot (it*stride) mod total walks every slot once per total
// iterations (stride and total are coprime), so even a short smoke run samples every route,
// which a random draw would not. k6/ide-day.js picks the same way.
func (p WorkloadParams) mixStep(it int64) string {
	total := p.mixTotal()
	slot := (it % total) * p.MixStride % total
	for _, m := range p.Mix {
		if slot < m.Weight {
			return m.Step
		}
		slot -= m.Weight
	}
	panic("unreachable: slot below the mix total")
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// parseDefinition decodes and checks a definition: everything the runner reads must be there.
func parseDefinition(raw []byte) (*Definition, error) {
	var d Definition
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("workloads.json: %w", err)
	}
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if d.HTTPReqFailed != "rate==0" {
		bad("http_req_failed must be rate==0 (the only expression both runners evaluate), got %q", d.HTTPReqFailed)
	}
	if d.MaxDroppedShare <= 0 || d.MaxDroppedShare >= 1 {
		bad("max_dropped_share must be in (0, 1), got %g", d.MaxDroppedShare)
	}
	for _, p := range []string{"full", "smoke"} {
		pr, ok := d.Profiles[p]
		if !ok {
			bad("profile %s missing", p)
			continue
		}
		if _, err := time.ParseDuration(pr.Warmup); err != nil {
			bad("profile %s: warmup: %v", p, err)
		}
		if pr.ThresholdScale <= 0 {
			bad("profile %s: threshold_scale must be positive", p)
		}
	}
	for name, r := range d.Routes {
		if r.Method == "" || !strings.HasPrefix(r.Path, "/") || len(r.Expect) == 0 {
			bad("route %s: method, path and expect are required", name)
		}
	}
	seen := map[string]bool{}
	for _, w := range d.Workloads {
		if w.Name == "" || seen[w.Name] {
			bad("workload name %q empty or repeated", w.Name)
		}
		seen[w.Name] = true
		for _, p := range []string{"full", "smoke"} {
			r := w.Rate(p)
			if r.Rate <= 0 {
				bad("%s: %s rate must be positive", w.Name, p)
			}
			if d, err := time.ParseDuration(r.Duration); err != nil || d <= 0 {
				bad("%s: %s duration %q", w.Name, p, r.Duration)
			}
		}
		if len(w.Thresholds) == 0 {
			bad("%s: no thresholds", w.Name)
		}
		for _, route := range sortedKeys(w.Thresholds) {
			if _, ok := d.Routes[route]; !ok {
				bad("%s: threshold on unknown route %s", w.Name, route)
			}
			if w.Thresholds[route] <= 0 {
				bad("%s: threshold of %s must be positive", w.Name, route)
			}
		}
		if len(w.Params.Mix) > 0 {
			if total := w.Params.mixTotal(); w.Params.MixStride <= 0 || gcd(w.Params.MixStride, total) != 1 {
				bad("%s: mix_stride %d must be positive and coprime with the mix total %d", w.Name, w.Params.MixStride, total)
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("workloads.json: %s", strings.Join(errs, "; "))
	}
	return &d, nil
}

// definition is the embedded workloads.json; a broken file fails every run and every test.
var definition = func() *Definition {
	d, err := parseDefinition(definitionJSON)
	if err != nil {
		panic(err)
	}
	return d
}()
