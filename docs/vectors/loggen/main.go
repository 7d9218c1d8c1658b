// Command loggen writes docs/vectors/log.json, the shared test vectors of the transparency log of
// docs/CHAIN.md ("The log"), with the transparency ecosystem's own Go libraries: the RFC 6962
// hasher and reference tree of github.com/transparency-dev/merkle, its proof verifiers, the
// checkpoint format of github.com/transparency-dev/formats/log, the signed notes of
// golang.org/x/mod/sumdb/note, and RFC 8785 by github.com/gowebpki/jcs.
//
//	cd docs/vectors/loggen && go run .          # rewrite ../log.json
//	cd docs/vectors/loggen && go run . -check   # exit 1 when ../log.json is not what it writes
//
// It is the only writer of log.json. Everything is deterministic: a fixed key (seed
// SHA-256("devstate log vector key")), fixed entries, Ed25519 signatures (deterministic).
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/gowebpki/jcs"
	tlog "github.com/transparency-dev/formats/log"
	tlogproof "github.com/transparency-dev/formats/proof"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/merkle/testonly"
	"golang.org/x/mod/sumdb/note"
)

const (
	logName     = "devstate.example.org"
	project     = "default"
	origin      = logName + "/" + project
	seedText    = "devstate log vector key"
	otherSeed   = "devstate log vector other key"
	hmacKid     = "k1"
	hmacSecret  = "test-secret"
	genesisHmac = "0000000000000000000000000000000000000000000000000000000000000000"
	format      = "devstate-history/1"
)

