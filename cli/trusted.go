package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/devstate/devstate/clients/go/trust"
)

// The trusted head (docs/CLI.md, "Trusted head"): verify, export, drift and audit keep the last
// checkpoint of the project's log they verified, per origin, in the state directory, and accept
// the server's latest checkpoint only when a consistency proof shows that it extends it. A log
// that got smaller, forked, or cannot prove it is refused with exit 7 (exitRewritten). The
// verifier key comes from --log-key or DEVSTATE_LOG_VERIFIER_KEY, else it is pinned on first use:
// fetched once from GET /v1/devstate/log/key and kept in the state directory.
//
// State directory layout:
//
//	checkpoints/<origin, escaped>       the trusted checkpoint note, verbatim (trust.TrustedHead)
//	keys/<project>@<service URL, escaped>  the pinned verifier key, one line
//
// The pin is looked up by the service URL and project, not by what the server calls its origin:
// a server that changes its log name cannot get a new key trusted afresh.

const (
	stateDirEnv    = "DEVSTATE_STATE_DIR"
	checkpointsDir = "checkpoints"
	keysDir        = "keys"
)

// trustOptions are the flags of the commands that check the trusted head.
type trustOptions struct {
	stateDir string
	logKey   *string
	off      bool
}

// addTrustFlags adds --state-dir, --no-trusted-head (when offOK) and --log-key (unless the command
// has its own, logKey).
func addTrustFlags(fs *flag.FlagSet, logKey *string, offOK bool) *trustOptions {
	o := &trustOptions{logKey: logKey}
	fs.StringVar(&o.stateDir, "state-dir", "", "`DIR` of the trusted checkpoints and pinned log keys (env "+stateDirEnv+
		", default $XDG_STATE_HOME/devstate or ~/.local/state/devstate)")
	if offOK {
		fs.BoolVar(&o.off, "no-trusted-head", false, "do not check the server's log against the trusted checkpoint (bootstrapping, tests)")
	}
	if o.logKey == nil {
		o.logKey = fs.String("log-key", "", "the project's note verifier key `VKEY` (env "+logVerifierEnv+
			"; default: pinned on first use from "+logKeyEndpoint+")")
	}
	return o
}

// stateDirOf is --state-dir, DEVSTATE_STATE_DIR, $XDG_STATE_HOME/devstate (absolute only, as the
// XDG spec says) or ~/.local/state/devstate.
func stateDirOf(o *trustOptions, lookup func(string) (string, bool)) (string, error) {
	if o.stateDir != "" {
		return o.stateDir, nil
	}
	if v, _ := lookup(stateDirEnv); strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v), nil
	}
	if dir, _ := lookup("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "devstate"), nil
	}
	if home, _ := lookup("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", "devstate"), nil
	}
	return "", usageErrorf("no directory for the trusted head: set --state-dir or %s (or HOME), or pass --no-trusted-head", stateDirEnv)
}

// escapeFileName keeps ASCII letters, digits, '-', '_' and (not first) '.', and writes every other
// byte as %XX: the name of any origin, project or URL as one file name, reversibly.
func escapeFileName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' && i > 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// trustedLog is the trusted head of the project of one command.
type trustedLog struct {
	a       *app
	s       *server
	dir     string
	vkey    string
	source  string // where vkey comes from, for messages
	pinFile string // where a pinned key is (or will be) kept
	pinned  bool   // vkey is the pinned one
	pinNew  bool   // vkey came from the server just now: pinned once a checkpoint verified with it
	head    *trust.TrustedHead
	fetch   *trust.APIFetcher
}

