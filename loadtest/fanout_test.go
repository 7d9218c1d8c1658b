package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSeqTrackCountsMissedRepeatedAndReorderedEntries(t *testing.T) {
	clean := newSeqTrack(10, 100)
	for seq := int64(11); seq <= 15; seq++ {
		clean.observe(seq, uint32(seq))
	}
	if clean.missed(15) != 0 || clean.duplicates != 0 || clean.outOfOrder != 0 || clean.unexpected != 0 || clean.events != 5 {
		t.Fatalf("in order: %+v missed %d", clean, clean.missed(15))
	}
	if clean.missed(17) != 2 { // the head moved on and the subscriber never read 16, 17
		t.Fatalf("entries after the last read count as missed: %d", clean.missed(17))
	}

	tr := newSeqTrack(10, 100)
	for _, seq := range []int64{11, 13, 13, 12, 15, 10, 9, 500} {
		tr.observe(seq, 1)
	}
	// 13 twice: a repeat; 12 after 13: out of order (and so not missed); 14: missed; 10 (the
	// position subscribed from), 9 and 500 (past the limit): unexpected.
	if tr.duplicates != 1 || tr.outOfOrder != 1 || tr.unexpected != 3 || tr.missed(15) != 1 || tr.last != 15 || tr.events != 8 {
		t.Fatalf("got dup %d ooo %d unexpected %d missed %d last %d events %d", tr.duplicates, tr.outOfOrder, tr.unexpected,
			tr.missed(15), tr.last, tr.events)
	}
	if at, ok := tr.readTime(13); !ok || at != 1 {
		t.Fatalf("a repeat keeps the first read time: %d %v", at, ok)
	}
	if _, ok := tr.readTime(14); ok {
		t.Fatal("seq 14 was not read")
	}
}

func TestDeliveryLatenciesCountMeasuredAppendsOnly(t *testing.T) {
	var log appendLog
	log.add(1, appendAt{sent: 0, ack: 1000, measured: false}) // a warm-up append
	for seq := int64(2); seq <= 101; seq++ {
		log.add(seq, appendAt{sent: seq * 1000, ack: seq*1000 + 500, measured: true})
	}
	a, b := newSeqTrack(0, 1000), newSeqTrack(0, 1000)
	for seq := int64(1); seq <= 101; seq++ {
		// a reads each entry (seq-1) ms after its acknowledgement: 1..100 ms over the measured ones
		a.observe(seq, uint32(seq*1000+500+(seq-1)*1000))
		if seq != 50 {
			b.observe(seq, uint32(seq*1000+400)) // b: 0.1 ms before the answer was read; misses 50
		}
	}
	d, bad := account([]*seqTrack{a, b}, []*appendLog{&log}, []int64{101})
	if d.MeasuredAppends != 100 || d.Expected != 200 || d.Delivered != 199 || d.Missed != 1 || len(bad) != 1 || bad[0] != 1 {
		t.Fatalf("counts: %+v bad %v", d, bad)
	}
	// 199 samples: 99 of -0.1 ms (b) and 1..100 ms (a).
	var want []float64
	for i := 0; i < 99; i++ {
		want = append(want, -0.1)
	}
	for ms := 1; ms <= 100; ms++ {
		want = append(want, float64(ms))
	}
	ack := d.AfterAck
	if ack.Count != 199 || ack.Min != -0.1 || ack.Max != 100 || ack.P50 != round3(percentile(want, 50)) ||
		ack.P95 != round3(percentile(want, 95)) || ack.P99 != round3(percentile(want, 99)) {
		t.Fatalf("after ack: %+v, want p50 %g p95 %g p99 %g", ack, percentile(want, 50), percentile(want, 95), percentile(want, 99))
	}
	if d.AfterSend.Count != 199 || d.AfterSend.Min != 0.4 || d.AfterSend.Max != 100.5 {
		t.Fatalf("after send: %+v", d.AfterSend)
	}
}

