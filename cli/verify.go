package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/devstate/devstate/clients/go/verify"
	"golang.org/x/mod/sumdb/note"
)

func runVerify(a *app, args []string) error {
	c := findCommand("verify")
	fs := newFlagSet(c.name)
	files := fs.String("files", "", "verify DIR/history.json and DIR/state.json offline instead of asking the server")
	from := fs.Int64("from", 0, "server: first seq of the window (default 1)")
	limit := fs.Int64("limit", 0, "server: verify at most N entries (default: to the end)")
	allowEmpty := fs.Bool("allow-empty", false, allowEmptyUsage)
	logKey := fs.String("log-key", "", "the project's note verifier key `VKEY`, served at "+logKeyEndpoint+" (env "+logVerifierEnv+
		"): the key of the trusted head (default: pinned on first use) and, with --files, also checks DIR/checkpoint (signature, origin, size, root); no HMAC key needed then")
	trusted := addTrustFlags(fs, logKey, true)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if *files != "" {
		if *from != 0 || *limit != 0 {
			return usageErrorf("--from and --limit apply to the server's verification, not to --files")
		}
		source := "--log-key"
		if *logKey == "" {
			*logKey, source = a.getenv(logVerifierEnv), logVerifierEnv
		}
		var verifier note.Verifier
		if strings.TrimSpace(*logKey) != "" {
			if verifier, err = parseVerifierKey(*logKey, source); err != nil {
				return err
			}
		}
		return verifyFiles(a, *files, *allowEmpty, verifier, strings.TrimSpace(*logKey), trusted)
	}
	if *logKey != "" && trusted.off {
		return usageErrorf("--log-key applies to the offline verification (--files DIR) and the trusted head, not to --no-trusted-head")
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	req := s.api.VerifyAPI.VerifyChain(s.ctx).Project(s.project)
	if *from != 0 {
		req = req.From(*from)
	}
	if *limit != 0 {
		req = req.Limit(*limit)
	}
	result, resp, err := req.Execute()
	if err != nil {
		return s.fail("", resp, err)
	}
	// A walk from seq 1 that finds nothing: the project has no history (a walk from a later seq
	// that finds nothing has passed entry from-1, else it fails with seq_gap).
	if result.Ok && result.Verified == 0 && result.Head.Get() == nil && *from <= 1 && !*allowEmpty {
		return emptyProjectError(s.project, s.baseURL, "")
	}
	var logHead *trustResult
	if tl, err := a.trustedLog(s, trusted); err != nil {
		return err
	} else if tl != nil {
		if logHead, err = tl.check(nil, nil); err != nil {
			return err
		}
	}
	if a.g.json {
		body := rawBody(resp)
		if logHead != nil {
			if body, err = withMember(body, "checkpoint", logHead.view()); err != nil {
				return &cliError{code: exitAPI, msg: fmt.Sprintf("unexpected response: %v", err)}
			}
		}
		if err := a.printRaw(body); err != nil {
			return err
		}
	} else if result.Ok {
		if head := result.Head.Get(); head != nil {
			fmt.Fprintf(a.stdout, "chain ok: project %s, %s verified, head seq %d (hmac %s)\n",
				s.project, entries(result.Verified), head.Seq, short(head.Hmac))
		} else {
			fmt.Fprintf(a.stdout, "chain ok: project %s, no entries to verify\n", s.project)
		}
	} else {
		f := result.Failure.Get()
		if f == nil {
			return failedf("the server reports a broken chain without a failure")
		}
		fmt.Fprintf(a.stdout, "chain BROKEN: project %s, entry %d: %s (expected %s, actual %s); %s verified before it\n",
			s.project, f.Seq, f.Reason, orDash(f.Expected.Get()), orDash(f.Actual.Get()), entries(result.Verified))
	}
	if logHead != nil && !a.g.json {
		fmt.Fprint(a.stdout, logHead.text())
	}
	if !result.Ok {
		return silent(exitFailed)
	}
	return nil
}

// stateCheck is the check of DIR/state.json against the last update_state entry.
type stateCheck struct {
	File     string  `json:"file"`
	Present  bool    `json:"present"`
	OK       bool    `json:"ok"`
	Checksum *string `json:"checksum"`
	Recorded *string `json:"recorded"`
	Seq      *int64  `json:"seq"`
	Problem  *string `json:"problem"`
}

type offlineReport struct {
	Mode    string `json:"mode"`
	Project string `json:"project"`
	File    string `json:"file"`
	OK      bool   `json:"ok"`
	// HMACChecked: the HMAC chain was verified (an HMAC key was configured); Verified, Head and
	// Failure are its outcome (0, null, null when it was not).
	HMACChecked bool            `json:"hmac_checked"`
	Verified    int64           `json:"verified"`
	Head        *verify.Head    `json:"head"`
	Failure     *verify.Failure `json:"failure"`
	State       stateCheck      `json:"state"`
	Log         *logCheck       `json:"log"` // null without a verifier key
	// Checkpoint is the trusted head after the check against the server (absent with --no-trusted-head).
	Checkpoint *checkpointView `json:"checkpoint,omitempty"`
}

// verifyFiles verifies DIR/history.json with the HMAC keys of the environment, DIR/state.json
// against the checksum its last update_state entry recorded (the rules the server's import
// applies), and with a log verifier key DIR/checkpoint against the entries. Either an HMAC key or
// a log verifier key is needed; with both, both checks run. An empty history (no entries, no
// state.json) exits 6 unless allowEmpty. With a log verifier key and unless trusted.off, the files
// must also extend the trusted head, checked offline (trustFiles): no request is made.
func verifyFiles(a *app, dir string, allowEmpty bool, logVerifier note.Verifier, logKey string, trusted *trustOptions) error {
	keys, err := readKeys(a.getenv)
	if err != nil {
		return err
	}
	if len(keys) == 0 && logVerifier == nil {
		return errNoHMACKey
	}
	historyPath := filepath.Join(dir, "history.json")
	statePath := filepath.Join(dir, "state.json")
	historyText, err := os.ReadFile(historyPath)
	if err != nil {
		return localErrorf("cannot read %s: %v", historyPath, err)
	}
	file, err := verify.ParseHistory(historyText)
	if err != nil {
		return failedf("%s: %v", historyPath, err)
	}
	result := verify.Result{OK: true}
	if len(keys) > 0 {
		if result, err = verify.File(file, keys); err != nil {
			return failedf("%s: %v", historyPath, err)
		}
	}
	var logResult *logCheck
	if logVerifier != nil {
		if logResult, err = checkLog(dir, file.Project, historyText, logVerifier); err != nil {
			return err
		}
	}
	stateText, stateErr := os.ReadFile(statePath)
	present := stateErr == nil
	if stateErr != nil && !errors.Is(stateErr, os.ErrNotExist) {
		return localErrorf("cannot read %s: %v", statePath, stateErr)
	}
	report := offlineReport{Mode: "offline", Project: file.Project, File: historyPath, OK: result.OK,
		HMACChecked: len(keys) > 0, Verified: result.Verified, Head: result.Head, Failure: result.Failure,
		State: checkState(statePath, stateText, present, file.Entries), Log: logResult}
	report.OK = result.OK && report.State.OK && (logResult == nil || logResult.OK)
	if report.OK && len(file.Entries) == 0 && !allowEmpty {
		return &cliError{code: exitEmpty,
			msg: fmt.Sprintf("%s has no entries (project %q): nothing to verify; check --files, or export the project first (pass --allow-empty to accept an empty history)",
				historyPath, file.Project),
			fields: map[string]any{"project": file.Project, "file": historyPath}}
	}
	var logHead *trustResult
	if !trusted.off && logResult != nil && logResult.OK {
		if logHead, err = a.trustFiles(trusted, logKey, file.Project, historyText, dir); err != nil {
			return err
		}
		report.Checkpoint = logHead.view()
	}

	if a.g.json {
		if err := a.printJSON(report); err != nil {
			return err
		}
	} else {
		switch {
		case !report.HMACChecked:
			fmt.Fprintf(a.stdout, "chain not checked (offline): %s, project %s, %s; no HMAC key configured, the log check covers the entries\n",
				historyPath, file.Project, entries(int64(len(file.Entries))))
		case result.OK:
			if result.Head != nil {
				fmt.Fprintf(a.stdout, "chain ok (offline): %s, project %s, %s verified, head seq %d (hmac %s)\n",
					historyPath, file.Project, entries(result.Verified), result.Head.Seq, short(result.Head.Hmac))
			} else {
				fmt.Fprintf(a.stdout, "chain ok (offline): %s, project %s, no entries\n", historyPath, file.Project)
			}
		default:
			f := result.Failure
			fmt.Fprintf(a.stdout, "chain BROKEN (offline): %s, project %s, entry %d: %s (expected %s, actual %s); %s verified before it\n",
				historyPath, file.Project, f.Seq, f.Reason, orDash(f.Expected), orDash(f.Actual), entries(result.Verified))
		}
		st := report.State
		switch {
		case st.Problem != nil:
			fmt.Fprintf(a.stdout, "state BAD: %s\n", *st.Problem)
		case st.Present:
			fmt.Fprintf(a.stdout, "state ok: %s has %s, recorded by entry %d\n", statePath, *st.Checksum, *st.Seq)
		default:
			fmt.Fprintf(a.stdout, "state ok: no %s and no update_state entry\n", statePath)
		}
		if lc := report.Log; lc != nil {
			if lc.OK {
				fmt.Fprintf(a.stdout, "log ok (offline): %s, origin %s, size %d, root %s matches the %s of %s\n",
					lc.File, lc.Origin, *lc.Size, *lc.Root, entries(int64(lc.Entries)), historyPath)
			} else {
				fmt.Fprintf(a.stdout, "log BAD (offline): %s: %s\n", *lc.Failed, *lc.Problem)
			}
		}
		if logHead != nil {
			fmt.Fprint(a.stdout, logHead.text())
		}
	}
	if !report.OK {
		return silent(exitFailed)
	}
	return nil
}

func checkState(path string, text []byte, present bool, entries []verify.Entry) stateCheck {
	check := stateCheck{File: path, Present: present}
	var last *verify.Entry
	for i := range entries {
		if entries[i].Action == "update_state" {
			last = &entries[i]
		}
	}
	problem := func(format string, args ...any) stateCheck {
		msg := fmt.Sprintf(format, args...)
		check.Problem = &msg
		return check
	}
	if last != nil {
		seq := last.Seq
		check.Seq = &seq
		check.Recorded = last.StateChecksum
	}
	if !present {
		if last != nil {
			return problem("%s is missing but entry %d recorded state %s", path, last.Seq, orDash(last.StateChecksum))
		}
		check.OK = true
		return check
	}
	sum, err := verify.StateChecksum(text)
	if err != nil {
		return problem("%s: %v", path, err)
	}
	check.Checksum = &sum
	if last == nil {
		return problem("%s is present but the history records no update_state", path)
	}
	if last.StateChecksum == nil || *last.StateChecksum != sum {
		return problem("%s has checksum %s but entry %d recorded %s", path, sum, last.Seq, orDash(last.StateChecksum))
	}
	check.OK = true
	return check
}

func short(hmac string) string {
	if len(hmac) > 12 {
		return hmac[:12] + "…"
	}
	return hmac
}

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func entries(n int64) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}
