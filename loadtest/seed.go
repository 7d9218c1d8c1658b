package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/devstate/devstate/clients/go/verify"
)

// signedEntry is entry seq of a chain under kid, linked to prev and signed with the verifier's own
// canonical message (clients/go/verify, the code users verify exports with), so the seed cannot
// drift from docs/CHAIN.md on its own.
func signedEntry(project string, seq int64, ts string, actor, action string, cpFrom, cpTo *string,
	metadata map[string]any, kid, prev, secret string) (verify.Entry, error) {
	var md json.RawMessage
	if metadata != nil {
		raw, err := json.Marshal(metadata)
		if err != nil {
			return verify.Entry{}, err
		}
		md = raw
	} else {
		md = json.RawMessage("null")
	}
	e := verify.Entry{Seq: seq, Ts: ts, Actor: actor, Action: action, CpFrom: cpFrom, CpTo: cpTo,
		Metadata: md, Kid: kid, HmacPrev: prev}
	mac, err := verify.Sign(project, e, secret)
	e.Hmac = mac
	return e, err
}

// historyFile generates n signed entries and renders a .trae/history.json text (one entry per
// line; the service parses it like its own pretty-printed export). Returns the text and the head hmac.
func historyFile(project, kid, secret string, n int64, start time.Time) (string, string, error) {
	var b strings.Builder
	name, _ := json.Marshal(project)
	b.WriteString(`{"format":"` + verify.Format + `","project":`)
	b.Write(name)
	b.WriteString(",\"entries\":[\n")
	prev := verify.GenesisHmac
	for i := int64(1); i <= n; i++ {
		actor, action, cpFrom, cpTo, md := entryFields(i)
		ts := start.Add(time.Duration(i) * time.Millisecond).UTC().Format("2006-01-02T15:04:05.000000Z")
		e, err := signedEntry(project, i, ts, actor, action, cpFrom, cpTo, md, kid, prev, secret)
		if err != nil {
			return "", "", fmt.Errorf("entry %d: %w", i, err)
		}
		line, err := json.Marshal(e)
		if err != nil {
			return "", "", err
		}
		prev = e.Hmac
		if i > 1 {
			b.WriteString(",\n")
		}
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	return b.String(), prev, nil
}

// seed imports n signed entries into an empty project, then PUTs a realistic state.
func seed(c *Client, project, kid, secret string, n int64) (map[string]any, error) {
	t0 := time.Now()
	text, head, err := historyFile(project, kid, secret, n, time.Now().Add(-time.Duration(n+1000)*time.Millisecond))
	if err != nil {
		return nil, err
	}
	genMs := time.Since(t0).Milliseconds()
	body, _ := json.Marshal(map[string]any{"files": map[string]string{".trae/history.json": text}})
	t1 := time.Now()
	r := c.Do(Request{Route: "seed_import", Method: "POST", Path: "/v1/devstate/import", Body: body, Expect: []int{200}})
	importMs := time.Since(t1).Milliseconds()
	if !r.OK {
		return nil, fmt.Errorf("import of %d entries into %s: HTTP %d %s", n, project, r.Status, trim(r.Body))
	}
	var out struct {
		Outcome string `json:"outcome"`
		Head    *struct {
			Seq  int64  `json:"seq"`
			Hmac string `json:"hmac"`
		} `json:"head"`
	}
	if err := json.Unmarshal(r.Body, &out); err != nil {
		return nil, err
	}
	if out.Outcome != "created" || out.Head == nil || out.Head.Seq != n || out.Head.Hmac != head {
		return nil, fmt.Errorf("import answered %s, expected outcome created with head %d/%s", trim(r.Body), n, head)
	}
	s := c.Do(Request{Route: "seed_state", Method: "PUT", Path: "/v1/devstate/state", Body: stateDoc(project),
		Headers: map[string]string{"DevState-Actor": "loadtest-seed"}, Expect: []int{200}})
	if !s.OK {
		return nil, fmt.Errorf("PUT state: HTTP %d %s", s.Status, trim(s.Body))
	}
	return map[string]any{"project": project, "entries": n, "file_bytes": len(text), "generate_ms": genMs,
		"import_ms": importMs, "outcome": out.Outcome}, nil
}