// Several projects: each track is accounted against its own project's appends and head only, and
// latencies are matched by (project, seq): the projects' seqs overlap.
func TestAccountKeepsProjectsApart(t *testing.T) {
	var logs [2]appendLog
	for seq := int64(1); seq <= 10; seq++ {
		logs[0].add(seq, appendAt{sent: seq * 1000, ack: seq*1000 + 100, measured: true})
	}
	for seq := int64(1); seq <= 20; seq++ {
		logs[1].add(seq, appendAt{sent: seq * 7000, ack: seq*7000 + 100, measured: seq > 2}) // 1, 2: warm-up
	}
	a := newProjectTrack(0, 0, 1000) // project 0: reads 1..10, each 1 ms after its answer
	for seq := int64(1); seq <= 10; seq++ {
		a.observe(seq, uint32(seq*1000+100+1000))
	}
	b, c := newProjectTrack(1, 0, 1000), newProjectTrack(1, 0, 1000) // project 1: 5 ms after; b misses 15
	for seq := int64(1); seq <= 20; seq++ {
		if seq != 15 {
			b.observe(seq, uint32(seq*7000+100+5000))
		}
		c.observe(seq, uint32(seq*7000+100+5000))
	}
	d, bad := account([]*seqTrack{a, b, c}, []*appendLog{&logs[0], &logs[1]}, []int64{10, 20})
	// a is complete at its project's head 10 (project 1's 11..20 are not its entries); b's missed
	// 15 is a fault of project 1 although project 0 has no seq 15 at all.
	if d.MeasuredAppends != 28 || d.Expected != 10+18+18 || d.Delivered != 45 || d.Missed != 1 || d.Unexpected != 0 ||
		d.Head != 20 || len(bad) != 1 || bad[0] != 1 || d.EventsRead != 10+19+20 {
		t.Fatalf("counts: %+v bad %v", d, bad)
	}
	// Matched by seq alone, project 0's reads would be compared with project 1's answers.
	if d.AfterAck.Count != 45 || d.AfterAck.Min != 1 || d.AfterAck.Max != 5 || d.AfterSend.Min != 1.1 || d.AfterSend.Max != 5.1 {
		t.Fatalf("latencies: after ack %+v after send %+v", d.AfterAck, d.AfterSend)
	}

	// An entry past its project's head (another project's, say) is unexpected; one seq missed on
	// project 0 is a fault although project 1 is complete.
	a2 := newProjectTrack(0, 0, 1000)
	for _, seq := range []int64{1, 2, 3, 4, 6, 7, 8, 9, 10, 17} {
		a2.observe(seq, uint32(seq*1000+100+1000))
	}
	d, bad = account([]*seqTrack{a2, c}, []*appendLog{&logs[0], &logs[1]}, []int64{10, 20})
	if d.Missed != 1 || d.Unexpected != 1 || d.Delivered != 9+18 || len(bad) != 1 || bad[0] != 0 {
		t.Fatalf("missed 5 and read 17 on project 0: %+v bad %v", d, bad)
	}
}

func TestPercentileOfMicrosecondsMatchesTheRoutes(t *testing.T) {
	us := []int32{5000, 1000, 3000, 2000, 4000}
	st := latencyStats(us)
	ms := []float64{1, 2, 3, 4, 5}
	if st.P50 != percentile(ms, 50) || st.P95 != round3(percentile(ms, 95)) || st.Min != 1 || st.Max != 5 || st.Avg != 3 {
		t.Fatalf("%+v", st)
	}
	if st := latencyStats(nil); st.Count != 0 || st.P95 != 0 {
		t.Fatalf("no samples: %+v", st)
	}
}