// trustedLog resolves the state directory and the verifier key (pinning it on first use, one
// request); nil when --no-trusted-head.
func (a *app) trustedLog(s *server, o *trustOptions) (*trustedLog, error) {
	if o.off {
		return nil, nil
	}
	dir, err := stateDirOf(o, a.lookupEnv)
	if err != nil {
		return nil, err
	}
	t := &trustedLog{a: a, s: s, dir: dir, fetch: trust.NewAPIFetcher(s.api, s.project),
		pinFile: filepath.Join(dir, keysDir, escapeFileName(s.project)+"@"+escapeFileName(sessionURL(s.baseURL)))}
	t.vkey, t.source = strings.TrimSpace(*o.logKey), "--log-key"
	if t.vkey == "" {
		t.vkey, t.source = strings.TrimSpace(a.getenv(logVerifierEnv)), logVerifierEnv
	}
	if t.vkey != "" {
		if _, err := parseVerifierKey(t.vkey, t.source); err != nil {
			return nil, err
		}
	} else if err := t.loadPin(); err != nil {
		return nil, err
	}
	origin, _, _ := strings.Cut(t.vkey, "+")
	if !strings.HasSuffix(origin, "/"+s.project) {
		return nil, usageErrorf("the log key (%s) is for origin %s, not for project %s (<log name>/%s): use the key of %s",
			t.source, origin, s.project, s.project, strings.Replace(logKeyEndpoint, "…", s.project, 1))
	}
	if t.head, err = trust.New(filepath.Join(dir, checkpointsDir, escapeFileName(origin)), t.vkey); err != nil {
		return nil, usageErrorf("%s: %v", t.source, err)
	}
	return t, nil
}

// loadPin reads the pinned key, or takes the one the server serves now (trust on first use; kept
// by savePin once a check with it passed).
func (t *trustedLog) loadPin() error {
	text, err := os.ReadFile(t.pinFile)
	if err == nil {
		t.vkey, t.source, t.pinned = strings.TrimSpace(string(text)), "pinned in "+t.pinFile, true
		if _, perr := parseVerifierKey(t.vkey, t.pinFile); perr != nil {
			return localErrorf("%s is not a note verifier key (delete it to pin the server's key again)", t.pinFile)
		}
		return nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return localErrorf("cannot read %s: %v", t.pinFile, err)
	}
	origin, vkey, err := t.fetch.Key(t.s.ctx)
	if err != nil {
		return t.failure(err, "")
	}
	name, _, _ := strings.Cut(vkey, "+")
	if _, perr := parseVerifierKey(vkey, "the server's log key"); perr != nil || name != origin || !strings.HasSuffix(origin, "/"+t.s.project) {
		return failedf("the server's log key %q (origin %q) is not a note verifier key of project %s: not pinned", vkey, origin, t.s.project)
	}
	t.vkey, t.source, t.pinNew = vkey, "served by "+strings.Replace(logKeyEndpoint, "…", t.s.project, 1)+", first use", true
	return nil
}

// savePin keeps a key taken on first use, after a checkpoint verified with it.
func (t *trustedLog) savePin() error {
	if !t.pinNew {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(t.pinFile), 0o700); err != nil {
		return localErrorf("cannot create %s: %v", filepath.Dir(t.pinFile), err)
	}
	if err := writeFileAtomic(t.pinFile, []byte(t.vkey+"\n")); err != nil {
		return err
	}
	t.pinNew = false
	fmt.Fprintf(t.a.stderr, "devstate: pinned the log verifier key %s of project %s at %s in %s (first use: later runs accept no other key)\n",
		t.vkey, t.s.project, t.s.baseURL, t.pinFile)
	return nil
}

// trustResult is the outcome of a check: the trusted checkpoint now, and the one before.
type trustResult struct {
	checkpoint *trust.Checkpoint
	previous   *trust.Checkpoint // nil: trusted on first use
	stateFile  string
}

// checkpointView is the "checkpoint" member of the --json outputs.
type checkpointView struct {
	Origin string `json:"origin"`
	Size   uint64 `json:"size"`
	Root   string `json:"root"` // base64
}

func (r *trustResult) view() *checkpointView {
	if r == nil {
		return nil
	}
	return &checkpointView{Origin: r.checkpoint.Origin, Size: r.checkpoint.Size, Root: r.checkpoint.RootBase64()}
}

