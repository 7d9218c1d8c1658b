package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
)

func runSetCP(a *app, args []string) error {
	c := findCommand("set-cp")
	fs := newFlagSet(c.name)
	actor := fs.String("actor", envOr(a.getenv, "DEVSTATE_ACTOR", "devstate-cli"), "actor of the history entry (env DEVSTATE_ACTOR)")
	metadata := fs.String("metadata", "", "JSON object for the entry's metadata, e.g. '{\"ticket\":\"T-42\"}'")
	lock := fs.String("lock", a.getenv("DEVSTATE_LOCK"), "lock_id of the lock holding scope state (env DEVSTATE_LOCK)")
	ifMatch := fs.String("if-match", "", "only if the state's checksum is still this (ETag, quoted or not)")
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 1); err != nil {
		return err
	}
	cp := strings.TrimSpace(positional[0])
	if cp == "" {
		return usageErrorf("the checkpoint is empty")
	}
	if *metadata != "" {
		var object map[string]any
		if json.Unmarshal([]byte(*metadata), &object) != nil || object == nil {
			return usageErrorf("--metadata must be a JSON object, got %q", *metadata)
		}
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	req := s.api.StateAPI.UpdateState(s.ctx).Project(s.project).
		RequestBody(map[string]interface{}{"current_cp": cp})
	if *actor != "" {
		req = req.DevStateActor(*actor)
	}
	if *metadata != "" {
		req = req.DevStateMetadata(*metadata)
	}
	if *lock != "" {
		req = req.DevStateLock(*lock)
	}
	if *ifMatch != "" {
		tag := *ifMatch
		if !strings.HasPrefix(tag, "\"") && !strings.HasPrefix(tag, "W/") && tag != "*" {
			tag = `"` + tag + `"`
		}
		req = req.IfMatch(tag)
	}
	result, resp, err := req.Execute()
	if err != nil {
		failure := s.fail("", resp, err)
		if resp != nil && resp.StatusCode == http.StatusUnprocessableEntity {
			// A merge patch on a project without state is applied to {}: say so.
			if _, stateResp, stateErr := s.api.StateAPI.GetState(s.ctx).Project(s.project).Execute(); stateErr != nil &&
				stateResp != nil && stateResp.StatusCode == http.StatusNotFound {
				if ce, ok := failure.(*cliError); ok {
					ce.msg += fmt.Sprintf("\n  hint: project %s has no state yet; create it first (PUT /v1/devstate/state or devstate import)", s.project)
				}
			}
		}
		return failure
	}
	if a.g.json {
		return a.printRaw(rawBody(resp))
	}
	move := "current_cp " + cp
	// The update_state entry written with the state records the move (cp_from/cp_to).
	if entry, _, err := s.api.HistoryAPI.GetHistoryEntry(s.ctx, result.Seq).Project(s.project).Execute(); err == nil {
		from, to := entry.CpFrom.Get(), entry.CpTo.Get()
		if to != nil {
			move = fmt.Sprintf("current_cp %s → %s", orDash(from), *to)
		} else {
			move = fmt.Sprintf("current_cp already %s", cp)
		}
	}
	fmt.Fprintf(a.stdout, "%s: project %s, state version %d (%s), history entry seq %d\n",
		move, s.project, result.Version, result.Checksum, result.Seq)
	return nil
}