func TestDeliveryThresholdWithoutSamplesFails(t *testing.T) {
	cfg := fanoutConfig{Subscribers: 10, DeliveryP95: 250}
	routes := map[string]*RouteStats{"append": {Count: 100, P95: 5}}
	pr := PhaseResult{Scheduled: 100, Completed: 100}
	for name, d := range map[string]*DeliveryStats{"nil": nil, "empty": {AfterAck: &LatencyStats{}}} {
		th := fanoutThresholds(cfg, routes, 0, pr, d)
		last := th[len(th)-1]
		if last.Metric != deliveryMetric || last.OK || last.Actual != -1 {
			t.Fatalf("%s: a delivery threshold without samples must fail with actual -1: %+v", name, th)
		}
	}
	th := fanoutThresholds(cfg, routes, 0, pr, &DeliveryStats{AfterAck: &LatencyStats{Count: 3, P95: 260}})
	if last := th[len(th)-1]; last.OK || last.Actual != 260 || last.Expr != "p(95)<250" {
		t.Fatalf("over the limit: %+v", last)
	}
	th = fanoutThresholds(cfg, routes, 0, pr, &DeliveryStats{AfterAck: &LatencyStats{Count: 3, P95: 12}})
	if last := th[len(th)-1]; !last.OK {
		t.Fatalf("under the limit: %+v", last)
	}
	// The baseline (no subscribers) has no delivery to judge; the append route's still count.
	base := fanoutThresholds(fanoutConfig{AppendP95: 4}, routes, 1, pr, nil)
	if len(base) != 3 || base[0].Metric != "http_req_failed" || base[0].OK || base[1].Metric != "dropped_iterations" || !base[1].OK ||
		base[2].Metric != "http_req_duration{route:append}" || base[2].OK {
		t.Fatalf("baseline: http_req_failed (1 failed), dropped_iterations, append p95 (5 > 4): %+v", base)
	}
}

func TestReadSSE(t *testing.T) {
	stream := ": heartbeat\n\nid: 3\r\nevent: entry\r\ncontent-type:application/json\r\ndata:{\"seq\":3}\r\n\r\n" +
		"event: state\ndata: {\"a\":1}\ndata: {\"b\":2}\n\n" + "data: plain\n\n" + "id: 4\nevent: entry\ndata: {}\n"
	var got []string
	err := readSSE(strings.NewReader(stream), func(name, id, data string) error {
		got = append(got, name+"|"+id+"|"+data)
		return nil
	})
	want := []string{`entry|3|{"seq":3}`, "state||{\"a\":1}\n{\"b\":2}", "message||plain"} // the last has no closing empty line
	if err != nil || strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("got %q, %v", got, err)
	}
	if seq, err := entrySeq("", `{"seq":7}`); seq != 7 || err != nil {
		t.Fatalf("seq from the data: %d %v", seq, err)
	}
	if _, err := entrySeq("x", `{"seq":7}`); err == nil {
		t.Fatal("an id that is not a seq is an error")
	}
}

// fakeFeed is a service with just what fanout uses: the state and head reads, appends, and the
// change feed as Server-Sent Events, per project, with faults to inject per connection.
type fakeFeed struct {
	mu       sync.Mutex
	heads    map[string]int64 // by project
	conns    []fakeConn
	maxConns int                                               // further connections answer 429
	delay    time.Duration                                     // an entry event is written this long after its append
	send     func(project string, conn int, seq int64) []int64 // what connection conn (of project) gets for seq (nil: just seq)
	extra    func(conn int, seq int64) string                  // raw text written before seq's event (e.g. a state event)
	answer   func(w http.ResponseWriter, seq int64)            // the append's answer (nil: 201 with the seq)
	appended map[string]int                                    // appends answered, by project
}

type fakeConn struct {
	project string
	ch      chan fakeEvent
}

type fakeEvent struct {
	seq int64
	at  time.Time
}

// head is project's newest seq.
func (f *fakeFeed) head(project string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.heads[project]
}