// text is the line the commands print after their own.
func (r *trustResult) text() string {
	cp := r.checkpoint
	switch {
	case r.previous == nil:
		return fmt.Sprintf("log: trusted %s at size %d on first use (%s)\n", cp.Origin, cp.Size, r.stateFile)
	case r.previous.Size == cp.Size:
		return fmt.Sprintf("log ok: %s at size %d, the trusted checkpoint\n", cp.Origin, cp.Size)
	}
	return fmt.Sprintf("log ok: %s grew from size %d to %d (consistency proof verified)\n", cp.Origin, r.previous.Size, cp.Size)
}

// trustFiles is the trusted head of `verify --files DIR`, offline: DIR/checkpoint verified and its
// root is the tree of DIR/history.json's entries (checkLog), so the files extend the trusted
// checkpoint of size M exactly when the tree of their first M entries has the trusted root — the
// consistency proof is the entries themselves. DIR/checkpoint then becomes the trusted head.
func (a *app) trustFiles(o *trustOptions, vkey, project string, historyText []byte, dir string) (*trustResult, error) {
	stateDir, err := stateDirOf(o, a.lookupEnv)
	if err != nil {
		return nil, err
	}
	origin, _, _ := strings.Cut(vkey, "+")
	head, err := trust.New(filepath.Join(stateDir, checkpointsDir, escapeFileName(origin)), vkey)
	if err != nil {
		return nil, usageErrorf("the log key: %v", err)
	}
	previous, err := head.Trusted()
	if err != nil {
		return nil, failedf("%v\n  hint: it is not replaced by itself; remove it only to trust the log afresh", err)
	}
	path := filepath.Join(dir, checkpointName)
	note, err := os.ReadFile(path)
	if err != nil {
		return nil, localErrorf("cannot read %s: %v", path, err)
	}
	offered, err := head.Verify(note)
	if err != nil {
		return nil, failedf("%s: %v", path, err)
	}
	result := &trustResult{checkpoint: offered, previous: previous, stateFile: head.StateFile()}
	refuse := func(detail string) error {
		return rewrittenExit(&trust.RewrittenError{Offered: offered.Size, Trusted: previous.Size,
			Detail: detail + "; the trusted checkpoint is " + head.StateFile()}, head.StateFile())
	}
	if previous != nil {
		if offered.Size < previous.Size {
			return nil, refuse(path + " has fewer entries than the trusted checkpoint")
		}
		raw, err := rawEntries(historyText)
		if err != nil || uint64(len(raw)) < previous.Size {
			return nil, refuse("the files do not hold the trusted checkpoint's entries")
		}
		root, err := logRoot(project, raw[:previous.Size])
		if err != nil || !bytes.Equal(root, previous.Root) {
			return nil, refuse(fmt.Sprintf("the tree of the first %d entries of the files is not the trusted one", previous.Size))
		}
		if offered.Size == previous.Size {
			return result, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(head.StateFile()), 0o700); err != nil {
		return nil, localErrorf("cannot create %s: %v", filepath.Dir(head.StateFile()), err)
	}
	return result, writeFileAtomic(head.StateFile(), note)
}

// committedCheckpoint is DIR/checkpoint of an export (nil when there is none): also a trusted head.
type committedCheckpoint struct {
	path string
	note []byte
}

func readCommitted(dir string) (*committedCheckpoint, error) {
	path := filepath.Join(dir, checkpointName)
	text, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, localErrorf("cannot read %s: %v", path, err)
	}
	return &committedCheckpoint{path: path, note: text}, nil
}

