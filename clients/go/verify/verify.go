// Package verify checks a DevState history chain (.trae/history.json) offline and computes the
// state checksum of a .trae/state.json, exactly as docs/CHAIN.md specifies.
//
// It is its own module so that the generated client (github.com/devstate/devstate/clients/go)
// stays free of third-party modules; this one needs github.com/gowebpki/jcs (RFC 8785).
//
//	result, err := verify.History(historyJSON, map[string]string{"k1": os.Getenv("HMAC_SECRET")})
//	if err == nil && !result.OK {
//		fmt.Println(result.Failure.Seq, result.Failure.Reason)
//	}
//
// Entries fetched through the client verify too: Entries builds the document from their JSON
// (json.Marshal of the client's []devstate.HistoryEntry), and the client keeps every signed member,
// ts included, as the text the service sent.
package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/gowebpki/jcs"
)

// Format is the format member of a .trae/history.json document.
const Format = "devstate-history/1"

// GenesisHmac is the hmac_prev of a chain's first entry.
var GenesisHmac = string(bytes.Repeat([]byte("0"), 64))

// Entry is one exported history entry. Metadata is kept as raw JSON so that its numbers are
// canonicalised from their text (RFC 8785 reads them as IEEE-754 doubles).
type Entry struct {
	Seq           int64           `json:"seq"`
	Ts            string          `json:"ts"`
	Actor         string          `json:"actor"`
	Action        string          `json:"action"`
	CpFrom        *string         `json:"cp_from"`
	CpTo          *string         `json:"cp_to"`
	StateChecksum *string         `json:"state_checksum"`
	Metadata      json.RawMessage `json:"metadata"`
	Kid           string          `json:"kid"`
	HmacPrev      string          `json:"hmac_prev"`
	Hmac          string          `json:"hmac"`
}

// HistoryFile is a .trae/history.json document.
type HistoryFile struct {
	Format  string  `json:"format"`
	Project string  `json:"project"`
	Entries []Entry `json:"entries"`
}

// Head is the last entry that passed.
type Head struct {
	Seq  int64  `json:"seq"`
	Hmac string `json:"hmac"`
}

// Failure is the first failed check, as GET /v1/devstate/verify reports it. Reason is one of
// hmac_mismatch, prev_mismatch, seq_gap, unknown_kid.
type Failure struct {
	Seq      int64   `json:"seq"`
	Reason   string  `json:"reason"`
	Expected *string `json:"expected"`
	Actual   *string `json:"actual"`
}

// Result of a verification: OK, or the first Failure; Verified entries passed before it.
type Result struct {
	OK       bool     `json:"ok"`
	Verified int64    `json:"verified"`
	Head     *Head    `json:"head"`
	Failure  *Failure `json:"failure"`
}

// ParseHistory reads a .trae/history.json document.
func ParseHistory(historyJSON []byte) (*HistoryFile, error) {
	var file HistoryFile
	if err := json.Unmarshal(historyJSON, &file); err != nil {
		return nil, fmt.Errorf("history file: %w", err)
	}
	if file.Format != Format || file.Project == "" || file.Entries == nil {
		return nil, fmt.Errorf("history file: not a %s document ({format, project, entries})", Format)
	}
	return &file, nil
}

// Message is the canonical (RFC 8785) message an entry's hmac is computed over.
func Message(project string, e Entry) (string, error) {
	metadata := e.Metadata
	if len(bytes.TrimSpace(metadata)) == 0 {
		metadata = json.RawMessage("null")
	}
	raw, err := json.Marshal(struct {
		Project       string          `json:"project"`
		Seq           int64           `json:"seq"`
		Ts            string          `json:"ts"`
		Actor         string          `json:"actor"`
		Action        string          `json:"action"`
		CpFrom        *string         `json:"cp_from"`
		CpTo          *string         `json:"cp_to"`
		StateChecksum *string         `json:"state_checksum"`
		Metadata      json.RawMessage `json:"metadata"`
		Kid           string          `json:"kid"`
		HmacPrev      string          `json:"hmac_prev"`
	}{project, e.Seq, e.Ts, e.Actor, e.Action, e.CpFrom, e.CpTo, e.StateChecksum, metadata, e.Kid, e.HmacPrev})
	if err != nil {
		return "", err
	}
	canonical, err := jcs.Transform(raw)
	if err != nil {
		return "", fmt.Errorf("entry %d cannot be canonicalised: %w", e.Seq, err)
	}
	return string(canonical), nil
}

