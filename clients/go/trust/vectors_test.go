package trust

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// testdata/log.json is a copy of docs/vectors/log.json, so that the module's tests run from a copy
// of the module alone (scripts/test-clients.sh does so); TestVectorsAreTheSharedOnes keeps the two
// equal inside the repository.
const vectorsFile = "testdata/log.json"

type logVectors struct {
	Origin string `json:"origin"`
	Key    struct {
		SignerKey   string `json:"signer_key"`
		VerifierKey string `json:"verifier_key"`
	} `json:"key"`
	Checkpoints []struct {
		Size uint64 `json:"size"`
		Root string `json:"root"`
		Note string `json:"note"`
	} `json:"checkpoints"`
	Consistency []struct {
		From  uint64   `json:"from"`
		To    uint64   `json:"to"`
		Proof []string `json:"proof"`
	} `json:"consistency"`
	Negative []struct {
		Name        string   `json:"name"`
		Kind        string   `json:"kind"`
		VerifierKey string   `json:"verifier_key"`
		Trusted     string   `json:"trusted"`
		Note        string   `json:"note"`
		Proof       []string `json:"proof"`
	} `json:"negative"`
}

func loadVectors(t *testing.T) *logVectors {
	t.Helper()
	raw, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var v logVectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Checkpoints) != 12 || len(v.Consistency) == 0 {
		t.Fatalf("%s: %d checkpoints, %d consistency proofs", vectorsFile, len(v.Checkpoints), len(v.Consistency))
	}
	for i, c := range v.Checkpoints {
		if c.Size != uint64(i) {
			t.Fatalf("checkpoint %d has size %d", i, c.Size)
		}
	}
	return &v
}

// note is the signed checkpoint of size n.
func (v *logVectors) note(n uint64) []byte { return []byte(v.Checkpoints[n].Note) }

// proof is the consistency proof from..to, decoded.
func (v *logVectors) proof(t *testing.T, from, to uint64) [][]byte {
	t.Helper()
	for _, c := range v.Consistency {
		if c.From == from && c.To == to {
			return decodeHashes(t, c.Proof)
		}
	}
	t.Fatalf("no consistency vector from %d to %d", from, to)
	return nil
}

func (v *logVectors) negative(t *testing.T, name string) (trusted, note []byte, proof [][]byte, vkey string) {
	t.Helper()
	for _, n := range v.Negative {
		if n.Name == name {
			return []byte(n.Trusted), []byte(n.Note), decodeHashes(t, n.Proof), n.VerifierKey
		}
	}
	t.Fatalf("no negative vector %q", name)
	return nil, nil, nil, ""
}

func decodeHashes(t *testing.T, encoded []string) [][]byte {
	t.Helper()
	hashes := make([][]byte, len(encoded))
	for i, h := range encoded {
		var err error
		if hashes[i], err = base64.StdEncoding.DecodeString(h); err != nil {
			t.Fatal(err)
		}
	}
	return hashes
}

func TestVectorsAreTheSharedOnes(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "vectors", "log.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("outside the repository: only the copy in testdata/")
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, copied) {
		t.Fatalf("%s differs from docs/vectors/log.json: cp docs/vectors/log.json clients/go/trust/%s", vectorsFile, vectorsFile)
	}
}

// vectorLog is a Fetcher over the vectors: its latest checkpoint is any note, its proofs those of
// the vectors up to size, and it counts the proofs asked for.
type vectorLog struct {
	t       *testing.T
	v       *logVectors
	latest  []byte
	size    uint64      // the log's size: proofs beyond it are ErrBeyondLog
	proofs  [][]byte    // when set, the answer to every proof request
	err     error       // when set, every request fails with it
	fetched [][2]uint64 // the (from, to) of every proof request
}

func (l *vectorLog) Checkpoint(context.Context) ([]byte, error) {
	if l.err != nil {
		return nil, l.err
	}
	return l.latest, nil
}

func (l *vectorLog) Consistency(_ context.Context, from, to uint64) ([][]byte, error) {
	l.fetched = append(l.fetched, [2]uint64{from, to})
	switch {
	case l.err != nil:
		return nil, l.err
	case l.proofs != nil:
		return l.proofs, nil
	case from > l.size || to > l.size:
		return nil, fmt.Errorf("%w: 404 from %d to %d", ErrBeyondLog, from, to)
	}
	return l.v.proof(l.t, from, to), nil
}