func (f *fakeFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	project := r.URL.Query().Get("project")
	switch p := r.URL.Path; {
	case r.Method == "GET" && p == "/v1/devstate/state":
		_, _ = w.Write([]byte(`{}`))
	case r.Method == "GET" && p == "/v1/devstate/history/search":
		head := f.head(project)
		if head == 0 {
			_, _ = w.Write([]byte(`{"items":[]}`))
			return
		}
		_, _ = fmt.Fprintf(w, `{"items":[{"seq":%d}]}`, head)
	case r.Method == "POST" && p == "/v1/devstate/history":
		f.mu.Lock()
		if f.heads == nil {
			f.heads = map[string]int64{}
		}
		if f.appended == nil {
			f.appended = map[string]int{}
		}
		f.heads[project]++
		f.appended[project]++
		seq := f.heads[project]
		for i, c := range f.conns {
			if c.project != project {
				continue
			}
			out := []int64{seq}
			if f.send != nil {
				out = f.send(project, i, seq)
			}
			for _, s := range out {
				c.ch <- fakeEvent{s, time.Now()}
			}
		}
		f.mu.Unlock()
		if f.answer != nil {
			f.answer(w, seq)
			return
		}
		w.WriteHeader(201)
		_, _ = fmt.Fprintf(w, `{"project":%q,"seq":%d}`, project, seq)
	case r.Method == "GET" && p == "/v1/devstate/events":
		f.events(w, r)
	default:
		http.Error(w, "no such route in the fake", 404)
	}
}

func (f *fakeFeed) events(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if f.maxConns > 0 && len(f.conns) >= f.maxConns {
		f.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(429)
		_, _ = w.Write([]byte(`{"title":"Too Many Requests","status":429,"detail":"this caller already has change feeds open"}`))
		return
	}
	project := r.URL.Query().Get("project")
	conn := len(f.conns)
	ch := make(chan fakeEvent, 100000)
	f.conns = append(f.conns, fakeConn{project, ch})
	head := f.heads[project] // no append before every subscriber is connected
	f.mu.Unlock()
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	if after != head && r.Header.Get("Last-Event-ID") == "" {
		http.Error(w, "after must be the head", 400)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(200)
	_, _ = w.Write([]byte(": heartbeat\n\n"))
	w.(http.Flusher).Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-ch:
			time.Sleep(time.Until(e.at.Add(f.delay)))
			if f.extra != nil {
				_, _ = w.Write([]byte(f.extra(conn, e.seq)))
			}
			_, _ = fmt.Fprintf(w, "content-type:application/json\nid:%d\nevent:entry\ndata:{\"project\":%q,\"seq\":%d,"+
				"\"ts\":\"2026-12-07T06:15:19.964774Z\",\"actor\":\"alice\",\"action\":\"build\",\"hmac\":\"%064x\","+
				"\"state_checksum\":null,\"checkpoint_size\":%d}\n\n", e.seq, project, e.seq, e.seq, e.seq)
			w.(http.Flusher).Flush()
		}
	}
}

func fakeRun(t *testing.T, f *fakeFeed, reader string, subscribers int, p95 float64) (*FanoutSummary, error) {
	t.Helper()
	f.heads = map[string]int64{"p": 5}
	return fakeRunProjects(t, f, reader, subscribers, 1, p95)
}

// fakeRunProjects runs fanout on the fake: 100 appends/s, 0.1 s warm-up (10 appends) and 0.3 s
// measured (30), over projects projects named p (one) or p-<i>.
func fakeRunProjects(t *testing.T, f *fakeFeed, reader string, subscribers, projects int, p95 float64) (*FanoutSummary, error) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return runFanout(fanoutConfig{Base: srv.URL, Project: "p", Subscribers: subscribers, Projects: projects, Rate: 100,
		Duration: 300 * time.Millisecond, Warmup: 100 * time.Millisecond, ConnectTimeout: 3 * time.Second,
		Drain: 2 * time.Second, DeliveryP95: p95, Reader: reader, MaxInflight: 16, MinEntries: 1})
}

