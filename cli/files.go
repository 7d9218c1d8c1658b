package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	devstate "github.com/devstate/devstate/clients/go"
	"github.com/devstate/devstate/clients/go/verify"
)

// The files of an export, by their name in DIR; the server names them .trae/<name>.
const (
	stateName   = "state.json"
	historyName = "history.json"
)

func dirFlag(fs interface {
	String(name, value, usage string) *string
}) *string {
	return fs.String("dir", defaultDir, "directory of state.json, history.json and checkpoint")
}

func runExport(a *app, args []string) error {
	c := findCommand("export")
	fs := newFlagSet(c.name)
	dir := dirFlag(fs)
	trusted := addTrustFlags(fs, nil, true)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	out, err := a.exportTo(s, *dir, trusted, 0, false)
	if err != nil {
		return err
	}
	if a.g.json {
		return a.printJSON(out)
	}
	fmt.Fprintf(a.stdout, "exported project %s (%s): %s\n", s.project, out.headText(), out.filesText())
	if out.logHead != nil {
		fmt.Fprint(a.stdout, out.logHead.text())
	}
	return nil
}

// exportedFile is one file of an export: written, removed, or (onlyChanged) left as it was.
type exportedFile struct {
	Path      string `json:"path"`
	Bytes     int    `json:"bytes"`
	Removed   bool   `json:"removed,omitempty"`
	Unchanged bool   `json:"unchanged,omitempty"`
	why       string // of a removal
}

// exportReport is what exportTo did (the --json output of export).
type exportReport struct {
	Project    string          `json:"project"`
	Dir        string          `json:"dir"`
	HeadSeq    *int64          `json:"head_seq"`
	Files      []exportedFile  `json:"files"`
	Checkpoint *checkpointView `json:"checkpoint,omitempty"` // the trusted head after the export
	logHead    *trustResult
}

// exportTo writes the server's export into dir (export, and every update of watch), each file
// atomically. minSeq > 0 is sent as DevState-Min-Seq (the export must include that entry);
// onlyChanged leaves files whose bytes are already the server's alone.
func (a *app) exportTo(s *server, dir string, trusted *trustOptions, minSeq int64, onlyChanged bool) (*exportReport, error) {
	request := s.api.FilesAPI.ExportFiles(s.ctx).Project(s.project)
	if minSeq > 0 {
		request = request.DevStateMinSeq(minSeq)
	}
	exported, resp, err := request.Execute()
	if err != nil {
		return nil, s.fail("", resp, err)
	}
	// Before anything is written: the exported checkpoint, the server's latest one, the committed
	// DIR/checkpoint and the trusted head must lie on one log.
	var logHead *trustResult
	if tl, err := a.trustedLog(s, trusted); err != nil {
		return nil, err
	} else if tl != nil {
		committed, err := readCommitted(dir)
		if err != nil {
			return nil, err
		}
		var exportedCheckpoint []byte
		if cp := exported.Files.TraeCheckpoint; cp != nil {
			exportedCheckpoint = []byte(*cp)
		}
		if logHead, err = tl.check(committed, exportedCheckpoint); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, localErrorf("cannot create %s: %v", dir, err)
	}
	// write replaces path with text, unless onlyChanged and it holds text already.
	write := func(path, text string) (exportedFile, error) {
		f := exportedFile{Path: path, Bytes: len(text)}
		if onlyChanged {
			if old, err := os.ReadFile(path); err == nil && string(old) == text {
				f.Unchanged = true
				return f, nil
			}
		}
		return f, writeFileAtomic(path, []byte(text))
	}
	out := &exportReport{Project: s.project, Dir: dir, Checkpoint: logHead.view(), logHead: logHead}
	statePath := filepath.Join(dir, stateName)
	if state := exported.Files.TraeStateJson; state != nil {
		f, err := write(statePath, *state)
		if err != nil {
			return nil, err
		}
		out.Files = append(out.Files, f)
	} else if err := os.Remove(statePath); err == nil {
		out.Files = append(out.Files, exportedFile{Path: statePath, Removed: true, why: "the project has no state"})
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, localErrorf("cannot remove %s (the project has no state): %v", statePath, err)
	}
	// the signed checkpoint of the exported tree size (a server without a log exports none: a
	// checkpoint left from an earlier export would not match the new history)
	checkpointPath := filepath.Join(dir, checkpointName)
	var checkpointFile *exportedFile
	if checkpoint := exported.Files.TraeCheckpoint; checkpoint != nil {
		f, err := write(checkpointPath, *checkpoint)
		if err != nil {
			return nil, err
		}
		checkpointFile = &f
	} else if err := os.Remove(checkpointPath); err == nil {
		checkpointFile = &exportedFile{Path: checkpointPath, Removed: true, why: "the export has no checkpoint"}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, localErrorf("cannot remove %s (the export has no checkpoint): %v", checkpointPath, err)
	}
	// history.json last: once it shows seq N (what watch resumes from, what a script waits for),
	// the other files are those of the same export.
	history := exported.Files.TraeHistoryJson
	historyFile, err := write(filepath.Join(dir, historyName), history)
	if err != nil {
		return nil, err
	}
	if seq, _, ok := historyHead(history); ok {
		out.HeadSeq = &seq
	}
	out.Files = append(out.Files, historyFile)
	if checkpointFile != nil {
		out.Files = append(out.Files, *checkpointFile)
	}
	return out, nil
}

