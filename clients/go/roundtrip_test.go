// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"encoding/json"
	"testing"
)

// TestAHistoryEntryRoundTripsExactly: every signed member survives the generated model (JSON ->
// HistoryEntry -> JSON), ts included (a time.Time would write ".505240Z" back as ".50524Z").
func TestAHistoryEntryRoundTripsExactly(t *testing.T) {
	in := `{"action":"build","actor":"ci","cp_from":null,"cp_to":null,"hmac":"` + repeat("a") + `","hmac_prev":"` +
		repeat("0") + `","kid":"k1","metadata":{"principal":"ci-writer","ratio":1.5,"run":42},"project":"demo",` +
		`"seq":2,"state_checksum":null,"tombstoned_by":null,"ts":"2026-11-25T10:00:07.505240Z"}`
	var entry HistoryEntry
	if err := json.Unmarshal([]byte(in), &entry); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(entry)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("round trip changed the entry:\n in: %s\nout: %s", in, out)
	}
}

func repeat(c string) string {
	s := ""
	for len(s) < 64 {
		s += c
	}
	return s
}