func TestFanoutAccountsForEveryEntry(t *testing.T) {
	for _, reader := range []string{"client", "raw"} {
		t.Run(reader, func(t *testing.T) {
			f := &fakeFeed{extra: func(conn int, seq int64) string {
				if seq%10 == 0 {
					return "event: state\ndata: {\"version\":3}\n\nevent: lock\ndata: {}\n\n" // not entries: ignored
				}
				return ""
			}}
			s, err := fakeRun(t, f, reader, 4, 250)
			if err != nil {
				t.Fatal(err)
			}
			d := s.Delivery
			if s.Exit != 0 || !s.OK || d.MeasuredAppends != 30 || d.Expected != 120 || d.Delivered != 120 || d.Missed != 0 ||
				d.Head != 45 || d.EventsRead != 4*40 || d.AfterAck.Count != 120 || s.Routes["append"].Count != 30 {
				t.Fatalf("exit %d ok %v delivery %+v checks %+v thresholds %+v errors %v", s.Exit, s.OK, d, s.Checks, s.Thresholds, s.Errors)
			}
			if reader == "raw" && d.OtherEvents != 4*4*2 {
				t.Fatalf("state and lock events of 4 seqs on 4 streams: %d", d.OtherEvents)
			}
		})
	}
}

// TestMain lets the test binary be fanout's subscribers' child process (os.Executable is the test binary).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "fanout-subscribers" {
		os.Exit(fanoutSubscribersCmd())
	}
	os.Exit(m.Run())
}

func TestFanoutInAChildProcessAccountsForEveryEntryAndAMissedOne(t *testing.T) {
	if _, err := exec.LookPath("nice"); err != nil {
		t.Skip("no nice(1) here")
	}
	f := &fakeFeed{send: func(_ string, conn int, seq int64) []int64 {
		if conn == 1 && seq == 20 {
			return nil
		}
		return []int64{seq}
	}}
	f.heads = map[string]int64{"p": 5}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	s, err := runFanout(fanoutConfig{Base: srv.URL, Project: "p", Subscribers: 3, Projects: 1, Rate: 100,
		Duration: 300 * time.Millisecond, Warmup: 100 * time.Millisecond, ConnectTimeout: 3 * time.Second,
		Drain: 2 * time.Second, DeliveryP95: 250, Reader: "client", MaxInflight: 16, MinEntries: 1,
		SubscriberProcess: true, SubscriberNice: 5})
	if err != nil {
		t.Fatal(err)
	}
	d := s.Delivery
	// 3 subscribers of seqs 6..45 (16..45 measured); one of them never got seq 20.
	if s.Exit != exitDelivery || d.Missed != 1 || d.SubscribersBad != 1 || d.Delivered != 89 || d.AfterAck.Count != 89 ||
		s.SubscriberCPUS <= 0 {
		t.Fatalf("exit %d delivery %+v subscriber CPU %v checks %+v errors %v", s.Exit, d, s.SubscriberCPUS, s.Checks, s.Errors)
	}
}

func TestFanoutFailsOnAMissedEntry(t *testing.T) {
	for _, reader := range []string{"client", "raw"} {
		t.Run(reader, func(t *testing.T) {
			f := &fakeFeed{send: func(_ string, conn int, seq int64) []int64 {
				if conn == 1 && seq == 20 {
					return nil
				}
				return []int64{seq}
			}}
			s, err := fakeRun(t, f, reader, 3, 250)
			if err != nil {
				t.Fatal(err)
			}
			if s.Exit != exitDelivery || s.OK || s.Delivery.Missed != 1 || s.Delivery.SubscribersBad != 1 || s.Checks[0].OK {
				t.Fatalf("exit %d delivery %+v checks %+v", s.Exit, s.Delivery, s.Checks)
			}
		})
	}
}

