package verify_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/devstate/devstate/clients/go/verify"
)

// testdata/ holds copies of docs/vectors (scripts/generate-clients.sh keeps them equal), so the
// module's tests pass in a copy of the module too.
var vectors = "testdata"

func load(t *testing.T, name string, into any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(vectors, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatal(err)
	}
}

func TestChainVectors(t *testing.T) {
	var file struct {
		Cases []struct {
			Name     string            `json:"name"`
			Keys     map[string]string `json:"keys"`
			History  json.RawMessage   `json:"history"`
			Expected json.RawMessage   `json:"expected"`
			Messages []string          `json:"messages"`
		} `json:"cases"`
	}
	load(t, "chains.json", &file)
	if len(file.Cases) < 10 {
		t.Fatalf("only %d chain vectors", len(file.Cases))
	}
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			result, err := verify.History(c.History, c.Keys)
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			raw, _ := json.Marshal(result)
			_ = json.Unmarshal(raw, &got)
			_ = json.Unmarshal(c.Expected, &want)
			gotText, _ := json.Marshal(got)
			wantText, _ := json.Marshal(want)
			if string(gotText) != string(wantText) {
				t.Fatalf("got %s, want %s", gotText, wantText)
			}
			if len(c.Messages) > 0 {
				history, _ := verify.ParseHistory(c.History)
				for i, message := range c.Messages {
					got, err := verify.Message(history.Project, history.Entries[i])
					if err != nil || got != message {
						t.Fatalf("message %d: got %s (%v), want %s", i+1, got, err, message)
					}
				}
			}
		})
	}
}

func TestStateChecksumVectors(t *testing.T) {
	var file struct {
		Cases []struct {
			Name     string          `json:"name"`
			State    json.RawMessage `json:"state"`
			Checksum string          `json:"checksum"`
		} `json:"cases"`
	}
	load(t, "state-checksums.json", &file)
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := verify.StateChecksum(c.State)
			if err != nil || got != c.Checksum {
				t.Fatalf("got %s (%v), want %s", got, err, c.Checksum)
			}
		})
	}
}

func TestMalformedFileIsAnError(t *testing.T) {
	if _, err := verify.History([]byte(`{"format":"other","project":"p","entries":[]}`), nil); err == nil {
		t.Fatal("expected an error")
	}
}
