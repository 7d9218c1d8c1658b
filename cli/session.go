package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
)

// Read-your-writes across replicas and across invocations: the CLI sends its requests through the
// Go client's SessionConsistency (DevState-Min-Version / DevState-Min-Seq on reads after its own
// writes), and keeps the numbers of its last writes per (service URL, project) in a small file, so
// that `devstate set-cp X && devstate export` reads X even when the two land on different
// replicas. The file is a convenience: when it cannot be read or written, the command goes on
// without it (one warning on stderr).

const (
	sessionFormat     = "devstate-cli-session/1"
	sessionMaxEntries = 64 // the most recently written (URL, project) pairs are kept
)

type sessionEntry struct {
	URL       string `json:"url"`
	Project   string `json:"project"`
	Version   int64  `json:"version,omitempty"`
	Seq       int64  `json:"seq,omitempty"`
	WrittenAt string `json:"written_at"`
}

type sessionFile struct {
	Format   string         `json:"format"`
	Sessions []sessionEntry `json:"sessions"`
}

// cliSession is the session of one invocation against one service URL and project.
type cliSession struct {
	a       *app
	path    string // "" when the file is disabled or has no place
	url     string
	project string
	session *devstate.SessionConsistency
	loaded  devstate.SessionNumbers // what the file held when the command started
	forgot  bool                    // the file's numbers were above the service's: dropped
	warned  bool
}

// sessionPath is where the numbers are kept: DEVSTATE_SESSION_FILE (set but empty: nowhere),
// else $XDG_STATE_HOME/devstate/session.json, else ~/.local/state/devstate/session.json.
func sessionPath(lookup func(string) (string, bool)) string {
	if v, ok := lookup("DEVSTATE_SESSION_FILE"); ok {
		return strings.TrimSpace(v)
	}
	if dir, _ := lookup("XDG_STATE_HOME"); filepath.IsAbs(dir) { // the spec ignores relative paths
		return filepath.Join(dir, "devstate", "session.json")
	}
	if home, _ := lookup("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", "devstate", "session.json")
	}
	return ""
}

// sessionURL is the file's key for a base URL: scheme and host in lower case, no trailing slash.
func sessionURL(base string) string {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return base
	}
	return strings.ToLower(u.Scheme+"://"+u.Host) + strings.TrimRight(u.Path, "/")
}

// newCLISession loads the remembered numbers of (base, project); the generated client's transport
// is staleGuard{session}.
func newCLISession(a *app, base, project string) *cliSession {
	s := &cliSession{a: a, path: sessionPath(a.lookupEnv), url: sessionURL(base), project: project,
		session: devstate.NewSessionConsistency(nil)}
	if s.path != "" {
		file, err := readSessionFile(s.path)
		if err != nil {
			s.warn(err)
		}
		for _, e := range file.Sessions {
			if e.URL == s.url && e.Project == project {
				s.loaded = devstate.SessionNumbers{Version: e.Version, Seq: e.Seq}
				s.session.Remember(s.url, project, s.loaded)
			}
		}
	}
	return s
}

func (s *cliSession) warn(err error) {
	if !s.warned {
		s.warned = true
		fmt.Fprintf(s.a.stderr, "devstate: warning: session file %s: %v (read-your-writes across invocations is off)\n", s.path, err)
	}
}

// readSessionFile reads the file; a missing file is an empty one. An error means the file exists
// but is not one of ours (or cannot be read): it is then neither used nor overwritten.
func readSessionFile(path string) (sessionFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return sessionFile{Format: sessionFormat}, nil
	}
	if err != nil {
		return sessionFile{}, err
	}
	var file sessionFile
	if err := json.Unmarshal(data, &file); err != nil || file.Format != sessionFormat {
		return sessionFile{}, fmt.Errorf("not a %s file", sessionFormat)
	}
	return file, nil
}

// save writes the numbers of this invocation's writes (or drops numbers found stale). The file is
// read again just before, so that concurrent invocations on other projects lose nothing but in a
// narrow window; it is replaced atomically.
func (s *cliSession) save() {
	now := s.session.Get(s.url, s.project)
	if s.path == "" || (now == s.loaded && !s.forgot) {
		return
	}
	file, err := readSessionFile(s.path)
	if err != nil {
		s.warn(err)
		return
	}
	kept := file.Sessions[:0]
	var previous sessionEntry
	for _, e := range file.Sessions {
		if e.URL == s.url && e.Project == s.project {
			previous = e
		} else {
			kept = append(kept, e)
		}
	}
	if !s.forgot { // another invocation may have written more meanwhile: keep the larger numbers
		now.Version = max(now.Version, previous.Version)
		now.Seq = max(now.Seq, previous.Seq)
	}
	if now != (devstate.SessionNumbers{}) {
		kept = append(kept, sessionEntry{URL: s.url, Project: s.project, Version: now.Version, Seq: now.Seq,
			WrittenAt: time.Now().UTC().Format(time.RFC3339)})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].WrittenAt > kept[j].WrittenAt })
	if len(kept) > sessionMaxEntries {
		kept = kept[:sessionMaxEntries]
	}
	file.Format, file.Sessions = sessionFormat, kept
	data, err := json.MarshalIndent(file, "", "  ")
	if err == nil {
		err = os.MkdirAll(filepath.Dir(s.path), 0o700)
	}
	if err == nil {
		err = writeSessionFile(s.path, append(data, '\n'))
	}
	if err != nil {
		s.warn(err)
	}
}

func writeSessionFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path) // CreateTemp made it 0600
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// staleGuard: a read answered 412 while the only numbers sent came from the file (no write of this
// invocation raised them) means the service has no such write any more (its database was reset,
// or another service now answers at this URL). Waiting cannot help, so the numbers are dropped,
// with a warning, and the read is sent once more without them.
type staleGuard struct{ s *cliSession }

func (g staleGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	s := g.s
	resp, err := s.session.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusPreconditionFailed || req.Method != http.MethodGet ||
		s.loaded == (devstate.SessionNumbers{}) || s.session.Get(s.url, s.project) != s.loaded {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	fmt.Fprintf(s.a.stderr, "devstate: warning: %s has no write as recent as the one remembered for project %s "+
		"(version %d, seq %d in %s): database reset? Forgotten.\n", s.url, s.project, s.loaded.Version, s.loaded.Seq, s.path)
	s.session.Forget(s.url, s.project)
	s.loaded, s.forgot = devstate.SessionNumbers{}, true
	return s.session.RoundTrip(req)
}