// The raw reader sees the wire: a repeated or reordered entry fails the run. (The client skips
// a seq it has delivered, by design; a reordering reaches it as a missed entry.)
func TestFanoutFailsOnARepeatedOrReorderedEntry(t *testing.T) {
	for name, send := range map[string]func(project string, conn int, seq int64) []int64{
		"repeated": func(_ string, conn int, seq int64) []int64 {
			if conn == 0 && seq == 20 {
				return []int64{20, 20}
			}
			return []int64{seq}
		},
		"reordered": func(_ string, conn int, seq int64) []int64 {
			switch {
			case conn == 2 && seq == 20:
				return nil
			case conn == 2 && seq == 21:
				return []int64{21, 20}
			}
			return []int64{seq}
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, err := fakeRun(t, &fakeFeed{send: send}, "raw", 3, 250)
			if err != nil {
				t.Fatal(err)
			}
			d := s.Delivery
			if s.Exit != exitDelivery || d.Missed != 0 || d.Duplicated+d.OutOfOrder != 1 || d.SubscribersBad != 1 {
				t.Fatalf("exit %d delivery %+v", s.Exit, d)
			}
		})
	}
}

// Seven subscribers over three projects (3, 2, 2), each project from its own head (p-1 is
// empty and gets its first entry), appends round-robin: 10 measured ones per project.
func TestFanoutOverSeveralProjects(t *testing.T) {
	for _, reader := range []string{"client", "raw"} {
		t.Run(reader, func(t *testing.T) {
			f := &fakeFeed{heads: map[string]int64{"p-0": 5, "p-2": 12}}
			s, err := fakeRunProjects(t, f, reader, 7, 3, 250)
			if err != nil {
				t.Fatal(err)
			}
			d := s.Delivery
			// warm-up iterations 0..9: 4, 3, 3 appends; measured 0..29: 10 each
			if s.Exit != 0 || !s.OK || d.MeasuredAppends != 30 || d.Expected != 7*10 || d.Delivered != 70 || d.Missed != 0 ||
				d.Head != 12+13 || d.EventsRead != 3*14+2*13+2*13 || d.AfterAck.Count != 70 || s.Routes["append"].Count != 30 ||
				s.Config["projects"] != 3 || d.DeliveredPerS <= 0 {
				t.Fatalf("exit %d ok %v delivery %+v checks %+v thresholds %+v errors %v config %v", s.Exit, s.OK, d, s.Checks,
					s.Thresholds, s.Errors, s.Config)
			}
			if got := s.Config["after"].([]int64); got[0] != 5 || got[1] != 1 || got[2] != 12 {
				t.Fatalf("after by project: %v", got)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.appended["p-0"] != 14 || f.appended["p-1"] != 1+13 || f.appended["p-2"] != 13 || f.appended["p"] != 0 {
				t.Fatalf("appends by project (p-1: one to set it up): %v", f.appended)
			}
		})
	}
}

func TestFanoutFailsOnAMissedEntryOfOneProject(t *testing.T) {
	for _, reader := range []string{"client", "raw"} {
		t.Run(reader, func(t *testing.T) {
			dropped := false
			f := &fakeFeed{heads: map[string]int64{"p-0": 5, "p-1": 5, "p-2": 5}, send: func(project string, _ int, seq int64) []int64 {
				if project == "p-1" && seq == 12 && !dropped { // one connection of p-1 misses its seq 12
					dropped = true
					return nil
				}
				return []int64{seq}
			}}
			s, err := fakeRunProjects(t, f, reader, 6, 3, 250)
			if err != nil {
				t.Fatal(err)
			}
			d := s.Delivery
			if s.Exit != exitDelivery || s.OK || d.Missed != 1 || d.SubscribersBad != 1 || d.Delivered != d.Expected-1 ||
				s.Checks[0].OK || !strings.Contains(s.Checks[0].Detail, "project p-1") {
				t.Fatalf("exit %d delivery %+v checks %+v", s.Exit, d, s.Checks)
			}
		})
	}
}

// The raw reader sees the wire: an entry on a project's feed past that project's head (another
// project's seq) is a fault.
func TestFanoutFailsOnAnEntryPastItsProjectsHead(t *testing.T) {
	leaked := false
	f := &fakeFeed{heads: map[string]int64{"p-0": 5, "p-1": 100}, send: func(project string, _ int, seq int64) []int64 {
		if project == "p-0" && seq == 8 && !leaked {
			leaked = true
			return []int64{8, 105} // 105: a seq of p-1, not of p-0
		}
		return []int64{seq}
	}}
	s, err := fakeRunProjects(t, f, "raw", 4, 2, 250)
	if err != nil {
		t.Fatal(err)
	}
	d := s.Delivery
	if s.Exit != exitDelivery || d.Unexpected != 1 || d.SubscribersBad != 1 {
		t.Fatalf("exit %d delivery %+v checks %+v", s.Exit, d, s.Checks)
	}
}

func TestFanoutDeliveryThreshold(t *testing.T) {
	s, err := fakeRun(t, &fakeFeed{delay: 30 * time.Millisecond}, "client", 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	th := s.Thresholds[len(s.Thresholds)-1]
	if s.Exit != 99 || th.Metric != deliveryMetric || th.OK || th.Actual < 10 || !s.Checks[0].OK {
		t.Fatalf("exit %d thresholds %+v checks %+v", s.Exit, s.Thresholds, s.Checks)
	}
}

// Appends that fail leave no samples: the delivery threshold fails rather than pass on nothing.
func TestFanoutWithoutAcknowledgedAppendsFails(t *testing.T) {
	f := &fakeFeed{answer: func(w http.ResponseWriter, _ int64) { http.Error(w, "boom", 500) }}
	s, err := fakeRun(t, f, "client", 2, 250)
	if err != nil {
		t.Fatal(err)
	}
	th := s.Thresholds[len(s.Thresholds)-1]
	if s.Exit == 0 || s.OK || th.OK || th.Actual != -1 || s.Delivery.AfterAck.Count != 0 || s.Failed != 30 {
		t.Fatalf("exit %d failed %d thresholds %+v", s.Exit, s.Failed, s.Thresholds)
	}
}

func TestFanoutStopsWhenSubscribersCannotConnect(t *testing.T) {
	for _, reader := range []string{"client", "raw"} {
		t.Run(reader, func(t *testing.T) {
			f := &fakeFeed{maxConns: 2, heads: map[string]int64{"p": 5}}
			srv := httptest.NewServer(f)
			defer srv.Close()
			_, err := runFanout(fanoutConfig{Base: srv.URL, Project: "p", Subscribers: 4, Rate: 100, Duration: time.Second,
				ConnectTimeout: 1500 * time.Millisecond, Drain: time.Second, DeliveryP95: 250, Reader: reader, MaxInflight: 4, MinEntries: 1})
			if err == nil || !strings.Contains(err.Error(), "2 of 4 subscribers connected") || !strings.Contains(err.Error(), "429") {
				t.Fatalf("want a connect error naming the 429, got %v", err)
			}
			if h := f.head("p"); h != 5 {
				t.Fatalf("nothing may be appended before every subscriber is connected: head %d", h)
			}
		})
	}
}

func TestFanoutConfigValidation(t *testing.T) {
	ok := fanoutConfig{Subscribers: 1, Projects: 1, Rate: 1, Duration: time.Second, Reader: "client", MaxInflight: 1, DeliveryP95: 1}
	if err := ok.validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []func(c *fanoutConfig){
		func(c *fanoutConfig) { c.Subscribers = -1 },
		func(c *fanoutConfig) { c.Rate = 0 },
		func(c *fanoutConfig) { c.Reader = "sse" },
		func(c *fanoutConfig) { c.DeliveryP95 = 0 },
		func(c *fanoutConfig) { c.Duration = time.Hour },
		func(c *fanoutConfig) { c.Projects = 0 },
		func(c *fanoutConfig) { c.Projects = maxProjects + 1 },
	} {
		c := ok
		bad(&c)
		if c.validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
}
