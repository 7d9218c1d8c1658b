package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
)

// The offline verification of an export of benchEntries entries (docs/PERFORMANCE.md, "The log
// over the chain"): `go test -run '^$' -bench Log -benchtime 3x` in cli/.
const benchEntries = 1_000_000

// benchHistory is the text of a .trae/history.json of n entries shaped like the service's.
func benchHistory(n int) []byte {
	entries := make([]json.RawMessage, n)
	for i := range entries {
		entries[i] = json.RawMessage(fmt.Sprintf(`{"seq":%d,"ts":"2026-12-07T01:00:00.%06dZ","actor":"agent-%d",`+
			`"action":"note","cp_from":null,"cp_to":null,"state_checksum":null,"metadata":{"i":%d,"principal":"ci"},`+
			`"kid":"k1","hmac_prev":"%064x","hmac":"%064x"}`, i+1, i%1000000, i%7, i, i, i+1))
	}
	text, err := json.Marshal(map[string]any{"format": "devstate-history/v1", "project": "bench", "entries": entries})
	if err != nil {
		panic(err)
	}
	return text
}

// BenchmarkLogRootOfAnExport is what verify --files --log-key does with the entries: parse the
// history, build every leaf's data (JCS), hash it and fold the tree to its root.
func BenchmarkLogRootOfAnExport(b *testing.B) {
	text := benchHistory(benchEntries)
	b.ResetTimer()
	for range b.N {
		raw, err := rawEntries(text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := logRoot("bench", raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchEntries)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkLogRootHashingOnly is the hashing alone (the "hashing only"): leaf hashes of
// leaf data already built, folded into the root with the compact range.
func BenchmarkLogRootHashingOnly(b *testing.B) {
	raw, err := rawEntries(benchHistory(benchEntries))
	if err != nil {
		b.Fatal(err)
	}
	leaves := make([][]byte, len(raw))
	for i, e := range raw {
		if leaves[i], err = leafData("bench", e); err != nil {
			b.Fatal(err)
		}
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	b.ResetTimer()
	for range b.N {
		r := rf.NewEmptyRange(0)
		for _, leaf := range leaves {
			if err := r.Append(rfc6962.DefaultHasher.HashLeaf(leaf), nil); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := r.GetRootHash(nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchEntries)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