// Entry is a history entry with the members of .trae/history.json, in its order. Metadata is
// kept as JSON text, so that non-canonical number literals (2.50, 1e21) reach the file as written.
type Entry struct {
	Seq           int             `json:"seq"`
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

type draft struct {
	ts, actor, action     string
	cpFrom, cpTo, checked *string
	metadata              string
}

func str(s string) *string { return &s }

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

var drafts = []draft{
	// The two entries of docs/CHAIN.md's test vectors (their hmacs are pinned there).
	{ts: "2026-11-25T10:00:00.123456Z", actor: "alice", action: "note", cpTo: str("CP1-LC"),
		metadata: `{"b":[1,2],"a":"é"}`},
	{ts: "2026-11-25T10:00:01.000000Z", actor: "alice", action: "note", metadata: `null`},
	{ts: "2026-11-25T10:05:00.000001Z", actor: "ci", action: "update_state", cpFrom: str("CP1-LC"),
		cpTo: str("CP2-LC"), checked: str(sha256Hex("state 3")), metadata: `{"reason":"cp2 kickoff","run":42}`},
	{ts: "2026-11-25T10:06:30.250000Z", actor: "agent:planner", action: "plan",
		metadata: `{"amount":2.50,"big":1e21,"tiny":1E-7,"whole":100.0,"list":[1.0,-4E+2,3e0]}`},
	{ts: "2026-11-25T10:07:00.500000Z", actor: "Zoë Ångström", action: "review",
		metadata: `{"text":"Grüße, 世界 😀","rtl":"שלום","€":"euro","ö":"o-umlaut","escapes":"quote \" tab \t nl \n"}`},
	{ts: "2026-11-25T10:08:00.000000Z", actor: "ci", action: "build",
		metadata: `{"run":43,"nested":{"deeper":{"deepest":[{"z":null,"a":[true,false,[]]},{}]}}}`},
	{ts: "2026-11-25T10:09:15.999999Z", actor: "alice", action: "tombstone",
		metadata: `{"reason":"duplicate","target_seq":6}`},
	{ts: "2026-11-25T10:10:00.000000Z", actor: "ci", action: "update_state", cpFrom: str("CP2-LC"),
		cpTo: str("CP3-LC"), checked: str(sha256Hex("state 8")), metadata: `null`},
	{ts: "2026-11-25T10:11:11.111111Z", actor: "агент-7", action: "note",
		metadata: `{"ratio":0.1,"negative":-1.25E-3,"count":9007199254740991}`},
	{ts: "2026-11-25T10:12:00.000000Z", actor: "ops", action: "deploy", cpFrom: str("CP3-LC"),
		cpTo: str("CP3-LC"), metadata: `{"env":"staging","replicas":3,"ok":true}`},
	{ts: "2026-11-25T10:13:00.000000Z", actor: "bob", action: "note",
		metadata: `{"emoji":"🧪","combining":"é vs é","empty":{},"zero":0}`},
}

func canonical(v any) []byte {
	raw, err := json.Marshal(v)
	must(err)
	out, err := jcs.Transform(raw)
	must(err)
	return out
}

// message is the JCS text an entry's hmac is computed over (docs/CHAIN.md, "The signed message").
func message(e Entry) []byte {
	return canonical(struct {
		Project       string          `json:"project"`
		Seq           int             `json:"seq"`
		Ts            string          `json:"ts"`
		Actor         string          `json:"actor"`
		Action        string          `json:"action"`
		CpFrom        *string         `json:"cp_from"`
		CpTo          *string         `json:"cp_to"`
		StateChecksum *string         `json:"state_checksum"`
		Metadata      json.RawMessage `json:"metadata"`
		Kid           string          `json:"kid"`
		HmacPrev      string          `json:"hmac_prev"`
	}{project, e.Seq, e.Ts, e.Actor, e.Action, e.CpFrom, e.CpTo, e.StateChecksum, e.Metadata, e.Kid, e.HmacPrev})
}

// leafData is the JCS of the entry with every member plus "project" (docs/CHAIN.md, "The log").
func leafData(e Entry) []byte {
	return canonical(struct {
		Project string `json:"project"`
		Entry
	}{project, e})
}

func chain(ds []draft) []Entry {
	entries := make([]Entry, 0, len(ds))
	prev := genesisHmac
	for i, d := range ds {
		e := Entry{Seq: i + 1, Ts: d.ts, Actor: d.actor, Action: d.action, CpFrom: d.cpFrom, CpTo: d.cpTo,
			StateChecksum: d.checked, Metadata: json.RawMessage(d.metadata), Kid: hmacKid, HmacPrev: prev}
		mac := hmac.New(sha256.New, []byte(hmacSecret))
		mac.Write(message(e))
		e.Hmac = hex.EncodeToString(mac.Sum(nil))
		prev = e.Hmac
		entries = append(entries, e)
	}
	return entries
}

// keyPair is the Ed25519 key of the vectors: the seed is SHA-256 of text.
func keyPair(text string) (seed []byte, pub ed25519.PublicKey) {
	sum := sha256.Sum256([]byte(text))
	priv := ed25519.NewKeyFromSeed(sum[:])
	return sum[:], priv.Public().(ed25519.PublicKey)
}

func keyID(name string, pub ed25519.PublicKey) uint32 {
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write([]byte{0x01})
	h.Write(pub)
	return binary.BigEndian.Uint32(h.Sum(nil))
}

// signerKey is the note signer key (golang.org/x/mod/sumdb/note's format) of name.
func signerKey(name string, seed []byte, pub ed25519.PublicKey) string {
	return fmt.Sprintf("PRIVATE+KEY+%s+%08x+%s", name, keyID(name, pub),
		base64.StdEncoding.EncodeToString(append([]byte{0x01}, seed...)))
}

func sign(skey, text string) string {
	signer, err := note.NewSigner(skey)
	must(err)
	signed, err := note.Sign(&note.Note{Text: text}, signer)
	must(err)
	return string(signed)
}

type tree struct {
	entries []Entry
	ref     *testonly.Tree
}

func newTree(entries []Entry) tree {
	ref := testonly.New(rfc6962.DefaultHasher)
	for _, e := range entries {
		ref.AppendData(leafData(e))
	}
	// Cross-check the reference tree with a compact range, as the service and the CLI compute roots.
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	r := rf.NewEmptyRange(0)
	for i, e := range entries {
		must(r.Append(rfc6962.DefaultHasher.HashLeaf(leafData(e)), nil))
		root, err := r.GetRootHash(nil)
		must(err)
		check(bytes.Equal(root, ref.HashAt(uint64(i+1))), "compact range and reference tree differ")
	}
	check(bytes.Equal(ref.HashAt(0), rfc6962.DefaultHasher.EmptyRoot()), "empty root")
	return tree{entries, ref}
}

func (t tree) checkpoint(skey string, size uint64) string {
	return sign(skey, string(tlog.Checkpoint{Origin: origin, Size: size, Hash: t.ref.HashAt(size)}.Marshal()))
}

func b64(h []byte) string { return base64.StdEncoding.EncodeToString(h) }

func b64s(hs [][]byte) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = b64(h)
	}
	return out
}

