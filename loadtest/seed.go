package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// jcs renders the JSON values this tool produces (strings, integers, bools, nil, []any,
// map[string]any) in RFC 8785 canonical form: members sorted by UTF-16 code units, minimal string
// escapes, no white space. Integers only (no floats): that is all the seeded entries contain.
func jcs(v any) string {
	var b strings.Builder
	writeJCS(&b, v)
	return b.String()
}

func writeJCS(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case string:
		writeJCSString(b, x)
	case *string:
		if x == nil {
			b.WriteString("null")
		} else {
			writeJCSString(b, *x)
		}
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJCS(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		if x == nil {
			b.WriteString("null")
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return utf16Less(keys[i], keys[j]) })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJCSString(b, k)
			b.WriteByte(':')
			writeJCS(b, x[k])
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("jcs: unsupported %T", v))
	}
}

func utf16Less(a, b string) bool {
	ua, ub := toUTF16(a), toUTF16(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return len(ua) < len(ub)
}

func toUTF16(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

func writeJCSString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// chainEntry is one entry of .trae/history.json (docs/CHAIN.md).
type chainEntry struct {
	Seq           int64
	Ts            string
	Actor, Action string
	CpFrom, CpTo  *string
	StateChecksum *string
	Metadata      map[string]any
	Kid           string
	HmacPrev      string
	Hmac          string
}

func (e *chainEntry) message(project string) map[string]any {
	var md any
	if e.Metadata != nil {
		md = e.Metadata
	}
	return map[string]any{
		"project": project, "seq": e.Seq, "ts": e.Ts, "actor": e.Actor, "action": e.Action,
		"cp_from": e.CpFrom, "cp_to": e.CpTo, "state_checksum": e.StateChecksum, "metadata": md,
		"kid": e.Kid, "hmac_prev": e.HmacPrev,
	}
}

func (e *chainEntry) sign(project string, secret []byte) {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(jcs(e.message(project))))
	e.Hmac = hex.EncodeToString(mac.Sum(nil))
}

func (e *chainEntry) fileJSON(project string) string {
	m := e.message(project)
	delete(m, "project")
	m["hmac"] = e.Hmac
	return jcs(m)
}

// historyFile generates n signed entries and renders a .trae/history.json text (one entry per
// line; the service parses it like its own pretty-printed export).
func historyFile(project, kid string, secret []byte, n int64, start time.Time) (string, string) {
	var b strings.Builder
	b.WriteString(`{"format":"devstate-history/1","project":`)
	writeJCSString(&b, project)
	b.WriteString(",\"entries\":[\n")
	prev := strings.Repeat("0", 64)
	for i := int64(1); i <= n; i++ {
		actor, action, cpFrom, cpTo, md := entryFields(i)
		e := chainEntry{Seq: i, Ts: start.Add(time.Duration(i) * time.Millisecond).UTC().Format("2006-01-02T15:04:05.000000Z"),
			Actor: actor, Action: action, CpFrom: cpFrom, CpTo: cpTo, Metadata: toJCSMap(md), Kid: kid, HmacPrev: prev}
		e.sign(project, secret)
		prev = e.Hmac
		if i > 1 {
			b.WriteString(",\n")
		}
		b.WriteString(e.fileJSON(project))
	}
	b.WriteString("\n]}\n")
	return b.String(), prev
}

// toJCSMap normalises a metadata map (e.g. []string -> []any) through encoding/json.
func toJCSMap(m map[string]any) map[string]any {
	raw, _ := json.Marshal(m)
	var out map[string]any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	_ = dec.Decode(&out)
	return fixNumbers(out).(map[string]any)
}

func fixNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			panic("seed metadata must hold integers only: " + x.String())
		}
		return i
	case map[string]any:
		for k, e := range x {
			x[k] = fixNumbers(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = fixNumbers(e)
		}
		return x
	}
	return v
}

// seed imports n signed entries into an empty project, then PUTs a realistic state.
func seed(c *Client, project, kid string, secret []byte, n int64) (map[string]any, error) {
	t0 := time.Now()
	text, head := historyFile(project, kid, secret, n, time.Now().Add(-time.Duration(n+1000)*time.Millisecond))
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