// check verifies the server's latest checkpoint against the trusted head, and then makes it the
// trusted head. With committed (DIR/checkpoint, trusted) and exported (the checkpoint of an export,
// offered), the checkpoints must all lie on one log: sorted by size, each extends the one before,
// and none the server offers is smaller than the committed one. Nothing is stored unless every
// check passed; the state is advanced to the larger of the latest and the exported checkpoint.
func (t *trustedLog) check(committed *committedCheckpoint, exported []byte) (*trustResult, error) {
	ctx := t.s.ctx
	previous, err := t.head.Trusted()
	if err != nil {
		return nil, t.failure(err, "")
	}
	result := &trustResult{previous: previous, stateFile: t.head.StateFile()}
	if committed == nil && exported == nil {
		if result.checkpoint, err = t.head.Check(ctx, t.fetch); err != nil {
			return nil, t.failure(err, "the server's latest checkpoint")
		}
		return result, t.savePin()
	}

	type link struct {
		cp      *trust.Checkpoint
		what    string
		trusted bool // committed: a smaller checkpoint from the server is a rollback
	}
	latestNote, err := t.fetch.Checkpoint(ctx)
	if err != nil {
		return nil, t.failure(err, "")
	}
	latest, err := t.head.Verify(latestNote)
	if err != nil {
		return nil, t.failure(err, "the server's latest checkpoint")
	}
	links := []link{{latest, "the server's latest checkpoint", false}}
	newest := latest
	if exported != nil {
		e, err := t.head.Verify(exported)
		if err != nil {
			return nil, t.failure(err, "the export's checkpoint")
		}
		links = append(links, link{e, "the export's checkpoint", false})
		if e.Size > newest.Size {
			newest = e
		}
	}
	if committed != nil {
		// DIR/checkpoint of another log (another project exported into DIR before) says nothing
		// about this one; of this log, it must verify.
		if origin, _, _ := strings.Cut(string(committed.note), "\n"); origin != t.head.Origin() {
			fmt.Fprintf(t.a.stderr, "devstate: %s is a checkpoint of another log (%q), not a trusted head of %s\n",
				committed.path, origin, t.head.Origin())
			committed = nil
		}
	}
	if committed != nil {
		c, err := t.head.Verify(committed.note)
		if err != nil {
			return nil, t.failure(err, committed.path)
		}
		links = append(links, link{c, committed.path, true})
	}
	sort.SliceStable(links, func(i, j int) bool { return links[i].cp.Size < links[j].cp.Size })
	for i := 1; i < len(links); i++ {
		older, newer := links[i-1], links[i]
		if newer.trusted && !older.trusted && older.cp.Size < newer.cp.Size {
			return nil, t.rewritten(&trust.RewrittenError{Offered: older.cp.Size, Trusted: newer.cp.Size,
				Detail: "the log got smaller; " + older.what + " against " + newer.what})
		}
		if err := trust.CheckExtends(ctx, t.fetch, older.cp, newer.cp); err != nil {
			var refusal *trust.RewrittenError
			if errors.As(err, &refusal) {
				refusal = &trust.RewrittenError{Offered: refusal.Offered, Trusted: refusal.Trusted,
					Detail: strings.TrimPrefix(refusal.Detail+"; ", "; ") + newer.what + " against " + older.what}
				return nil, t.rewritten(refusal)
			}
			return nil, t.failure(err, "")
		}
	}
	if result.checkpoint, err = t.head.Check(ctx, fixedCheckpoint{t.fetch, newest.Note}); err != nil {
		return nil, t.failure(err, "the server's latest checkpoint")
	}
	return result, t.savePin()
}

// fixedCheckpoint is a Fetcher whose latest checkpoint is one already fetched and checked.
type fixedCheckpoint struct {
	trust.Fetcher
	note []byte
}

func (f fixedCheckpoint) Checkpoint(context.Context) ([]byte, error) { return f.note, nil }

