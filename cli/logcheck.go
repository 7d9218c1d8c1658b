package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/gowebpki/jcs"
	tlog "github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

// The transparency log of a project (docs/CHAIN.md, "The log"): an RFC 6962 Merkle tree over the
// project's entries, entry seq at leaf index seq-1, and checkpoints in the C2SP tlog-checkpoint
// format signed as C2SP signed-notes under the key name "<log name>/<project>". The hashing, the
// compact range and the note/checkpoint parsing are the transparency ecosystem's own libraries.

// checkpointName is the export's third file: the signed checkpoint of the exported tree size.
const checkpointName = "checkpoint"

// logVerifierEnv holds the note verifier key of a project's checkpoints (public; not to be
// confused with DEVSTATE_LOG_KEY, the server's secret signing key).
const logVerifierEnv = "DEVSTATE_LOG_VERIFIER_KEY"

// logKeyEndpoint serves the verifier key of a project.
const logKeyEndpoint = "GET /v1/devstate/log/key?project=…"

// leafData is the data of an entry's leaf: the RFC 8785 form of the entry object exactly as the
// history file has it, plus the member "project". The member is inserted into the raw text, so
// that numbers in metadata are canonicalised from their text, not from a Go float round trip.
func leafData(project string, entry json.RawMessage) ([]byte, error) {
	trimmed := bytes.TrimSpace(entry)
	if len(trimmed) < 2 || trimmed[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	name, err := json.Marshal(project)
	if err != nil {
		return nil, err
	}
	rest := bytes.TrimSpace(trimmed[1:])
	var b bytes.Buffer
	b.WriteString(`{"project":`)
	b.Write(name)
	if len(rest) > 0 && rest[0] != '}' {
		b.WriteByte(',')
	}
	b.Write(rest)
	canonical, err := jcs.Transform(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("cannot be canonicalised: %w", err)
	}
	return canonical, nil
}

// leafHash is SHA-256(0x00 || leaf data).
func leafHash(project string, entry json.RawMessage) ([]byte, error) {
	data, err := leafData(project, entry)
	if err != nil {
		return nil, err
	}
	return rfc6962.DefaultHasher.HashLeaf(data), nil
}

// logRoot is the root of the tree whose leaves are the entries in the order of the file (the
// empty tree's root for none).
func logRoot(project string, entries []json.RawMessage) ([]byte, error) {
	hashes, err := leafHashes(project, entries)
	if err != nil {
		return nil, err
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	r := rf.NewEmptyRange(0)
	for _, h := range hashes {
		if err := r.Append(h, nil); err != nil {
			return nil, err
		}
	}
	root, err := r.GetRootHash(nil)
	if err != nil {
		return nil, err
	}
	if root == nil {
		root = rfc6962.DefaultHasher.EmptyRoot()
	}
	return root, nil
}

// leafHashes hashes the entries' leaves on every core: canonicalising an entry (JCS) costs about
// ten times its hashing, and entries are independent. The first bad entry (lowest index) is the
// error, whichever worker met it first.
func leafHashes(project string, entries []json.RawMessage) ([][]byte, error) {
	hashes := make([][]byte, len(entries))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(entries)/1024))
	chunk := (len(entries) + workers - 1) / max(workers, 1)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * chunk; i < min((w+1)*chunk, len(entries)); i++ {
				h, err := leafHash(project, entries[i])
				if err != nil {
					errs[w] = fmt.Errorf("entry %d (leaf index %d) %v", i+1, i, err)
					return
				}
				hashes[i] = h
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return hashes, nil
}

// rawEntries are the entries of a history text as their raw JSON objects.
func rawEntries(historyText []byte) ([]json.RawMessage, error) {
	var doc struct {
		Entries []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(historyText, &doc); err != nil {
		return nil, err
	}
	return doc.Entries, nil
}

// logCheck is the check of DIR/checkpoint against DIR/history.json (the "log" member of
// verify --files --json).
type logCheck struct {
	File         string  `json:"file"`
	Origin       string  `json:"origin"`        // the verifier key's name, which the checkpoint must carry
	Size         *uint64 `json:"size"`          // of the checkpoint, once its signature verified
	Root         *string `json:"root"`          // base64, of the checkpoint, once its signature verified
	Entries      int     `json:"entries"`       // in history.json
	ComputedRoot *string `json:"computed_root"` // base64, over the entries of history.json
	OK           bool    `json:"ok"`
	Failed       *string `json:"failed"` // checkpoint, signature, origin, size, root, entries
	Problem      *string `json:"problem"`
}

// parseVerifierKey reads a note verifier key ("<origin>+<key id>+<base64 key>").
func parseVerifierKey(vkey, source string) (note.Verifier, error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return nil, usageErrorf("%s is not a note verifier key (<origin>+<8 hex key id>+<base64 key>, from %s): %v",
			source, logKeyEndpoint, err)
	}
	return v, nil
}

// checkLog verifies DIR/checkpoint with the verifier: its signature, that its origin is the key's
// name and belongs to project, and that its size and root are those of the entries of
// historyText. Only a checkpoint that cannot be read (other than missing) is an error (exit 5).
func checkLog(dir, project string, historyText []byte, v note.Verifier) (*logCheck, error) {
	path := filepath.Join(dir, checkpointName)
	check := &logCheck{File: path, Origin: v.Name()}
	fail := func(what, format string, args ...any) (*logCheck, error) {
		msg := fmt.Sprintf(format, args...)
		check.Failed, check.Problem = &what, &msg
		return check, nil
	}

	raw, err := rawEntries(historyText)
	if err != nil {
		return fail("entries", "%s: %v", filepath.Join(dir, historyName), err)
	}
	check.Entries = len(raw)
	root, err := logRoot(project, raw)
	if err != nil {
		return fail("entries", "%s: %v", filepath.Join(dir, historyName), err)
	}
	computed := base64.StdEncoding.EncodeToString(root)
	check.ComputedRoot = &computed

	text, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return fail("checkpoint", "no checkpoint in %s (%s is missing: devstate export writes it)", dir, path)
	}
	if err != nil {
		return nil, localErrorf("cannot read %s: %v", path, err)
	}
	if !strings.HasSuffix(v.Name(), "/"+project) {
		return fail("origin", "the verifier key is for origin %s, not for project %s (<log name>/%s): use the key of %s",
			v.Name(), project, project, strings.Replace(logKeyEndpoint, "…", project, 1))
	}
	cp, _, n, err := tlog.ParseCheckpoint(text, v.Name(), v)
	if err != nil {
		if n == nil { // the note did not open with the key: malformed, or not signed by it
			hint := ""
			if first, _, ok := strings.Cut(string(text), "\n"); ok && first != v.Name() {
				hint = fmt.Sprintf("; the checkpoint's origin is %q", first)
			}
			return fail("signature", "%s is not signed by the key %s+%08x%s (%v)", path, v.Name(), v.KeyHash(), hint, err)
		}
		var body tlog.Checkpoint
		if _, uerr := body.Unmarshal([]byte(n.Text)); uerr != nil {
			return fail("checkpoint", "%s is signed but not a checkpoint: %v", path, uerr)
		}
		return fail("origin", "%s has origin %q, the verifier key is for %q", path, body.Origin, v.Name())
	}
	size, cpRoot := cp.Size, base64.StdEncoding.EncodeToString(cp.Hash)
	check.Size, check.Root = &size, &cpRoot
	if size != uint64(len(raw)) {
		return fail("size", "%s is of size %d but %s has %s", path, size, filepath.Join(dir, historyName), entries(int64(len(raw))))
	}
	if !bytes.Equal(cp.Hash, root) {
		return fail("root", "the %s of %s hash to root %s, %s has %s (an entry was changed or reordered)",
			entries(int64(len(raw))), filepath.Join(dir, historyName), computed, path, cpRoot)
	}
	check.OK = true
	return check, nil
}

// --- log-keygen ---

func runLogKeygen(a *app, args []string) error {
	c := findCommand("log-keygen")
	fs := newFlagSet(c.name)
	name := fs.String("name", "", "log `NAME` (the server signs project P's checkpoints under NAME/P)")
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if *name == "" {
		return usageErrorf("log-keygen needs --name NAME (e.g. devstate.example.org)")
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, *name)
	if err != nil {
		return localErrorf("cannot generate a key: %v", err)
	}
	// GenerateKey takes any name; the keys must parse (a non-empty name without spaces or '+')
	if _, err := note.NewSigner(skey); err != nil {
		return usageErrorf("--name %q is not a key name: no spaces, no '+'", *name)
	}
	if _, err := note.NewVerifier(vkey); err != nil {
		return usageErrorf("--name %q is not a key name: no spaces, no '+'", *name)
	}
	if a.g.json {
		return a.printJSON(map[string]string{"signer_key": skey, "verifier_key": vkey})
	}
	fmt.Fprintf(a.stdout, "%s\n%s\n", skey, vkey)
	return nil
}
