// Hand-written (see .openapi-generator-ignore): SessionConsistency against a local fake server
// (httptest; no DevState needed) that answers writes with canned results and records the
// DevState-Min-* headers of every request.

package devstate

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const testHmac = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

var testReads = map[string]string{
	"/v1/devstate/state": `{"project":"p","json":{},"checksum":"sha256:` + strings.Repeat("b", 64) +
		`","version":1,"updated_at":"2026-11-25T10:00:00.000000Z"}`,
	"/v1/devstate/history/search": `{"items":[],"next_cursor":null}`,
	"/v1/devstate/verify":         `{"ok":true,"verified":0,"head":null,"failure":null}`,
	"/v1/devstate/export":         `{"project":"p","files":{".trae/history.json":"{}",".trae/state.json":null}}`,
}

// fakeServer answers GETs with testReads and every other request with the next reply.
type fakeServer struct {
	*httptest.Server
	mu      sync.Mutex
	status  int
	body    string
	headers [][3]string // path, DevState-Min-Version, DevState-Min-Seq
}

func newFakeServer(t *testing.T) *fakeServer {
	f := &fakeServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		// every value, comma-joined, so that a header sent twice shows
		f.headers = append(f.headers, [3]string{r.URL.Path, strings.Join(r.Header.Values("DevState-Min-Version"), ","),
			strings.Join(r.Header.Values("DevState-Min-Seq"), ",")})
		status, body := f.status, f.body
		if r.Method == http.MethodGet {
			status, body = 200, testReads[r.URL.Path]
		}
		if status < 300 {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "application/problem+json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) reply(status int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status, f.body = status, body
}

func (f *fakeServer) take() [][3]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.headers
	f.headers = nil
	return h
}

func clientFor(baseURL string, session *SessionConsistency) *APIClient {
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: baseURL}}
	cfg.HTTPClient = &http.Client{Transport: session}
	return NewAPIClient(cfg)
}

func stateResult(version, seq int) string {
	return `{"project":"a","checksum":"sha256:` + strings.Repeat("c", 64) + `","version":` + strconv.Itoa(version) +
		`,"updated_at":"2026-11-25T10:00:00.000000Z","seq":` + strconv.Itoa(seq) + `,"hmac":"` + testHmac + `",` +
		logPosition(seq) + `}`
}

// logPosition is the "log" member every write answers: leaf seq-1 in the checkpoint of seq leaves.
func logPosition(seq int) string {
	return `"log":{"leaf_index":` + strconv.Itoa(seq-1) + `,"checkpoint_size":` + strconv.Itoa(seq) + `}`
}

func entryResult(seq int, extra string) string {
	return `{"project":"a","seq":` + strconv.Itoa(seq) + `,"ts":"2026-11-25T10:00:00.000000Z","hmac":"` + testHmac +
		`","new_hmac":"` + testHmac + `",` + logPosition(seq) + extra + `}`
}

// readAll runs the four reads for project and returns the headers they carried.
func readAll(t *testing.T, f *fakeServer, c *APIClient, project string) [][3]string {
	t.Helper()
	ctx := context.Background()
	f.take()
	if _, _, err := c.StateAPI.GetState(ctx).Project(project).Execute(); err != nil {
		t.Fatalf("getState: %v", err)
	}
	if _, _, err := c.HistoryAPI.SearchHistory(ctx).Project(project).Execute(); err != nil {
		t.Fatalf("searchHistory: %v", err)
	}
	if _, _, err := c.VerifyAPI.VerifyChain(ctx).Project(project).Execute(); err != nil {
		t.Fatalf("verifyChain: %v", err)
	}
	if _, _, err := c.FilesAPI.ExportFiles(ctx).Project(project).Execute(); err != nil {
		t.Fatalf("exportFiles: %v", err)
	}
	return f.take()
}

func expected(version, seq string) [][3]string {
	return [][3]string{
		{"/v1/devstate/state", version, ""},
		{"/v1/devstate/history/search", "", seq},
		{"/v1/devstate/verify", "", seq},
		{"/v1/devstate/export", "", seq},
	}
}