type Key struct {
	SeedText    string `json:"seed_text"`
	Seed        string `json:"seed_hex"`
	PublicKey   string `json:"public_key"`
	LogKey      string `json:"log_key"`
	SignerKey   string `json:"signer_key"`
	VerifierKey string `json:"verifier_key"`
	KeyID       string `json:"key_id"`
}

type History struct {
	Format  string  `json:"format"`
	Project string  `json:"project"`
	Entries []Entry `json:"entries"`
}

type Leaf struct {
	Index    int    `json:"index"`
	Seq      int    `json:"seq"`
	LeafData string `json:"leaf_data"`
	LeafHash string `json:"leaf_hash"`
}

type Checkpoint struct {
	Size int    `json:"size"`
	Root string `json:"root"`
	Note string `json:"note"`
}

type Inclusion struct {
	Index    int      `json:"index"`
	Size     int      `json:"size"`
	LeafHash string   `json:"leaf_hash"`
	Root     string   `json:"root"`
	Proof    []string `json:"proof"`
}

// TlogProof is entry index's inclusion in the tree of size as a C2SP tlog-proof, the extra line
// carrying the entry's leaf data (GET /v1/devstate/log/tlog-proof).
type TlogProof struct {
	Index int    `json:"index"`
	Size  int    `json:"size"`
	Proof string `json:"proof"`
}

type Consistency struct {
	From  int      `json:"from"`
	To    int      `json:"to"`
	Root1 string   `json:"from_root"`
	Root2 string   `json:"to_root"`
	Proof []string `json:"proof"`
}

// Negative is a case that must fail with Error. Kind says which members it has and what is checked:
//
//	checkpoint   verifyCheckpoint(note, verifier_key)
//	inclusion    verifyInclusion(index, size, leaf_hash, proof, root)
//	consistency  verifyConsistency(from, to, from_root, to_root, proof)
//	update       verifyCheckpointUpdate(trusted, note, proof, verifier_key)
//	history      verifyHistoryAgainstCheckpoint(history, note, verifier_key)
type Negative struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Kind        string   `json:"kind"`
	Error       string   `json:"error"`
	VerifierKey string   `json:"verifier_key,omitempty"`
	Trusted     string   `json:"trusted,omitempty"`
	Note        string   `json:"note,omitempty"`
	History     *History `json:"history,omitempty"`
	Index       *int     `json:"index,omitempty"`
	Size        *int     `json:"size,omitempty"`
	From        *int     `json:"from,omitempty"`
	To          *int     `json:"to,omitempty"`
	LeafHash    string   `json:"leaf_hash,omitempty"`
	Root        string   `json:"root,omitempty"`
	FromRoot    string   `json:"from_root,omitempty"`
	ToRoot      string   `json:"to_root,omitempty"`
	Proof       []string `json:"proof,omitempty"`
}

type File struct {
	Description string            `json:"description"`
	LogName     string            `json:"log_name"`
	Project     string            `json:"project"`
	Origin      string            `json:"origin"`
	Key         Key               `json:"key"`
	HmacKeys    map[string]string `json:"hmac_keys"`
	History     History           `json:"history"`
	Leaves      []Leaf            `json:"leaves"`
	Checkpoints []Checkpoint      `json:"checkpoints"`
	Inclusion   []Inclusion       `json:"inclusion"`
	Consistency []Consistency     `json:"consistency"`
	TlogProofs  []TlogProof       `json:"tlog_proofs"`
	Negative    []Negative        `json:"negative"`
}

