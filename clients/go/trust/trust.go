// Package trust keeps the trusted head of a DevState project's transparency log (docs/CHAIN.md,
// "The log"): the signed checkpoint it last verified, in a state file holding the note verbatim
// (the bytes the export writes to .trae/checkpoint). A newer checkpoint replaces it only when a
// consistency proof (RFC 9162 2.1.4) shows that its tree extends the trusted one; a log that got
// smaller, forked, or cannot prove that it extends the trusted tree is refused with ErrRewritten.
//
//	head, err := trust.New(".devstate/checkpoint", verifierKey) // the project's pinned note verifier key
//	cp, err := head.Check(ctx, trust.NewAPIFetcher(client, "demo"))
//	if errors.Is(err, trust.ErrRewritten) { ... } // history was rewritten: checkpoint 7 does not extend ...
//
// The checkpoint format and its signature are checked with github.com/transparency-dev/formats/log
// and golang.org/x/mod/sumdb/note, the proofs with github.com/transparency-dev/merkle (RFC 6962
// hasher). One process at a time should write a state file: the file is replaced atomically, but
// two concurrent checks are not serialised across processes.
package trust

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	tlog "github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

// Checkpoint is a verified checkpoint: signed by the verifier key, of the key's origin.
type Checkpoint struct {
	Origin string // <log name>/<project>
	Size   uint64 // number of entries in the tree
	Root   []byte // the tree's RFC 6962 root hash, 32 bytes
	Note   []byte // the signed note, verbatim
}

// RootBase64 is the root as the checkpoint writes it (standard base64).
func (c *Checkpoint) RootBase64() string { return base64.StdEncoding.EncodeToString(c.Root) }

var (
	// ErrRewritten matches (errors.Is) every refusal: a *RewrittenError.
	ErrRewritten = errors.New("history was rewritten")
	// ErrUnverified: a checkpoint note is not signed by the verifier key, not of its origin, or
	// not a checkpoint. Not a refusal of the log: nothing is known about the tree it names.
	ErrUnverified = errors.New("checkpoint does not verify")
	// ErrBadState: the state file exists but does not hold a checkpoint that verifies with the key.
	// It is never replaced silently.
	ErrBadState = errors.New("the trusted state file does not verify")
	// ErrBeyondLog is what a Fetcher returns (wrapped) when the server has no tree of a size it was
	// asked for (HTTP 404): a log smaller than the trusted one, so a refusal.
	ErrBeyondLog = errors.New("beyond the log")
)

// RewrittenError is the refusal of a checkpoint that does not extend the trusted one: smaller
// (rollback), the same size with another root (fork), or without a consistency proof that
// verifies (fork, or a log that no longer has the trusted tree).
type RewrittenError struct {
	Offered uint64 // size of the refused checkpoint
	Trusted uint64 // size of the trusted checkpoint
	Detail  string // why; may be empty
}

// Error is exactly "history was rewritten: checkpoint N does not extend the trusted checkpoint M",
// then " (detail)" when there is a detail.
func (e *RewrittenError) Error() string {
	msg := fmt.Sprintf("%s: checkpoint %d does not extend the trusted checkpoint %d", ErrRewritten, e.Offered, e.Trusted)
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrRewritten) true.
func (e *RewrittenError) Is(target error) bool { return target == ErrRewritten }

func rewritten(offered, trusted uint64, format string, args ...any) error {
	return &RewrittenError{Offered: offered, Trusted: trusted, Detail: fmt.Sprintf(format, args...)}
}

// Fetcher gets a log's latest checkpoint and its consistency proofs (NewAPIFetcher: from the
// DevState API). A proof asked for a size the log does not have must fail with an error for which
// errors.Is(err, ErrBeyondLog) holds.
type Fetcher interface {
	// Checkpoint is the signed note of the latest checkpoint.
	Checkpoint(ctx context.Context) ([]byte, error)
	// Consistency is the proof that the tree of size to extends the tree of size from.
	Consistency(ctx context.Context, from, to uint64) ([][]byte, error)
}

// TrustedHead is the trusted checkpoint of one origin, kept in a state file.
type TrustedHead struct {
	stateFile string
	verifier  note.Verifier
	mu        sync.Mutex // serialises this process's checks of the state file
}

