// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// SessionNumbers is what a session remembers for one base URL and project; 0 means nothing yet.
type SessionNumbers struct {
	Version int64 // highest state version written (DevState-Min-Version)
	Seq     int64 // highest history seq written (DevState-Min-Seq)
}

// SessionConsistency is an http.RoundTripper giving read-your-writes across replicas: it remembers,
// per base URL and project, the highest state version and history seq that successful (2xx)
// writes sent through it returned, and sends them as DevState-Min-Version (getState) and
// DevState-Min-Seq (searchHistory, verifyChain, exportFiles) on later reads. A header the caller
// set is never lowered (the larger number is sent). Safe for concurrent use.
//
//	session := devstate.NewSessionConsistency(nil)
//	cfg := devstate.NewConfiguration()
//	cfg.HTTPClient = &http.Client{Transport: session}
type SessionConsistency struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen map[string]SessionNumbers
}

// NewSessionConsistency wraps next (nil: http.DefaultTransport).
func NewSessionConsistency(next http.RoundTripper) *SessionConsistency {
	if next == nil {
		next = http.DefaultTransport
	}
	return &SessionConsistency{next: next, seen: map[string]SessionNumbers{}}
}

const (
	minVersionHeader = "DevState-Min-Version"
	minSeqHeader     = "DevState-Min-Seq"
)

// The routes that matter, after the base URL's own path. Writes whose answer carries the numbers:
// PUT/POST state (version, seq), POST history (seq), DELETE history/{seq} (the tombstone's seq),
// POST import (head.seq; its answer has no state version). Reads: GET state, history/search,
// verify, export.
var sessionRoute = regexp.MustCompile(`^(.*)/v1/devstate/(state|history|history/search|history/[0-9]+|verify|export|import)$`)

type sessionRequest struct {
	key  string
	name string // state, history, history/{seq}, history/search, verify, export, import
}

func classify(req *http.Request) (sessionRequest, bool) {
	if req.URL == nil {
		return sessionRequest{}, false
	}
	m := sessionRoute.FindStringSubmatch(req.URL.Path)
	if m == nil {
		return sessionRequest{}, false
	}
	name := m[2]
	if strings.HasPrefix(name, "history/") && name != "history/search" {
		name = "history/{seq}"
	}
	base := strings.ToLower(req.URL.Scheme+"://"+req.URL.Host) + m[1]
	return sessionRequest{key: sessionKey(base, req.URL.Query().Get("project")), name: name}, true
}

// sessionKey is the map key of a base URL (without a trailing slash) and project (empty: default,
// as on the server).
func sessionKey(base, project string) string {
	if project == "" {
		project = "default"
	}
	return base + " " + project
}

func normalizeBase(baseURL string) string {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil {
		return baseURL
	}
	return strings.ToLower(u.Scheme+"://"+u.Host) + strings.TrimRight(u.Path, "/")
}

func (r sessionRequest) isWrite(method string) bool {
	switch r.name {
	case "state":
		return method == http.MethodPut || method == http.MethodPost
	case "history", "import":
		return method == http.MethodPost
	case "history/{seq}":
		return method == http.MethodDelete
	}
	return false
}

func (r sessionRequest) readHeader(method string) string {
	if method != http.MethodGet {
		return ""
	}
	switch r.name {
	case "state":
		return minVersionHeader
	case "history/search", "verify", "export":
		return minSeqHeader
	}
	return ""
}

// RoundTrip implements http.RoundTripper.
func (s *SessionConsistency) RoundTrip(req *http.Request) (*http.Response, error) {
	r, ok := classify(req)
	if !ok {
		return s.next.RoundTrip(req)
	}
	if header := r.readHeader(req.Method); header != "" {
		s.mu.Lock()
		n := s.seen[r.key]
		s.mu.Unlock()
		value := n.Version
		if header == minSeqHeader {
			value = n.Seq
		}
		explicit := headerValue(req.Header, header)
		given, err := strconv.ParseInt(explicit, 10, 64)
		if value > 0 && (explicit == "" || (err == nil && given < value)) {
			req = req.Clone(req.Context()) // a RoundTripper must not modify the caller's request
			setHeader(req.Header, header, strconv.FormatInt(value, 10))
		}
	}
	resp, err := s.next.RoundTrip(req)
	if err != nil || !r.isWrite(req.Method) || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, err // only a write the server accepted wrote anything
	}
	// Read the (small) answer, then hand the caller an unread copy of it; a read error reaches the
	// caller after the bytes that did arrive, as it would have without this wrapper.
	body, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	var rest io.Reader = bytes.NewReader(body)
	if readErr != nil {
		rest = io.MultiReader(rest, errorReader{readErr})
	}
	resp.Body = io.NopCloser(rest)
	if readErr == nil {
		var answer struct {
			Version int64 `json:"version"`
			Seq     int64 `json:"seq"`
			Head    *struct {
				Seq int64 `json:"seq"`
			} `json:"head"`
		}
		if json.Unmarshal(body, &answer) == nil {
			var n SessionNumbers
			switch r.name {
			case "state":
				n = SessionNumbers{Version: answer.Version, Seq: answer.Seq}
			case "import":
				if answer.Head != nil {
					n.Seq = answer.Head.Seq
				}
			default:
				n.Seq = answer.Seq
			}
			s.raise(r.key, n)
		}
	}
	return resp, nil
}

// headerValue finds name in h whatever its case: the generated client stores header parameters
// under the contract's spelling (DevState-Min-Seq), not Go's canonical one (Devstate-Min-Seq).
func headerValue(h http.Header, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// setHeader replaces every spelling of name in h, so that only one value is sent.
func setHeader(h http.Header, name, value string) {
	for k := range h {
		if strings.EqualFold(k, name) {
			delete(h, k)
		}
	}
	h.Set(name, value)
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }

func (s *SessionConsistency) raise(key string, n SessionNumbers) {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.seen[key]
	if n.Version > current.Version {
		current.Version = n.Version
	}
	if n.Seq > current.Seq {
		current.Seq = n.Seq
	}
	if current != (SessionNumbers{}) {
		s.seen[key] = current
	}
}

// Get returns the numbers remembered for baseURL (as in Configuration.Servers) and project
// (empty: default).
func (s *SessionConsistency) Get(baseURL, project string) SessionNumbers {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[sessionKey(normalizeBase(baseURL), project)]
}

// Remember raises the numbers of baseURL and project to n (never lowers them), e.g. to carry a
// session over from an earlier process.
func (s *SessionConsistency) Remember(baseURL, project string, n SessionNumbers) {
	s.raise(sessionKey(normalizeBase(baseURL), project), n)
}

// Forget drops the numbers of baseURL and project, e.g. after its database was reset (every read
// would answer 412: the remembered writes no longer exist).
func (s *SessionConsistency) Forget(baseURL, project string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.seen, sessionKey(normalizeBase(baseURL), project))
}