func ip(i int) *int { return &i }

// verifyNote is the check a client does: the note is signed by vkey, and its origin is vkey's name.
func verifyNote(text, vkey string) (*tlog.Checkpoint, error) {
	v, err := note.NewVerifier(vkey)
	must(err)
	cp, _, _, err := tlog.ParseCheckpoint([]byte(text), v.Name(), v)
	return cp, err
}

func build() File {
	seed, pub := keyPair(seedText)
	skey := signerKey(origin, seed, pub)
	vkey, err := note.NewEd25519VerifierKey(origin, pub)
	must(err)
	check(strings.HasPrefix(vkey, fmt.Sprintf("%s+%08x+", origin, keyID(origin, pub))), "verifier key id")

	entries := chain(drafts)
	check(entries[0].Hmac == "5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d", "CHAIN.md hmac 1")
	check(entries[1].Hmac == "f8302a5e547178c5c7dbe6d0307cbf3f58e2d30438f05f071a70a2e5c6620268", "CHAIN.md hmac 2")
	t := newTree(entries)
	n := len(entries)
	hasher := rfc6962.DefaultHasher

	f := File{
		Description: "Shared vectors of the DevState transparency log (docs/CHAIN.md, \"The log\"), layout in " +
			"docs/vectors/README.md. Written only by docs/vectors/loggen (`go run .` there) with " +
			"github.com/transparency-dev/merkle, github.com/transparency-dev/formats/log, " +
			"golang.org/x/mod/sumdb/note and github.com/gowebpki/jcs; do not edit by hand. Hashes of proofs " +
			"and roots are standard base64, leaf hashes lowercase hex.",
		LogName: logName,
		Project: project,
		Origin:  origin,
		Key: Key{
			SeedText:    seedText,
			Seed:        hex.EncodeToString(seed),
			PublicKey:   b64(pub),
			LogKey:      signerKey(logName, seed, pub),
			SignerKey:   skey,
			VerifierKey: vkey,
			KeyID:       fmt.Sprintf("%08x", keyID(origin, pub)),
		},
		HmacKeys: map[string]string{hmacKid: hmacSecret},
		History:  History{Format: format, Project: project, Entries: entries},
	}
	for i, e := range entries {
		f.Leaves = append(f.Leaves, Leaf{Index: i, Seq: e.Seq, LeafData: string(leafData(e)),
			LeafHash: hex.EncodeToString(t.ref.LeafHash(uint64(i)))})
	}
	for size := 0; size <= n; size++ {
		text := t.checkpoint(skey, uint64(size))
		cp, err := verifyNote(text, vkey)
		must(err)
		check(cp.Size == uint64(size) && bytes.Equal(cp.Hash, t.ref.HashAt(uint64(size))), "checkpoint round trip")
		f.Checkpoints = append(f.Checkpoints, Checkpoint{Size: size, Root: b64(t.ref.HashAt(uint64(size))), Note: text})
	}
	for size := 1; size <= n; size++ {
		for index := 0; index < size; index++ {
			p, err := t.ref.InclusionProof(uint64(index), uint64(size))
			must(err)
			leaf := t.ref.LeafHash(uint64(index))
			root := t.ref.HashAt(uint64(size))
			must(proof.VerifyInclusion(hasher, uint64(index), uint64(size), leaf, p, root))
			f.Inclusion = append(f.Inclusion, Inclusion{Index: index, Size: size, LeafHash: hex.EncodeToString(leaf),
				Root: b64(root), Proof: b64s(p)})
		}
	}
	for to := 0; to <= n; to++ {
		for from := 0; from <= to; from++ {
			p, err := t.ref.ConsistencyProof(uint64(from), uint64(to))
			must(err)
			r1, r2 := t.ref.HashAt(uint64(from)), t.ref.HashAt(uint64(to))
			must(proof.VerifyConsistency(hasher, uint64(from), uint64(to), p, r1, r2))
			f.Consistency = append(f.Consistency, Consistency{From: from, To: to, Root1: b64(r1), Root2: b64(r2),
				Proof: b64s(p)})
		}
	}

	for _, at := range [][2]int{{0, 1}, {0, n}, {3, n}, {n - 1, n}, {4, 7}} {
		index, size := at[0], at[1]
		p, err := t.ref.InclusionProof(uint64(index), uint64(size))
		must(err)
		hashes := make([][sha256.Size]byte, len(p))
		for i, h := range p {
			hashes[i] = [sha256.Size]byte(h)
		}
		text := tlogproof.TLogProof{Index: uint64(index), Hashes: hashes, ExtraData: leafData(entries[index]),
			Checkpoint: []byte(f.Checkpoints[size].Note)}.Marshal()
		var back tlogproof.TLogProof
		must(back.Unmarshal(text))
		cp, err := verifyNote(string(back.Checkpoint), vkey)
		must(err)
		back2 := make([][]byte, len(back.Hashes))
		for i := range back.Hashes {
			back2[i] = back.Hashes[i][:]
		}
		must(proof.VerifyInclusion(hasher, back.Index, cp.Size, hasher.HashLeaf(back.ExtraData), back2, cp.Hash))
		f.TlogProofs = append(f.TlogProofs, TlogProof{Index: index, Size: size, Proof: string(text)})
	}

	// --- negative cases, each checked here to fail with the Go libraries too ---
	good := f.Checkpoints[n].Note
	changed := strings.Replace(good, fmt.Sprintf("\n%d\n", n), fmt.Sprintf("\n%d\n", n-1), 1)
	check(changed != good, "size line changed")
	_, err = verifyNote(changed, vkey)
	check(err != nil, "changed size must fail")
	f.Negative = append(f.Negative, Negative{Name: "size-changed", Kind: "checkpoint", Error: "bad_signature",
		Description: fmt.Sprintf("The checkpoint of size %d with its size line changed to %d, signature kept: "+
			"the signature does not verify.", n, n-1),
		Note: changed, VerifierKey: vkey})

	otherSeedBytes, otherPub := keyPair(otherSeed)
	otherSigned := t.checkpoint(signerKey(origin, otherSeedBytes, otherPub), uint64(n))
	_, err = verifyNote(otherSigned, vkey)
	check(err != nil, "another key must fail")
	f.Negative = append(f.Negative, Negative{Name: "other-key", Kind: "checkpoint", Error: "unknown_key",
		Description: "The right checkpoint text signed under the right name by another key (seed SHA-256(\"" +
			otherSeed + "\")): no signature of the pinned key.",
		Note: otherSigned, VerifierKey: vkey})

	otherOrigin := sign(skey, string(tlog.Checkpoint{Origin: logName + "/other", Size: uint64(n),
		Hash: t.ref.HashAt(uint64(n))}.Marshal()))
	_, err = verifyNote(otherOrigin, vkey)
	check(err != nil, "another origin must fail")
	f.Negative = append(f.Negative, Negative{Name: "other-origin", Kind: "checkpoint", Error: "wrong_origin",
		Description: "A checkpoint whose origin line is " + logName + "/other, validly signed by the pinned " +
			"key: its origin is not the verifier key's name.",
		Note: otherOrigin, VerifierKey: vkey})

	flippedProof, err := t.ref.InclusionProof(3, uint64(n))
	must(err)
	flippedProof[1] = append([]byte(nil), flippedProof[1]...)
	flippedProof[1][0] ^= 0x01
	check(proof.VerifyInclusion(hasher, 3, uint64(n), t.ref.LeafHash(3), flippedProof, t.ref.HashAt(uint64(n))) != nil,
		"flipped inclusion proof must fail")
	f.Negative = append(f.Negative, Negative{Name: "inclusion-flipped", Kind: "inclusion", Error: "root_mismatch",
		Description: fmt.Sprintf("The inclusion proof of index 3 in size %d with the lowest bit of the first "+
			"byte of its second hash flipped.", n),
		Index: ip(3), Size: ip(n), LeafHash: hex.EncodeToString(t.ref.LeafHash(3)), Root: b64(t.ref.HashAt(uint64(n))),
		Proof: b64s(flippedProof)})

	forkDrafts := append([]draft(nil), drafts...)
	forkDrafts[3].metadata = `{"amount":25.00,"big":1e21,"tiny":1E-7,"whole":100.0,"list":[1.0,-4E+2,3e0]}`
	fork := chain(forkDrafts)
	forkTree := newTree(fork)
	forkNote := forkTree.checkpoint(skey, uint64(n))
	_, err = verifyNote(forkNote, vkey)
	must(err)
	const trustedSize = 6
	forkProof, err := forkTree.ref.ConsistencyProof(trustedSize, uint64(n))
	must(err)
	check(proof.VerifyConsistency(hasher, trustedSize, uint64(n), forkProof, t.ref.HashAt(trustedSize),
		forkTree.ref.HashAt(uint64(n))) != nil, "fork must fail")
	f.Negative = append(f.Negative, Negative{Name: "fork", Kind: "update", Error: "inconsistent",
		Description: fmt.Sprintf("A fork: a history whose entry 4 differs (amount 25.00, the chain re-signed with "+
			"the HMAC key, so it verifies), size %d, with its own validly signed checkpoint and its consistency "+
			"proof from size %d. The trusted checkpoint is the real one of size %d: the proof must fail.",
			n, trustedSize, trustedSize),
		VerifierKey: vkey, Trusted: f.Checkpoints[trustedSize].Note, Note: forkNote, Proof: b64s(forkProof),
		History: &History{Format: format, Project: project, Entries: fork}})
	f.Negative = append(f.Negative, Negative{Name: "fork-consistency", Kind: "consistency", Error: "inconsistent",
		Description: fmt.Sprintf("The fork's consistency proof from %d to %d checked against the real root of "+
			"size %d and the fork's root of size %d.", trustedSize, n, trustedSize, n),
		From: ip(trustedSize), To: ip(n), FromRoot: b64(t.ref.HashAt(trustedSize)), ToRoot: b64(forkTree.ref.HashAt(uint64(n))),
		Proof: b64s(forkProof)})
	f.Negative = append(f.Negative, Negative{Name: "history-vs-fork", Kind: "history", Error: "root_mismatch",
		Description: fmt.Sprintf("The real history checked against the fork's checkpoint of size %d: the root "+
			"recomputed from the entries differs.", n),
		VerifierKey: vkey, Note: forkNote, History: &f.History})
	f.Negative = append(f.Negative, Negative{Name: "history-truncated", Kind: "history", Error: "too_short",
		Description: fmt.Sprintf("The history without its last entry checked against the checkpoint of size %d.", n),
		VerifierKey: vkey, Note: good, History: &History{Format: format, Project: project, Entries: entries[:n-1]}})

	f.Negative = append(f.Negative, Negative{Name: "rollback", Kind: "update", Error: "rollback",
		Description: "A rollback: the trusted checkpoint has size 9, the offered one (validly signed) size 7: " +
			"a log never gets smaller, so it is refused (no proof can help).",
		VerifierKey: vkey, Trusted: f.Checkpoints[9].Note, Note: f.Checkpoints[7].Note, Proof: []string{}})
	return f
}

func render(f File) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	must(enc.Encode(f))
	return b.Bytes()
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func check(ok bool, what string) {
	if !ok {
		panic(errors.New("self-check failed: " + what))
	}
}

func main() {
	out := flag.String("out", "../log.json", "the file to write")
	checkOnly := flag.Bool("check", false, "exit 1 when the file differs from what would be written")
	flag.Parse()
	text := render(build())
	if *checkOnly {
		old, err := os.ReadFile(*out)
		if err != nil || !bytes.Equal(old, text) {
			fmt.Fprintf(os.Stderr, "%s is out of date: run `go run .` in docs/vectors/loggen\n", *out)
			os.Exit(1)
		}
		return
	}
	must(os.WriteFile(*out, text, 0o644))
}