// New is the trusted head kept in stateFile (which need not exist yet) for the checkpoints signed
// by verifierKey, a note verifier key "<origin>+<hex key ID>+<base64 key>" (GET /v1/devstate/log/key);
// its name is the origin every checkpoint must carry.
func New(stateFile string, verifierKey string) (*TrustedHead, error) {
	if stateFile == "" {
		return nil, errors.New("trust: no state file")
	}
	v, err := note.NewVerifier(strings.TrimSpace(verifierKey))
	if err != nil {
		return nil, fmt.Errorf("trust: not a note verifier key (<origin>+<key id>+<base64 key>): %w", err)
	}
	return &TrustedHead{stateFile: stateFile, verifier: v}, nil
}

// Origin is the verifier key's name: the origin of the checkpoints it accepts.
func (t *TrustedHead) Origin() string { return t.verifier.Name() }

// Key is the verifier key's name and key ID, "<origin>+<8 hex digits>", for messages.
func (t *TrustedHead) Key() string {
	return fmt.Sprintf("%s+%08x", t.verifier.Name(), t.verifier.KeyHash())
}

// StateFile is the path of the state file.
func (t *TrustedHead) StateFile() string { return t.stateFile }

// Verify checks a checkpoint note alone: signed by the verifier key, of its origin, with a 32-byte
// root. It neither reads nor changes the state. Fails with ErrUnverified.
func (t *TrustedHead) Verify(text []byte) (*Checkpoint, error) {
	cp, _, _, err := tlog.ParseCheckpoint(text, t.verifier.Name(), t.verifier)
	if err != nil {
		return nil, fmt.Errorf("%w with the key %s: %v", ErrUnverified, t.Key(), err)
	}
	if len(cp.Hash) != sha256.Size {
		return nil, fmt.Errorf("%w: its root has %d bytes, not %d", ErrUnverified, len(cp.Hash), sha256.Size)
	}
	return &Checkpoint{Origin: cp.Origin, Size: cp.Size, Root: cp.Hash, Note: bytes.Clone(text)}, nil
}

// Trusted is the trusted checkpoint, verified again with the key; nil (and no error) when there is
// no state file yet. A state file that does not verify is ErrBadState.
func (t *TrustedHead) Trusted() (*Checkpoint, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.load()
}

// Accept verifies a checkpoint note and, with the consistency proof from the trusted size to its
// size, makes it the trusted checkpoint. With no trusted checkpoint yet it is trusted on first use
// (the proof is not looked at); of the trusted size it must have the trusted root (the state is
// left as it is). Returns the trusted checkpoint after the call; a refusal is a *RewrittenError
// and leaves the state unchanged.
func (t *TrustedHead) Accept(text []byte, consistency [][]byte) (*Checkpoint, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	trusted, err := t.load()
	if err != nil {
		return nil, err
	}
	offered, err := t.Verify(text)
	if err != nil {
		return nil, err
	}
	return t.advance(trusted, offered, consistency)
}

// Check fetches the latest checkpoint and, when it is larger than the trusted one, the consistency
// proof from the trusted size (none from size 0), and accepts it as Accept does. A proof the server
// does not have (ErrBeyondLog) is a refusal; other fetch errors are returned as they are (wrapped).
func (t *TrustedHead) Check(ctx context.Context, fetch Fetcher) (*Checkpoint, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	trusted, err := t.load()
	if err != nil {
		return nil, err
	}
	text, err := fetch.Checkpoint(ctx)
	if err != nil {
		return nil, fmt.Errorf("fetching the latest checkpoint: %w", err)
	}
	offered, err := t.Verify(text)
	if err != nil {
		return nil, err
	}
	if trusted == nil {
		return t.advance(nil, offered, nil)
	}
	hashes, err := fetchProof(ctx, fetch, trusted, offered)
	if err != nil {
		return nil, err
	}
	return t.advance(trusted, offered, hashes)
}

