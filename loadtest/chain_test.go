package main

import (
	"strings"
	"testing"
)

// The test vectors of docs/CHAIN.md.
func TestChainVectors(t *testing.T) {
	secret := []byte("test-secret")
	cp := "CP1-LC"
	e1 := chainEntry{Seq: 1, Ts: "2026-11-25T10:00:00.123456Z", Actor: "alice", Action: "note", CpTo: &cp,
		Metadata: map[string]any{"a": "é", "b": []any{int64(1), int64(2)}}, Kid: "k1", HmacPrev: strings.Repeat("0", 64)}
	e1.sign("default", secret)
	if e1.Hmac != "5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d" {
		t.Fatalf("seq 1: %s (message %s)", e1.Hmac, jcs(e1.message("default")))
	}
	e2 := chainEntry{Seq: 2, Ts: "2026-11-25T10:00:01.000000Z", Actor: "alice", Action: "note", Kid: "k1", HmacPrev: e1.Hmac}
	e2.sign("default", secret)
	if e2.Hmac != "f8302a5e547178c5c7dbe6d0307cbf3f58e2d30438f05f071a70a2e5c6620268" {
		t.Fatalf("seq 2: %s (message %s)", e2.Hmac, jcs(e2.message("default")))
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