// headText is "head seq N" or "no entries".
func (r *exportReport) headText() string {
	if r.HeadSeq == nil {
		return "no entries"
	}
	return fmt.Sprintf("head seq %d", *r.HeadSeq)
}

// filesText lists the files: "PATH (N bytes)", "PATH (removed: why)", "PATH (unchanged)".
func (r *exportReport) filesText() string {
	parts := make([]string, 0, len(r.Files))
	for _, f := range r.Files {
		switch {
		case f.Removed:
			parts = append(parts, f.Path+" (removed: "+f.why+")")
		case f.Unchanged:
			parts = append(parts, f.Path+" (unchanged)")
		default:
			parts = append(parts, fmt.Sprintf("%s (%d bytes)", f.Path, f.Bytes))
		}
	}
	return strings.Join(parts, ", ")
}

// writeFileAtomic writes data to a temporary file next to path and renames it over path.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return localErrorf("cannot write %s: %v", path, err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		_ = os.Remove(name)
		return localErrorf("cannot write %s: %v", path, werr)
	}
	return nil
}

func runImport(a *app, args []string) error {
	c := findCommand("import")
	fs := newFlagSet(c.name)
	dir := dirFlag(fs)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	historyPath := filepath.Join(*dir, historyName)
	statePath := filepath.Join(*dir, stateName)
	history, err := os.ReadFile(historyPath)
	if err != nil {
		return localErrorf("cannot read %s: %v", historyPath, err)
	}
	files := devstate.NewImportFilesFiles(string(history))
	if state, err := os.ReadFile(statePath); err == nil {
		text := string(state)
		files.TraeStateJson = &text
	} else if !errors.Is(err, os.ErrNotExist) {
		return localErrorf("cannot read %s: %v", statePath, err)
	}
	checkpointPath := filepath.Join(*dir, checkpointName)
	if checkpoint, err := os.ReadFile(checkpointPath); err == nil {
		text := string(checkpoint)
		files.TraeCheckpoint = &text
	} else if !errors.Is(err, os.ErrNotExist) {
		return localErrorf("cannot read %s: %v", checkpointPath, err)
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	result, resp, err := s.api.FilesAPI.ImportFiles(s.ctx).Project(s.project).
		ImportFiles(*devstate.NewImportFiles(*files)).Execute()
	if err != nil {
		return s.fail("refused", resp, err)
	}
	if a.g.json {
		return a.printRaw(rawBody(resp))
	}
	head := "no entries"
	if h := result.Head.Get(); h != nil {
		head = fmt.Sprintf("head seq %d (hmac %s)", h.Seq, short(h.Hmac))
	}
	fmt.Fprintf(a.stdout, "imported %s into project %s: %s, %d entries written, %s\n",
		*dir, result.Project, result.Outcome, result.Imported, head)
	return nil
}

// --- drift ---

// fileDiff compares one local file with the server's text.
type fileDiff struct {
	File   string  `json:"file"`
	Status string  `json:"status"` // same, differs, missing_locally, not_on_server
	Line   int     `json:"line,omitempty"`
	Local  *string `json:"local_line,omitempty"`
	Server *string `json:"server_line,omitempty"`
}

// driftReport is the outcome of devstate drift.
type driftReport struct {
	Project    string     `json:"project"`
	Dir        string     `json:"dir"`
	Drift      bool       `json:"drift"`
	Files      []fileDiff `json:"files"`
	LocalHead  *int64     `json:"local_head_seq"`
	ServerHead *int64     `json:"server_head_seq"`
	// same, server_ahead, local_ahead, diverged, other_project, missing_locally, not_on_server,
	// unknown (a file is not a history document), none (no history on either side)
	Relation   string `json:"relation"`
	DivergedAt *int64 `json:"diverged_at_seq,omitempty"`
	Hint       string `json:"hint,omitempty"`
	// Checkpoint is the trusted head after the check of the server's log (absent with --no-trusted-head).
	Checkpoint *checkpointView `json:"checkpoint,omitempty"`
}

func runDrift(a *app, args []string) error {
	c := findCommand("drift")
	fs := newFlagSet(c.name)
	dir := dirFlag(fs)
	allowEmpty := fs.Bool("allow-empty", false, allowEmptyUsage)
	trusted := addTrustFlags(fs, nil, true)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	localState, err := readOptional(filepath.Join(*dir, stateName))
	if err != nil {
		return err
	}
	localHistory, err := readOptional(filepath.Join(*dir, historyName))
	if err != nil {
		return err
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	var serverState, serverHistory *string
	exported, resp, err := s.api.FilesAPI.ExportFiles(s.ctx).Project(s.project).Execute()
	switch {
	case err == nil:
		serverState = exported.Files.TraeStateJson
		serverHistory = &exported.Files.TraeHistoryJson
	case resp != nil && resp.StatusCode == http.StatusNotFound && isProblem(err):
		// the project has neither state nor history on the server (a 404 that is not a problem
		// document comes from something else at that URL: exit 4)
	default:
		return s.fail("export failed", resp, err)
	}
	report := computeDrift(s.project, *dir, localState, localHistory, serverState, serverHistory)
	if len(report.Files) == 0 && !*allowEmpty {
		// nothing on either side: the no-drift verdict would be about nothing
		return emptyProjectError(s.project, s.baseURL, fmt.Sprintf(" and %s has no %s or %s", *dir, stateName, historyName))
	}
	var logHead *trustResult
	if tl, err := a.trustedLog(s, trusted); err != nil {
		return err
	} else if tl != nil {
		if logHead, err = tl.check(nil, nil); err != nil {
			return err
		}
		report.Checkpoint = logHead.view()
	}
	if a.g.json {
		if err := a.printJSON(report); err != nil {
			return err
		}
	} else {
		fmt.Fprint(a.stdout, report.Text())
		if logHead != nil {
			fmt.Fprint(a.stdout, logHead.text())
		}
	}
	if report.Drift {
		return silent(exitFailed)
	}
	return nil
}

func isProblem(err error) bool {
	_, ok := devstate.ProblemOf(err)
	return ok
}

// readOptional reads a file; nil when it does not exist.
func readOptional(path string) (*string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, localErrorf("cannot read %s: %v", path, err)
	}
	text := string(data)
	return &text, nil
}

// computeDrift compares the local files (nil: absent) with the server's (nil: absent).
func computeDrift(project, dir string, localState, localHistory, serverState, serverHistory *string) driftReport {
	r := driftReport{Project: project, Dir: dir}
	for _, f := range []struct {
		name          string
		local, server *string
	}{{stateName, localState, serverState}, {historyName, localHistory, serverHistory}} {
		if f.local == nil && f.server == nil {
			continue
		}
		d := compareFile(filepath.Join(dir, f.name), f.local, f.server)
		if d.Status != "same" {
			r.Drift = true
		}
		r.Files = append(r.Files, d)
	}
	if r.Files == nil {
		r.Files = []fileDiff{}
	}
	var localEntries, serverEntries []verify.Entry
	localProject, serverProject := "", ""
	localOK, serverOK := false, false
	if localHistory != nil {
		if file, err := verify.ParseHistory([]byte(*localHistory)); err == nil {
			localEntries, localProject, localOK = file.Entries, file.Project, true
			r.LocalHead = lastSeq(file.Entries)
		}
	}
	if serverHistory != nil {
		if file, err := verify.ParseHistory([]byte(*serverHistory)); err == nil {
			serverEntries, serverProject, serverOK = file.Entries, file.Project, true
			r.ServerHead = lastSeq(file.Entries)
		}
	}
	switch {
	case localHistory == nil && serverHistory == nil:
		r.Relation = "none"
	case localHistory == nil:
		r.Relation = "missing_locally"
	case serverHistory == nil:
		r.Relation = "not_on_server"
	case !localOK || !serverOK:
		r.Relation = "unknown"
	case localProject != serverProject:
		r.Relation = "other_project"
	default:
		r.Relation, r.DivergedAt = compareChains(localEntries, serverEntries)
	}
	if r.Drift {
		r.Hint = driftHint(r)
	}
	return r
}

func lastSeq(entries []verify.Entry) *int64 {
	if len(entries) == 0 {
		zero := int64(0)
		return &zero
	}
	seq := entries[len(entries)-1].Seq
	return &seq
}

// compareChains compares two chains by (seq, hmac): same, server_ahead (local is a prefix of the
// server's), local_ahead, or diverged at the first differing seq.
func compareChains(local, server []verify.Entry) (string, *int64) {
	n := len(local)
	if len(server) < n {
		n = len(server)
	}
	for i := 0; i < n; i++ {
		if local[i].Seq != server[i].Seq || local[i].Hmac != server[i].Hmac {
			seq := server[i].Seq
			return "diverged", &seq
		}
	}
	switch {
	case len(local) == len(server):
		return "same", nil
	case len(local) < len(server):
		return "server_ahead", nil
	default:
		return "local_ahead", nil
	}
}

// compareFile finds the first differing line of two texts.
func compareFile(path string, local, server *string) fileDiff {
	d := fileDiff{File: path}
	switch {
	case local == nil:
		d.Status = "missing_locally"
		return d
	case server == nil:
		d.Status = "not_on_server"
		return d
	case *local == *server:
		d.Status = "same"
		return d
	}
	d.Status = "differs"
	line, l, s := firstDifference(*local, *server)
	d.Line, d.Local, d.Server = line, l, s
	return d
}

// firstDifference is the 1-based number of the first line where a and b differ, with that line of
// each (nil past the end of a text). A difference only in the final newline counts as a line.
func firstDifference(a, b string) (int, *string, *string) {
	al, bl := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	for i := 0; ; i++ {
		var x, y *string
		if i < len(al) && al[i] != "" {
			x = &al[i]
		}
		if i < len(bl) && bl[i] != "" {
			y = &bl[i]
		}
		if x == nil && y == nil {
			return 0, nil, nil // equal (not reached for differing texts)
		}
		if x == nil || y == nil || *x != *y {
			if x != nil && y != nil && stripEOL(*x) == stripEOL(*y) {
				return i + 1, x, y // only the line ending differs: keep it visible
			}
			return i + 1, trimLine(x), trimLine(y)
		}
	}
}

func stripEOL(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
}

// trimLine drops the line ending and shortens long lines for display.
func trimLine(s *string) *string {
	if s == nil {
		return nil
	}
	t := stripEOL(*s)
	const max = 160
	if r := []rune(t); len(r) > max {
		t = string(r[:max]) + "…"
	}
	return &t
}

func driftHint(r driftReport) string {
	export := fmt.Sprintf("devstate export --dir %s", r.Dir)
	switch r.Relation {
	case "server_ahead":
		return fmt.Sprintf("the server has %d newer entries: run `%s`", *r.ServerHead-*r.LocalHead, export)
	case "local_ahead":
		return fmt.Sprintf("the local history has %d entries the server lacks: `devstate import --dir %s` (admin) sends them, `%s` discards them",
			*r.LocalHead-*r.ServerHead, r.Dir, export)
	case "diverged":
		return fmt.Sprintf("the histories diverge at seq %d (edited files or another database): run `%s` to take the server's", *r.DivergedAt, export)
	case "other_project":
		return fmt.Sprintf("the local history belongs to another project: run `%s`", export)
	case "not_on_server":
		return fmt.Sprintf("the server has no history for project %s: check --project/DEVSTATE_PROJECT, or create it with `devstate import --dir %s` (admin)", r.Project, r.Dir)
	}
	return fmt.Sprintf("the server is the source of truth: run `%s` (change the state through the API, e.g. devstate set-cp)", export)
}

// Text is the readable summary.
func (r driftReport) Text() string {
	var b strings.Builder
	if !r.Drift {
		switch {
		case len(r.Files) == 0:
			fmt.Fprintf(&b, "no drift: neither %s nor the server has files for project %s\n", r.Dir, r.Project)
		case r.ServerHead != nil:
			fmt.Fprintf(&b, "no drift: %s matches the server (project %s, head seq %d)\n", r.Dir, r.Project, *r.ServerHead)
		default:
			fmt.Fprintf(&b, "no drift: %s matches the server (project %s)\n", r.Dir, r.Project)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "drift: %s differs from the server (project %s)\n", r.Dir, r.Project)
	for _, f := range r.Files {
		switch f.Status {
		case "same":
			fmt.Fprintf(&b, "  %s: same\n", f.File)
		case "missing_locally":
			fmt.Fprintf(&b, "  %s: missing locally (the server has it)\n", f.File)
		case "not_on_server":
			fmt.Fprintf(&b, "  %s: not on the server (only local)\n", f.File)
		case "differs":
			fmt.Fprintf(&b, "  %s: differs from line %d\n", f.File, f.Line)
			local, server := showLine(f.Local), showLine(f.Server)
			if f.Local != nil && f.Server != nil && strings.TrimSpace(*f.Local) == strings.TrimSpace(*f.Server) {
				local, server = fmt.Sprintf("%q", *f.Local), fmt.Sprintf("%q", *f.Server) // white space only
			}
			fmt.Fprintf(&b, "    local:  %s\n    server: %s\n", local, server)
		}
	}
	fmt.Fprintf(&b, "  history: local head seq %s, server head seq %s%s\n",
		seqText(r.LocalHead), seqText(r.ServerHead), relationText(r))
	if r.Hint != "" {
		fmt.Fprintf(&b, "hint: %s\n", r.Hint)
	}
	return b.String()
}

func showLine(s *string) string {
	if s == nil {
		return "(end of file)"
	}
	return strings.TrimSpace(*s)
}

func seqText(seq *int64) string {
	if seq == nil {
		return "-"
	}
	return fmt.Sprintf("%d", *seq)
}

func relationText(r driftReport) string {
	switch r.Relation {
	case "same":
		return " (same chain)"
	case "server_ahead":
		return " (the server is ahead)"
	case "local_ahead":
		return " (the local file is ahead)"
	case "diverged":
		return fmt.Sprintf(" (diverged at seq %d)", *r.DivergedAt)
	case "other_project":
		return " (another project)"
	case "missing_locally":
		return " (no local history)"
	case "not_on_server":
		return " (the server has no history for this project)"
	case "unknown":
		return " (a history file is not a devstate-history/1 document)"
	}
	return ""
}

// historyHead is the seq and hmac of the last entry of a history text.
func historyHead(text string) (int64, string, bool) {
	file, err := verify.ParseHistory([]byte(text))
	if err != nil || len(file.Entries) == 0 {
		return 0, "", false
	}
	last := file.Entries[len(file.Entries)-1]
	return last.Seq, last.Hmac, true
}