func runLock(a *app, args []string) error {
	c := findCommand("lock")
	fs := newFlagSet(c.name)
	scope := fs.String("scope", "state", "scope to lock (state is the one DevState enforces)")
	ttl := fs.Int("ttl", 60, "lease in seconds (1..86400)")
	owner := fs.String("owner", "", "who holds the lock (shown to others on conflicts)")
	reason := fs.String("reason", "", "why")
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if *ttl <= 0 || *ttl > math.MaxInt32 {
		return usageErrorf("--ttl must be a positive number of seconds, got %d", *ttl)
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	request := devstate.NewAcquireLockRequest(*scope, int32(*ttl))
	if *owner != "" {
		request.Owner = *devstate.NewNullableString(owner)
	}
	if *reason != "" {
		request.Reason = *devstate.NewNullableString(reason)
	}
	lock, resp, err := s.api.LocksAPI.AcquireLock(s.ctx).Project(s.project).AcquireLockRequest(*request).Execute()
	if err != nil {
		return s.fail("", resp, err)
	}
	if a.g.json {
		return a.printRaw(rawBody(resp))
	}
	// stdout is the lock_id alone, for LOCK=$(devstate lock ...); the rest goes to stderr.
	fmt.Fprintln(a.stdout, lock.LockId)
	fmt.Fprintf(a.stderr, "locked scope %s of project %s until %s (fencing token %d)\n",
		lock.Scope, lock.Project, lock.ExpiresAt, lock.FencingToken)
	return nil
}

func runUnlock(a *app, args []string) error {
	c := findCommand("unlock")
	positional, err := parseCommand(a, c, newFlagSet(c.name), args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 1); err != nil {
		return err
	}
	id := strings.TrimSpace(positional[0])
	s, err := a.server()
	if err != nil {
		return err
	}
	resp, err := s.releaseClient().LocksAPI.ReleaseLock(s.ctx, id).Project(s.project).Execute()
	if err != nil {
		return s.fail("", resp, err)
	}
	if a.g.json {
		return a.printJSON(map[string]any{"ok": true, "released": id, "project": s.project})
	}
	fmt.Fprintf(a.stdout, "released lock %s (project %s)\n", id, s.project)
	return nil
}

// parseTime reads an RFC 3339 date-time, or a date (midnight UTC).
func parseTime(flagName, value string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", value); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, usageErrorf("--%s %q is not an RFC 3339 date-time (2026-11-25T10:00:00Z) or a date (2026-11-25)", flagName, value)
}

type searchPage struct {
	Items      []json.RawMessage `json:"items"`
	NextCursor *string           `json:"next_cursor"`
}

func runSearch(a *app, args []string) error {
	c := findCommand("search")
	fs := newFlagSet(c.name)
	actor := fs.String("actor", "", "entries of this actor")
	action := fs.String("action", "", "entries with this action (e.g. update_state)")
	cp := fs.String("cp", "", "entries whose cp_from or cp_to is this checkpoint")
	since := fs.String("since", "", "entries at or after this time (RFC 3339, or a date = midnight UTC)")
	until := fs.String("until", "", "entries at or before this time")
	metadata := fs.String("metadata", "", "entries whose metadata contains this JSON object")
	limit := fs.Int("limit", 0, "entries per page, 1..1000 (server default 100)")
	cursor := fs.String("cursor", "", "continue after a previous page (its next_cursor)")
	all := fs.Bool("all", false, "follow next_cursor to the last page")
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if *limit < 0 || *limit > math.MaxInt32 {
		return usageErrorf("--limit must be 1..1000")
	}
	var sinceT, untilT time.Time
	if *since != "" {
		if sinceT, err = parseTime("since", *since); err != nil {
			return err
		}
	}
	if *until != "" {
		if untilT, err = parseTime("until", *until); err != nil {
			return err
		}
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	var items []devstate.HistoryEntry
	merged := searchPage{Items: []json.RawMessage{}}
	next := *cursor
	for {
		req := s.api.HistoryAPI.SearchHistory(s.ctx).Project(s.project)
		if *actor != "" {
			req = req.Actor(*actor)
		}
		if *action != "" {
			req = req.Action(*action)
		}
		if *cp != "" {
			req = req.Cp(*cp)
		}
		if *since != "" {
			req = req.Since(sinceT.Format(time.RFC3339Nano))
		}
		if *until != "" {
			req = req.Until(untilT.Format(time.RFC3339Nano))
		}
		if *metadata != "" {
			req = req.Metadata(*metadata)
		}
		if *limit != 0 {
			req = req.Limit(int32(*limit))
		}
		if next != "" {
			req = req.Cursor(next)
		}
		page, resp, err := req.Execute()
		if err != nil {
			return s.fail("", resp, err)
		}
		var raw searchPage
		if err := json.Unmarshal(rawBody(resp), &raw); err != nil {
			return &cliError{code: exitAPI, msg: fmt.Sprintf("unexpected response: %v", err)}
		}
		merged.Items = append(merged.Items, raw.Items...)
		merged.NextCursor = raw.NextCursor
		items = append(items, page.Items...)
		if !*all || raw.NextCursor == nil {
			break
		}
		next = *raw.NextCursor
	}
	if a.g.json {
		return a.printJSON(merged)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SEQ\tTS\tACTOR\tACTION\tCP\tNOTE")
	for _, e := range items {
		move := "-"
		if from, to := e.CpFrom.Get(), e.CpTo.Get(); from != nil || to != nil {
			move = orDash(from) + "→" + orDash(to)
		}
		note := ""
		if t := e.TombstonedBy.Get(); t != nil {
			note = fmt.Sprintf("tombstoned by %d", *t)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.Ts, e.Actor, e.Action, move, note)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if merged.NextCursor != nil {
		fmt.Fprintf(a.stderr, "more entries: --cursor %s (or --all)\n", *merged.NextCursor)
	}
	return nil
}

func envOr(getenv func(string) string, name, fallback string) string {
	if v := strings.TrimSpace(getenv(name)); v != "" {
		return v
	}
	return fallback
}