// CheckExtends fetches the consistency proof from trusted's size to offered's (when one is needed)
// and checks that offered extends trusted, as Extends does. Neither checkpoint is stored.
func CheckExtends(ctx context.Context, fetch Fetcher, trusted, offered *Checkpoint) error {
	hashes, err := fetchProof(ctx, fetch, trusted, offered)
	if err != nil {
		return err
	}
	return Extends(trusted, offered, hashes)
}

// fetchProof is the consistency proof from trusted to offered, nil when none is needed (size 0, a
// smaller or equal size: Extends decides those without one).
func fetchProof(ctx context.Context, fetch Fetcher, trusted, offered *Checkpoint) ([][]byte, error) {
	if trusted.Size == 0 || offered.Size <= trusted.Size {
		return nil, nil
	}
	hashes, err := fetch.Consistency(ctx, trusted.Size, offered.Size)
	if errors.Is(err, ErrBeyondLog) {
		return nil, rewritten(offered.Size, trusted.Size, "the server has no consistency proof from %d to %d: %v", trusted.Size, offered.Size, err)
	}
	if err != nil {
		return nil, fmt.Errorf("fetching the consistency proof from %d to %d: %w", trusted.Size, offered.Size, err)
	}
	return hashes, nil
}

// Extends checks that the verified checkpoint offered extends the verified checkpoint trusted,
// with the consistency proof from trusted's size to offered's (RFC 9162 2.1.4.2; empty from size 0
// or for equal sizes). Fails with a *RewrittenError.
func Extends(trusted, offered *Checkpoint, consistency [][]byte) error {
	if trusted.Origin != offered.Origin {
		return fmt.Errorf("%w: checkpoint of origin %q, the trusted one is of %q", ErrUnverified, offered.Origin, trusted.Origin)
	}
	switch {
	case offered.Size < trusted.Size:
		return rewritten(offered.Size, trusted.Size, "the log got smaller")
	case offered.Size == trusted.Size:
		if !bytes.Equal(offered.Root, trusted.Root) {
			return rewritten(offered.Size, trusted.Size, "another tree of the same size: root %s, trusted root %s",
				offered.RootBase64(), trusted.RootBase64())
		}
		return nil
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, trusted.Size, offered.Size, consistency, trusted.Root, offered.Root); err != nil {
		var mismatch proof.RootMismatchError
		if errors.As(err, &mismatch) { // its own text prints the hashes as byte lists
			err = fmt.Errorf("it leads to root %s, not %s", base64.StdEncoding.EncodeToString(mismatch.CalculatedRoot),
				base64.StdEncoding.EncodeToString(mismatch.ExpectedRoot))
		}
		return rewritten(offered.Size, trusted.Size, "the consistency proof from %d to %d does not verify: %v", trusted.Size, offered.Size, err)
	}
	return nil
}

// advance makes offered the trusted checkpoint when it extends trusted (first use: always).
func (t *TrustedHead) advance(trusted, offered *Checkpoint, consistency [][]byte) (*Checkpoint, error) {
	if trusted != nil {
		if err := Extends(trusted, offered, consistency); err != nil {
			return nil, err
		}
		if offered.Size == trusted.Size {
			return trusted, nil // the same tree: the state stays byte for byte
		}
	}
	if err := t.store(offered.Note); err != nil {
		return nil, err
	}
	return offered, nil
}

// load reads and verifies the state file; nil when it does not exist.
func (t *TrustedHead) load() (*Checkpoint, error) {
	text, err := os.ReadFile(t.stateFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("trust: reading the state file: %w", err)
	}
	cp, err := t.Verify(text)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadState, t.stateFile, err)
	}
	return cp, nil
}

// store replaces the state file atomically: a temporary file in its directory, synced, renamed over
// it. A crash may lose the rename, never half a note: the older trusted checkpoint stays, which is
// still safe to trust.
func (t *TrustedHead) store(text []byte) error {
	dir := filepath.Dir(t.stateFile)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("trust: writing the state file: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(t.stateFile)+".*.tmp")
	if err != nil {
		return fmt.Errorf("trust: writing the state file: %w", err)
	}
	_, err = tmp.Write(text)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // a checkpoint is public
	}
	if err == nil {
		err = os.Rename(tmp.Name(), t.stateFile)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("trust: writing the state file: %w", err)
	}
	return nil
}
