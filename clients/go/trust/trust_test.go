package trust

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
)

// newHead is a TrustedHead with the vectors' key; with trusted != nil its state file holds it.
func newHead(t *testing.T, v *logVectors, trusted []byte) *TrustedHead {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "checkpoint")
	if trusted != nil {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, trusted, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	head, err := New(path, v.Key.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	return head
}

// state is the state file's content (nil: no file).
func state(t *testing.T, head *TrustedHead) []byte {
	t.Helper()
	text, err := os.ReadFile(head.StateFile())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// refused checks that err is the refusal of offered against trusted and that the state is still want.
func refused(t *testing.T, what string, head *TrustedHead, err error, offered, trusted uint64, want []byte) {
	t.Helper()
	var r *RewrittenError
	if !errors.Is(err, ErrRewritten) || !errors.As(err, &r) || r.Offered != offered || r.Trusted != trusted {
		t.Fatalf("%s: want the refusal of %d against %d, got %v", what, offered, trusted, err)
	}
	prefix := "history was rewritten: checkpoint " + itoa(offered) + " does not extend the trusted checkpoint " + itoa(trusted)
	if msg := err.Error(); msg != prefix && !strings.HasPrefix(msg, prefix+" (") {
		t.Fatalf("%s: message %q", what, msg)
	}
	if got := state(t, head); !bytes.Equal(got, want) {
		t.Fatalf("%s: the state changed after a refusal:\n%s", what, got)
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

func TestRewrittenErrorMessageIsExact(t *testing.T) {
	err := error(&RewrittenError{Offered: 7, Trusted: 9})
	if err.Error() != "history was rewritten: checkpoint 7 does not extend the trusted checkpoint 9" {
		t.Fatal(err)
	}
	err = &RewrittenError{Offered: 11, Trusted: 6, Detail: "fork"}
	if err.Error() != "history was rewritten: checkpoint 11 does not extend the trusted checkpoint 6 (fork)" {
		t.Fatal(err)
	}
	wrapped := errors.Join(errors.New("context"), err)
	if !errors.Is(wrapped, ErrRewritten) || errors.Is(errors.New("history was rewritten"), ErrRewritten) {
		t.Fatal("errors.Is does not tell the refusal")
	}
}

func TestFirstUseTrustsTheCheckpointAndStoresTheNoteVerbatim(t *testing.T) {
	v := loadVectors(t)
	for _, n := range []uint64{0, 1, 6, 11} {
		head := newHead(t, v, nil)
		if cp, err := head.Trusted(); cp != nil || err != nil {
			t.Fatalf("no state yet: %v %v", cp, err)
		}
		cp, err := head.Accept(v.note(n), nil)
		if err != nil {
			t.Fatalf("size %d: %v", n, err)
		}
		if cp.Origin != v.Origin || cp.Size != n || cp.RootBase64() != v.Checkpoints[n].Root || !bytes.Equal(cp.Note, v.note(n)) {
			t.Fatalf("size %d: %+v", n, cp)
		}
		if got := state(t, head); !bytes.Equal(got, v.note(n)) {
			t.Fatalf("size %d: state file %q", n, got)
		}
		again, err := head.Trusted()
		if err != nil || !reflect.DeepEqual(again, cp) {
			t.Fatalf("size %d: Trusted %+v %v", n, again, err)
		}
		// no temporary file left beside it
		if entries, _ := os.ReadDir(filepath.Dir(head.StateFile())); len(entries) != 1 {
			t.Fatalf("size %d: %d files in the state directory", n, len(entries))
		}
	}
}

func TestGrowthIsAcceptedWithEveryConsistencyProof(t *testing.T) {
	v := loadVectors(t)
	for _, c := range v.Consistency {
		head := newHead(t, v, v.note(c.From))
		cp, err := head.Accept(v.note(c.To), decodeHashes(t, c.Proof))
		if err != nil {
			t.Fatalf("%d -> %d: %v", c.From, c.To, err)
		}
		if cp.Size != c.To || !bytes.Equal(state(t, head), v.note(c.To)) {
			t.Fatalf("%d -> %d: trusted %d, state %q", c.From, c.To, cp.Size, state(t, head))
		}
	}
}

func TestTheSameCheckpointLeavesTheStateAsItIs(t *testing.T) {
	v := loadVectors(t)
	head := newHead(t, v, v.note(5))
	info, _ := os.Stat(head.StateFile())
	cp, err := head.Accept(v.note(5), nil)
	if err != nil || cp.Size != 5 || !bytes.Equal(state(t, head), v.note(5)) {
		t.Fatalf("%+v %v", cp, err)
	}
	if after, _ := os.Stat(head.StateFile()); !os.SameFile(info, after) {
		t.Fatal("the state file was rewritten for the same checkpoint")
	}
}

func TestRollbackIsRefused(t *testing.T) {
	v := loadVectors(t)
	trusted, offered, _, _ := v.negative(t, "rollback")
	head := newHead(t, v, trusted)
	_, err := head.Accept(offered, nil)
	refused(t, "rollback", head, err, 7, 9, trusted)
	if err.Error() != "history was rewritten: checkpoint 7 does not extend the trusted checkpoint 9 (the log got smaller)" {
		t.Fatal(err)
	}
	// every smaller size, whatever proof comes with it
	for n := uint64(0); n < 9; n++ {
		_, err := head.Accept(v.note(n), v.proof(t, n, 9))
		refused(t, "smaller", head, err, n, 9, trusted)
	}
}

func TestForkIsRefused(t *testing.T) {
	v := loadVectors(t)
	trusted, fork, forkProof, _ := v.negative(t, "fork")
	head := newHead(t, v, trusted)
	_, err := head.Accept(fork, forkProof)
	refused(t, "fork with its own proof", head, err, 11, 6, trusted)
	_, err = head.Accept(fork, v.proof(t, 6, 11))
	refused(t, "fork with the real proof", head, err, 11, 6, trusted)
	// the same size, another root
	head = newHead(t, v, v.note(11))
	_, err = head.Accept(fork, nil)
	refused(t, "same size", head, err, 11, 11, v.note(11))
	if !strings.Contains(err.Error(), "another tree of the same size") {
		t.Fatal(err)
	}
	// the real log is still accepted from the trusted fork point
	head = newHead(t, v, trusted)
	if cp, err := head.Accept(v.note(11), v.proof(t, 6, 11)); err != nil || cp.Size != 11 {
		t.Fatalf("the real checkpoint: %v", err)
	}
}

func TestBadProofsAreRefused(t *testing.T) {
	v := loadVectors(t)
	for _, pair := range [][2]uint64{{1, 2}, {3, 7}, {4, 11}, {6, 11}, {10, 11}} {
		from, to := pair[0], pair[1]
		good := v.proof(t, from, to)
		var bad [][][]byte
		for i := range good { // one bit flipped in each hash in turn
			p := cloneHashes(good)
			p[i][0] ^= 1
			bad = append(bad, p)
		}
		bad = append(bad, nil, good[:len(good)-1], append(cloneHashes(good), good[0]))
		for i, p := range bad {
			head := newHead(t, v, v.note(from))
			_, err := head.Accept(v.note(to), p)
			refused(t, "bad proof "+itoa(from)+"->"+itoa(to)+" #"+itoa(uint64(i)), head, err, to, from, v.note(from))
		}
		// and the good one passes
		if _, err := newHead(t, v, v.note(from)).Accept(v.note(to), good); err != nil {
			t.Fatalf("%d -> %d: %v", from, to, err)
		}
	}
}

func cloneHashes(hashes [][]byte) [][]byte {
	out := make([][]byte, len(hashes))
	for i, h := range hashes {
		out[i] = bytes.Clone(h)
	}
	return out
}

func TestATamperedStateFileIsAnErrorAndStays(t *testing.T) {
	v := loadVectors(t)
	_, sizeChanged, _, _ := v.negative(t, "size-changed") // size 11 edited to 10, signature kept
	for name, tampered := range map[string][]byte{
		"size edited":  sizeChanged,
		"root edited":  []byte(strings.Replace(v.Checkpoints[6].Note, v.Checkpoints[6].Root, v.Checkpoints[5].Root, 1)),
		"empty":        {},
		"not a note":   []byte("hello\n"),
		"another note": v.note(6)[:len(v.note(6))-2],
	} {
		head := newHead(t, v, tampered)
		if _, err := head.Trusted(); !errors.Is(err, ErrBadState) || !strings.Contains(err.Error(), head.StateFile()) {
			t.Fatalf("%s: Trusted: %v", name, err)
		}
		_, err := head.Accept(v.note(11), v.proof(t, 6, 11))
		if !errors.Is(err, ErrBadState) || errors.Is(err, ErrRewritten) {
			t.Fatalf("%s: Accept: %v", name, err)
		}
		log := &vectorLog{t: t, v: v, latest: v.note(11), size: 11}
		if _, err := head.Check(context.Background(), log); !errors.Is(err, ErrBadState) || len(log.fetched) != 0 {
			t.Fatalf("%s: Check: %v (%d proofs fetched)", name, err, len(log.fetched))
		}
		if got := state(t, head); !bytes.Equal(got, tampered) {
			t.Fatalf("%s: the state file was replaced: %q", name, got)
		}
	}
}

func TestCheckpointsOfAnotherKeyOrOriginDoNotVerify(t *testing.T) {
	v := loadVectors(t)
	offers := map[string][]byte{}
	for _, name := range []string{"other-key", "other-origin", "size-changed"} {
		_, offers[name], _, _ = v.negative(t, name)
	}
	for name, offered := range offers {
		head := newHead(t, v, v.note(6))
		_, err := head.Accept(offered, nil)
		if !errors.Is(err, ErrUnverified) || errors.Is(err, ErrRewritten) || !strings.Contains(err.Error(), head.Key()) {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(state(t, head), v.note(6)) {
			t.Fatalf("%s: state changed", name)
		}
		// nor on first use
		head = newHead(t, v, nil)
		if _, err := head.Accept(offered, nil); !errors.Is(err, ErrUnverified) || state(t, head) != nil {
			t.Fatalf("%s, first use: %v", name, err)
		}
	}

	// A state file written under the vectors' key, read with another key of the same name.
	_, otherVerifier, err := note.GenerateKey(rand.Reader, v.Origin)
	if err != nil {
		t.Fatal(err)
	}
	head := newHead(t, v, v.note(6))
	other, err := New(head.StateFile(), otherVerifier)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Trusted(); !errors.Is(err, ErrBadState) {
		t.Fatalf("state of another key: %v", err)
	}
	if _, err := other.Accept(v.note(11), v.proof(t, 6, 11)); !errors.Is(err, ErrBadState) || !bytes.Equal(state(t, head), v.note(6)) {
		t.Fatalf("Accept with another key: %v", err)
	}

	for _, bad := range []string{"", "not-a-key", v.Key.SignerKey} {
		if _, err := New(head.StateFile(), bad); err == nil {
			t.Fatalf("New accepts the key %q", bad)
		}
	}
	if _, err := New("", v.Key.VerifierKey); err == nil {
		t.Fatal("New accepts no state file")
	}
}

func TestCheckFetchesTheProofFromTheTrustedSize(t *testing.T) {
	v := loadVectors(t)
	ctx := context.Background()

	// first use: nothing to prove
	head := newHead(t, v, nil)
	log := &vectorLog{t: t, v: v, latest: v.note(4), size: 4}
	if cp, err := head.Check(ctx, log); err != nil || cp.Size != 4 || len(log.fetched) != 0 || !bytes.Equal(state(t, head), v.note(4)) {
		t.Fatalf("first use: %+v %v %v", cp, err, log.fetched)
	}
	// growth: the proof from 4 to 11
	log = &vectorLog{t: t, v: v, latest: v.note(11), size: 11}
	if cp, err := head.Check(ctx, log); err != nil || cp.Size != 11 || !reflect.DeepEqual(log.fetched, [][2]uint64{{4, 11}}) ||
		!bytes.Equal(state(t, head), v.note(11)) {
		t.Fatalf("growth: %+v %v %v", cp, err, log.fetched)
	}
	// the same size: no proof
	log.fetched = nil
	if cp, err := head.Check(ctx, log); err != nil || cp.Size != 11 || len(log.fetched) != 0 {
		t.Fatalf("same size: %+v %v %v", cp, err, log.fetched)
	}
	// from size 0: no proof
	head = newHead(t, v, v.note(0))
	log = &vectorLog{t: t, v: v, latest: v.note(7), size: 7}
	if cp, err := head.Check(ctx, log); err != nil || cp.Size != 7 || len(log.fetched) != 0 {
		t.Fatalf("from 0: %+v %v %v", cp, err, log.fetched)
	}
}

func TestCheckRefusesRollbackForkAndALogWithoutTheTrustedTree(t *testing.T) {
	v := loadVectors(t)
	ctx := context.Background()

	trusted, offered, _, _ := v.negative(t, "rollback")
	head := newHead(t, v, trusted)
	log := &vectorLog{t: t, v: v, latest: offered, size: 7}
	_, err := head.Check(ctx, log)
	refused(t, "rollback", head, err, 7, 9, trusted)
	if len(log.fetched) != 0 {
		t.Fatalf("a proof was fetched for a rollback: %v", log.fetched)
	}

	trusted, fork, forkProof, _ := v.negative(t, "fork")
	head = newHead(t, v, trusted)
	log = &vectorLog{t: t, v: v, latest: fork, proofs: forkProof}
	_, err = head.Check(ctx, log)
	refused(t, "fork", head, err, 11, 6, trusted)

	// a server whose log is smaller than the trusted tree answers 404 for from=M: refused
	head = newHead(t, v, v.note(9))
	log = &vectorLog{t: t, v: v, latest: v.note(11), size: 5}
	_, err = head.Check(ctx, log)
	refused(t, "beyond the log", head, err, 11, 9, v.note(9))
	if !strings.Contains(err.Error(), "no consistency proof from 9 to 11") {
		t.Fatal(err)
	}
}

func TestCheckReturnsOtherFetchErrorsAndKeepsTheState(t *testing.T) {
	v := loadVectors(t)
	unreachable := errors.New("connection refused")
	// the checkpoint cannot be fetched
	head := newHead(t, v, v.note(3))
	if _, err := head.Check(context.Background(), &vectorLog{t: t, v: v, err: unreachable}); !errors.Is(err, unreachable) ||
		errors.Is(err, ErrRewritten) || !bytes.Equal(state(t, head), v.note(3)) {
		t.Fatalf("checkpoint fetch error: %v", err)
	}
	// the checkpoint comes, the proof request fails (not with a 404): an error, not a refusal
	failing := &proofFails{vectorLog{t: t, v: v, latest: v.note(8), size: 8}, unreachable}
	if _, err := head.Check(context.Background(), failing); !errors.Is(err, unreachable) || errors.Is(err, ErrRewritten) ||
		!bytes.Equal(state(t, head), v.note(3)) {
		t.Fatalf("proof fetch error: %v", err)
	}
}

// proofFails serves the checkpoint and fails every proof request with err.
type proofFails struct {
	vectorLog
	err error
}

func (p *proofFails) Consistency(context.Context, uint64, uint64) ([][]byte, error) {
	return nil, p.err
}

func TestExtendsAndCheckExtendsStoreNothing(t *testing.T) {
	v := loadVectors(t)
	head := newHead(t, v, nil)
	cp := func(n uint64) *Checkpoint {
		c, err := head.Verify(v.note(n))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if err := Extends(cp(3), cp(10), v.proof(t, 3, 10)); err != nil {
		t.Fatal(err)
	}
	if err := Extends(cp(3), cp(3), nil); err != nil {
		t.Fatal(err)
	}
	if err := Extends(cp(10), cp(3), nil); !errors.Is(err, ErrRewritten) {
		t.Fatal(err)
	}
	if err := Extends(cp(3), cp(10), v.proof(t, 4, 10)); !errors.Is(err, ErrRewritten) {
		t.Fatal(err)
	}
	log := &vectorLog{t: t, v: v, size: 11}
	if err := CheckExtends(context.Background(), log, cp(2), cp(9)); err != nil || !reflect.DeepEqual(log.fetched, [][2]uint64{{2, 9}}) {
		t.Fatalf("%v %v", err, log.fetched)
	}
	log.size = 8
	if err := CheckExtends(context.Background(), log, cp(2), cp(9)); !errors.Is(err, ErrRewritten) {
		t.Fatal(err)
	}
	if state(t, head) != nil {
		t.Fatal("Verify, Extends or CheckExtends wrote the state")
	}
	other := cp(3)
	other.Origin = "devstate.example.org/other"
	if err := Extends(cp(3), other, nil); !errors.Is(err, ErrUnverified) || errors.Is(err, ErrRewritten) {
		t.Fatalf("origin: %v", err)
	}
}