// Sign is the lowercase hex HMAC-SHA256 of the entry's message under secret.
func Sign(project string, e Entry, secret string) (string, error) {
	message, err := Message(project, e)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(message))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

func text(s string) *string { return &s }

// History verifies a .trae/history.json document from seq 1 with keys (kid -> secret). The error
// is for a malformed document only; a broken chain is a Result with OK false.
func History(historyJSON []byte, keys map[string]string) (Result, error) {
	file, err := ParseHistory(historyJSON)
	if err != nil {
		return Result{}, err
	}
	return File(file, keys)
}

// File verifies a parsed history document; see History.
func File(file *HistoryFile, keys map[string]string) (Result, error) {
	result := Result{}
	expected := int64(1)
	prev := GenesisHmac
	fail := func(f Failure) (Result, error) {
		result.Failure = &f
		return result, nil
	}
	for _, e := range file.Entries {
		if e.Seq != expected {
			return fail(Failure{expected, "seq_gap", text(strconv.FormatInt(expected, 10)), text(strconv.FormatInt(e.Seq, 10))})
		}
		if e.HmacPrev != prev {
			return fail(Failure{e.Seq, "prev_mismatch", text(prev), text(e.HmacPrev)})
		}
		secret, known := keys[e.Kid]
		if !known {
			return fail(Failure{e.Seq, "unknown_kid", nil, text(e.Kid)})
		}
		want, err := Sign(file.Project, e, secret)
		if err != nil {
			return Result{}, err
		}
		if !hmac.Equal([]byte(want), []byte(e.Hmac)) {
			return fail(Failure{e.Seq, "hmac_mismatch", nil, text(e.Hmac)})
		}
		prev = e.Hmac
		result.Verified++
		result.Head = &Head{e.Seq, e.Hmac}
		expected++
	}
	result.OK = true
	return result, nil
}

// Entries is the history document of project made of entries as any client writes them: a JSON
// array of history entries (json.Marshal(page.Items) of the Go client), in any order (search pages
// are newest first); the document has them oldest first.
func Entries(project string, entriesJSON []byte) (*HistoryFile, error) {
	var entries []Entry
	if err := json.Unmarshal(entriesJSON, &entries); err != nil {
		return nil, fmt.Errorf("not a JSON array of history entries: %w", err)
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Seq < entries[j].Seq })
	return &HistoryFile{Format: Format, Project: project, Entries: entries}, nil
}

// StateChecksum is "sha256:" + hex SHA-256 of the RFC 8785 form of a state document.
func StateChecksum(stateJSON []byte) (string, error) {
	canonical, err := jcs.Transform(stateJSON)
	if err != nil {
		return "", fmt.Errorf("state cannot be canonicalised: %w", err)
	}
	sum := sha256.Sum256(canonical)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// Resign signs the entries again for project with one key (kid, secret): for example to move a
// chain signed with a test key into a fresh project. The result verifies with {kid: secret}.
func Resign(file *HistoryFile, project, kid, secret string) (*HistoryFile, error) {
	out := &HistoryFile{Format: Format, Project: project, Entries: make([]Entry, 0, len(file.Entries))}
	prev := GenesisHmac
	for _, e := range file.Entries {
		e.Kid = kid
		e.HmacPrev = prev
		signed, err := Sign(project, e, secret)
		if err != nil {
			return nil, err
		}
		e.Hmac = signed
		prev = signed
		out.Entries = append(out.Entries, e)
	}
	return out, nil
}
