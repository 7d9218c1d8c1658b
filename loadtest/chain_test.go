package main

import (
	"testing"
	"time"

	"github.com/devstate/devstate/clients/go/verify"
)

// The test vectors of docs/CHAIN.md, through the seed's own entry builder.
func TestChainVectors(t *testing.T) {
	cp := "CP1-LC"
	e1, err := signedEntry("default", 1, "2026-11-25T10:00:00.123456Z", "alice", "note", nil, &cp,
		map[string]any{"a": "é", "b": []any{1, 2}}, "k1", verify.GenesisHmac, "test-secret")
	if err != nil || e1.Hmac != "5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d" {
		t.Fatalf("seq 1: %s %v", e1.Hmac, err)
	}
	e2, err := signedEntry("default", 2, "2026-11-25T10:00:01.000000Z", "alice", "note", nil, nil, nil, "k1", e1.Hmac, "test-secret")
	if err != nil || e2.Hmac != "f8302a5e547178c5c7dbe6d0307cbf3f58e2d30438f05f071a70a2e5c6620268" {
		t.Fatalf("seq 2: %s %v", e2.Hmac, err)
	}
}

// A generated file verifies with the verifier, to its head.
func TestHistoryFileVerifies(t *testing.T) {
	text, head, err := historyFile("seed-test", "k1", "s3cret", 50, mustTime(t, "2026-01-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	result, err := verify.History([]byte(text), map[string]string{"k1": "s3cret"})
	if err != nil || !result.OK || result.Verified != 50 || result.Head.Hmac != head {
		t.Fatalf("verify: %+v %v", result, err)
	}
}

func TestPercentile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	if p := percentile(s, 50); p != 3 {
		t.Fatal(p)
	}
	if p := percentile(s, 95); p < 4.79 || p > 4.81 {
		t.Fatal(p)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:3180", "http://localhost:8080/", "http://[::1]:1", "http://127.1.2.3:9"} {
		if _, err := checkURL(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"http://10.0.0.1:3180", "http://example.com", "ftp://127.0.0.1", "http://192.168.1.1"} {
		if _, err := checkURL(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func mustTime(t *testing.T, s string) time.Time {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