func TestSessionSendsTheNumbersOfItsWritesPerProject(t *testing.T) {
	f := newFakeServer(t)
	session := NewSessionConsistency(nil)
	c := clientFor(f.URL, session)
	ctx := context.Background()
	check := func(what string, got, want [][3]string) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: headers %v, want %v", what, got, want)
		}
	}
	check("before any write", readAll(t, f, c, "a"), expected("", ""))

	f.reply(200, stateResult(3, 7))
	result, _, err := c.StateAPI.UpdateState(ctx).Project("a").RequestBody(map[string]interface{}{}).Execute()
	if err != nil || result.Version != 3 || result.Seq != 7 {
		t.Fatalf("the write's answer did not reach the caller intact: %+v %v", result, err)
	}
	check("after updateState", readAll(t, f, c, "a"), expected("3", "7"))
	check("another project", readAll(t, f, c, "b"), expected("", ""))
	check("the default project", readAll(t, f, c, ""), expected("", ""))
	check("another base URL", readAll(t, f, clientFor(strings.Replace(f.URL, "127.0.0.1", "localhost", 1), session), "a"), expected("", ""))

	f.reply(201, entryResult(8, ""))
	appended, _, err := c.HistoryAPI.AppendHistory(ctx).Project("a").AppendRequest(*NewAppendRequest("t", "note")).Execute()
	if err != nil || appended.Seq != 8 {
		t.Fatalf("append: %+v %v", appended, err)
	}
	check("after appendHistory", readAll(t, f, c, "a"), expected("3", "8"))

	f.reply(200, entryResult(9, `,"target_seq":8`))
	if _, _, err := c.HistoryAPI.TombstoneHistoryEntry(ctx, 8).Project("a").Execute(); err != nil {
		t.Fatal(err)
	}
	check("after a tombstone", readAll(t, f, c, "a"), expected("3", "9"))

	f.reply(200, stateResult(4, 10))
	if _, _, err := c.StateAPI.ReplaceState(ctx).Project("a").RequestBody(map[string]interface{}{}).Execute(); err != nil {
		t.Fatal(err)
	}
	check("after replaceState", readAll(t, f, c, "a"), expected("4", "10"))

	// The import answer has the head seq, not the state version.
	f.reply(200, `{"project":"a","outcome":"appended","imported":2,"head":{"seq":12,"hmac":"`+testHmac+`"}}`)
	imported, _, err := c.FilesAPI.ImportFiles(ctx).Project("a").ImportFiles(*NewImportFiles(*NewImportFilesFiles("{}"))).Execute()
	if err != nil || imported.Imported != 2 {
		t.Fatalf("import: %+v %v", imported, err)
	}
	check("after importFiles", readAll(t, f, c, "a"), expected("4", "12"))
	if got := session.Get(f.URL+"/", "a"); got != (SessionNumbers{Version: 4, Seq: 12}) {
		t.Fatalf("Get: %+v", got)
	}

	// An answer with lower numbers (a replayed idempotent write) lowers nothing.
	f.reply(200, stateResult(1, 1))
	if _, _, err := c.StateAPI.UpdateState(ctx).Project("a").RequestBody(map[string]interface{}{}).Execute(); err != nil {
		t.Fatal(err)
	}
	if got := session.Get(f.URL, "a"); got != (SessionNumbers{Version: 4, Seq: 12}) {
		t.Fatalf("lowered: %+v", got)
	}
}

func TestSessionNeverLowersAnExplicitHeader(t *testing.T) {
	f := newFakeServer(t)
	session := NewSessionConsistency(nil)
	c := clientFor(f.URL, session)
	ctx := context.Background()
	f.reply(200, stateResult(3, 7))
	if _, _, err := c.StateAPI.UpdateState(ctx).Project("a").RequestBody(map[string]interface{}{}).Execute(); err != nil {
		t.Fatal(err)
	}
	f.take()
	c.StateAPI.GetState(ctx).Project("a").DevStateMinVersion(5).Execute()
	c.StateAPI.GetState(ctx).Project("a").DevStateMinVersion(1).Execute()
	c.HistoryAPI.SearchHistory(ctx).Project("a").DevStateMinSeq(70).Execute()
	c.VerifyAPI.VerifyChain(ctx).Project("a").DevStateMinSeq(6).Execute()
	want := [][3]string{
		{"/v1/devstate/state", "5", ""},
		{"/v1/devstate/state", "3", ""},
		{"/v1/devstate/history/search", "", "70"},
		{"/v1/devstate/verify", "", "7"},
	}
	if got := f.take(); !reflect.DeepEqual(got, want) {
		t.Fatalf("headers %v, want %v", got, want)
	}
}

func TestSessionFailedWritesRecordNothing(t *testing.T) {
	f := newFakeServer(t)
	session := NewSessionConsistency(nil)
	c := clientFor(f.URL, session)
	ctx := context.Background()
	for _, status := range []int{400, 409, 412, 422, 500, 503} {
		f.reply(status, `{"type":"urn:devstate:problem:x","title":"x","status":`+strconv.Itoa(status)+`,"seq":40}`)
		_, resp, err := c.StateAPI.UpdateState(ctx).Project("f").RequestBody(map[string]interface{}{}).Execute()
		if err == nil || resp.StatusCode != status {
			t.Fatalf("status %d: %v", status, err)
		}
		if problem, ok := ProblemOf(err); !ok || problem.Status != int32(status) {
			t.Fatalf("the problem document did not reach the caller: %v", err)
		}
		if _, _, err := c.HistoryAPI.AppendHistory(ctx).Project("f").AppendRequest(*NewAppendRequest("t", "note")).Execute(); err == nil {
			t.Fatalf("status %d: append succeeded", status)
		}
	}
	if got := readAll(t, f, c, "f"); !reflect.DeepEqual(got, expected("", "")) {
		t.Fatalf("headers after failed writes: %v", got)
	}
	if got := session.Get(f.URL, "f"); got != (SessionNumbers{}) {
		t.Fatalf("recorded %+v", got)
	}
}

func TestSessionRememberRaisesAndForgetClears(t *testing.T) {
	f := newFakeServer(t)
	session := NewSessionConsistency(nil)
	c := clientFor(f.URL, session)
	session.Remember(f.URL, "r", SessionNumbers{Version: 6, Seq: 20})
	session.Remember(f.URL+"/", "r", SessionNumbers{Version: 2})
	if got := readAll(t, f, c, "r"); !reflect.DeepEqual(got, expected("6", "20")) {
		t.Fatalf("after Remember: %v", got)
	}
	session.Forget(f.URL, "r")
	if got := readAll(t, f, c, "r"); !reflect.DeepEqual(got, expected("", "")) {
		t.Fatalf("after Forget: %v", got)
	}
}