// failure turns an error of the trust package into the command's exit code: 7 for a refusal, 1
// for a checkpoint or state file that does not verify, 3/4 for the server, 5 for local files.
// what names the checkpoint that was being verified.
func (t *trustedLog) failure(err error, what string) error {
	var refusal *trust.RewrittenError
	var apiErr *trust.APIError
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &refusal):
		return t.rewritten(&trust.RewrittenError{Offered: refusal.Offered, Trusted: refusal.Trusted,
			Detail: strings.TrimPrefix(refusal.Detail+"; ", "; ") + "the trusted checkpoint is " + t.head.StateFile()})
	case errors.Is(err, trust.ErrBadState):
		return failedf("%v\n  hint: it is not replaced by itself; remove it only to trust the server's log afresh", err)
	case errors.Is(err, trust.ErrUnverified):
		return t.unverified(err, what)
	case errors.As(err, &apiErr):
		if apiErr.Response == nil || apiErr.Response.StatusCode >= 300 {
			return apiError(apiErr.Request, apiErr.Response, apiErr.Err, t.s.baseURL)
		}
		return &cliError{code: exitAPI, msg: "unexpected answer: " + apiErr.Error()}
	case errors.As(err, &pathErr), errors.As(err, &linkErr):
		return localErrorf("%v", err)
	}
	return failedf("%v", err)
}

func (t *trustedLog) rewritten(refusal *trust.RewrittenError) error {
	return rewrittenExit(refusal, t.head.StateFile())
}

// rewrittenExit is exit 7 with the refusal's message and, in --json, its sizes and state file.
func rewrittenExit(refusal *trust.RewrittenError, stateFile string) error {
	return &cliError{code: exitRewritten, msg: refusal.Error(), fields: map[string]any{
		"offered_size": refusal.Offered, "trusted_size": refusal.Trusted, "state_file": stateFile}}
}

// unverified: a checkpoint is not signed by the key. With a pinned key, the usual cause is a
// server that now signs with another key: named, and refused (not a rewrite: nothing is proven
// about the tree, and a key is not changed silently).
func (t *trustedLog) unverified(err error, what string) error {
	if what == "" {
		what = "a checkpoint"
	}
	fields := map[string]any{"log_key": t.vkey, "log_key_source": t.source}
	if t.pinned {
		if _, served, kerr := t.fetch.Key(t.s.ctx); kerr == nil && served != t.vkey {
			fields["offered_key"] = served
			return &cliError{code: exitFailed, fields: fields, msg: fmt.Sprintf(
				"the server now offers the log key %s for project %s, but %s was pinned on first use in %s: refused (%s: %v)\n"+
					"  hint: if the log key was changed on purpose, check the new key out of band, then pass it with --log-key or %s, or replace %s",
				served, t.s.project, t.vkey, t.pinFile, what, err, logVerifierEnv, t.pinFile)}
		}
	}
	return &cliError{code: exitFailed, fields: fields, msg: fmt.Sprintf("%s does not verify with the log key %s (%s): %v", what, t.vkey, t.source, err)}
}

// withMember adds "name": v to a JSON object body as the server sent it (order kept).
func withMember(body []byte, name string, v any) ([]byte, error) {
	value, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	trimmed := strings.TrimRight(string(body), " \t\r\n")
	if !strings.HasSuffix(trimmed, "}") {
		return nil, fmt.Errorf("not a JSON object")
	}
	open := strings.TrimSpace(trimmed[:len(trimmed)-1])
	sep := ","
	if strings.HasSuffix(open, "{") {
		sep = ""
	}
	key, _ := json.Marshal(name)
	return []byte(open + sep + string(key) + ":" + string(value) + "}"), nil
}

// trustedHeadHelp is the part of the help of verify, export, drift and audit about the trusted
// head; skipTrustedHeadHelp follows it for the commands that take --no-trusted-head.
const (
	trustedHeadHelp = `Trusted head: the server's latest checkpoint must extend the last one verified for the log,
kept in --state-dir DIR (env ` + stateDirEnv + `) as checkpoints/<origin>: the consistency
proof from the trusted size is checked, and a log that got smaller, forked or cannot prove it
is refused with exit 7 ("history was rewritten: ..."). The verifier key is --log-key or
` + logVerifierEnv + `, else the server's is pinned on first use (keys/ in the state
directory), and a server that later offers another key is refused (exit 1).`
	skipTrustedHeadHelp = `
--no-trusted-head skips the check (bootstrapping, tests).`
)
