package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// devstate audit (docs/CLI.md, "audit"): the trusted-head check of verify, run once (a CronJob) or
// every --interval, leaving two records outside the database: the anchor file, every accepted
// checkpoint note appended, and a Prometheus textfile for node_exporter's textfile collector.

// The gauges of the metrics file, labelled with the log's origin.
const (
	metricSize        = "devstate_audit_checkpoint_size"
	metricRewritten   = "devstate_audit_rewritten"
	metricLastSuccess = "devstate_audit_last_success_timestamp_seconds"
)

func runAudit(a *app, args []string) error {
	c := findCommand("audit")
	fs := newFlagSet(c.name)
	interval := fs.Duration("interval", 0, "run a round every `D` (e.g. 60s); without it, one round runs (CronJob)")
	rounds := fs.Int("rounds", 0, "with --interval: stop after `N` rounds (default: until stopped)")
	anchor := fs.String("anchor", "", "append every newly accepted checkpoint note to `FILE` (append-only, a blank line after each)")
	metricsFile := fs.String("metrics-file", "", "write the Prometheus textfile `FILE` (name it *.prom) after every round, atomically")
	trusted := addTrustFlags(fs, nil, false)
	positional, err := parseCommand(a, c, fs, args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	switch {
	case *interval < 0:
		return usageErrorf("--interval must be positive, got %s", *interval)
	case *rounds < 0:
		return usageErrorf("--rounds must be positive, got %d", *rounds)
	case *rounds > 1 && *interval == 0:
		return usageErrorf("--rounds %d needs --interval (without it, one round runs)", *rounds)
	}
	s, err := a.server()
	if err != nil {
		return err
	}
	au := &auditor{a: a, s: s, opts: trusted, anchor: *anchor, metricsFile: *metricsFile}
	for round := 1; ; round++ {
		err := au.round(round)
		last := *interval == 0 || (*rounds > 0 && round >= *rounds)
		if err != nil {
			code := exitCodeOf(err)
			if last || (code != exitUnreachable && code != exitAPI) {
				return err // a rewritten log (7) or a broken setup ends the audit at once
			}
			au.reportRetry(round, code, err, *interval)
		} else if last {
			return nil
		}
		time.Sleep(*interval)
	}
}

func exitCodeOf(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	return exitAPI
}

// auditor keeps what the rounds share: the resolved trusted head and the gauges.
type auditor struct {
	a           *app
	s           *server
	opts        *trustOptions
	anchor      string
	metricsFile string
	log         *trustedLog // resolved by the first round that reaches it (pinning may need the server)
	metrics     auditMetrics
}

// auditMetrics are the gauges of one origin; nil: not known (the sample is left out).
type auditMetrics struct {
	size        *uint64
	rewritten   int
	lastSuccess *float64 // Unix seconds
}

func (au *auditor) round(n int) error {
	if au.log == nil {
		log, err := au.a.trustedLog(au.s, au.opts)
		if err != nil {
			return err
		}
		au.log = log
		// the gauges of an earlier run (a CronJob's previous pod) carry over until this one knows better
		au.metrics = readAuditMetrics(au.metricsFile, log.head.Origin())
		if cp, err := log.head.Trusted(); err == nil && cp != nil {
			size := cp.Size
			au.metrics.size = &size
		}
	}
	result, err := au.log.check(nil, nil)
	if err != nil {
		if exitCodeOf(err) == exitRewritten {
			au.metrics.rewritten = 1
		}
		if merr := au.writeMetrics(); merr != nil {
			fmt.Fprintf(au.a.stderr, "devstate audit: round %d: %v\n", n, merr)
		}
		var ce *cliError
		if errors.As(err, &ce) {
			if ce.fields == nil {
				ce.fields = map[string]any{}
			}
			ce.fields["round"] = n
		}
		return err
	}
	cp := result.checkpoint
	anchored := false
	if au.anchor != "" {
		if anchored, err = appendAnchor(au.anchor, cp.Note); err != nil {
			return err
		}
	}
	size, now := cp.Size, float64(time.Now().UnixMilli())/1000
	au.metrics = auditMetrics{size: &size, rewritten: 0, lastSuccess: &now}
	if err := au.writeMetrics(); err != nil {
		return err
	}
	if au.a.g.json {
		line, err := json.Marshal(map[string]any{"round": n, "ok": true, "checkpoint": result.view(), "anchored": anchored})
		if err != nil {
			return err
		}
		fmt.Fprintf(au.a.stdout, "%s\n", line)
		return nil
	}
	text := strings.TrimSuffix(result.text(), "\n")
	if anchored {
		text += "; appended to " + au.anchor
	}
	fmt.Fprintf(au.a.stdout, "audit round %d: %s\n", n, text)
	return nil
}

// reportRetry prints a failed round that the next one retries.
func (au *auditor) reportRetry(n, code int, err error, next time.Duration) {
	fmt.Fprintf(au.a.stderr, "devstate audit: round %d: %v (retrying in %s)\n", n, err, next)
	if au.a.g.json {
		if line, jerr := json.Marshal(map[string]any{"round": n, "ok": false, "exit_code": code, "error": err.Error()}); jerr == nil {
			fmt.Fprintf(au.a.stdout, "%s\n", line)
		}
	}
}

func (au *auditor) writeMetrics() error {
	if au.metricsFile == "" || au.log == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(au.metricsFile), 0o755); err != nil {
		return localErrorf("cannot create %s: %v", filepath.Dir(au.metricsFile), err)
	}
	return writeFileAtomic(au.metricsFile, auditMetricsText(au.log.head.Origin(), au.metrics))
}

// auditMetricsText is the node_exporter textfile (Prometheus text exposition format 0.0.4).
func auditMetricsText(origin string, m auditMetrics) []byte {
	var b bytes.Buffer
	label := `{origin="` + escapeLabelValue(origin) + `"}`
	gauge := func(name, help, value string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s%s %s\n", name, help, name, name, label, value)
	}
	if m.size != nil {
		gauge(metricSize, "Size (entries) of the last checkpoint devstate audit accepted for the log.", strconv.FormatUint(*m.size, 10))
	}
	gauge(metricRewritten, "1 when devstate audit found the log rewritten (its checkpoint does not extend the trusted one), else 0.",
		strconv.Itoa(m.rewritten))
	if m.lastSuccess != nil {
		gauge(metricLastSuccess, "Unix time of the last devstate audit round whose checkpoint was accepted.",
			strconv.FormatFloat(*m.lastSuccess, 'f', 3, 64))
	}
	return b.Bytes()
}

// escapeLabelValue escapes a label value as the text format requires: \, " and newline.
func escapeLabelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// readAuditMetrics reads the gauges of origin back from a metrics file this command wrote; what
// is missing or unreadable stays unknown.
func readAuditMetrics(path, origin string) auditMetrics {
	var m auditMetrics
	if path == "" {
		return m
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return m
	}
	label := `{origin="` + escapeLabelValue(origin) + `"} `
	for _, line := range strings.Split(string(text), "\n") {
		name, value, ok := strings.Cut(line, label)
		if !ok {
			continue
		}
		switch name {
		case metricSize:
			if v, err := strconv.ParseUint(value, 10, 64); err == nil {
				m.size = &v
			}
		case metricRewritten:
			if value == "1" {
				m.rewritten = 1
			}
		case metricLastSuccess:
			if v, err := strconv.ParseFloat(value, 64); err == nil {
				m.lastSuccess = &v
			}
		}
	}
	return m
}

// appendAnchor appends a checkpoint note and an empty line to the anchor file, unless the note is
// already its last record. The file is only ever appended to (and synced): an external record of
// every checkpoint the audit accepted. Returns whether it appended.
func appendAnchor(path string, note []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, localErrorf("cannot create %s: %v", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return false, localErrorf("cannot open the anchor file: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, localErrorf("cannot read the anchor file: %v", err)
	}
	record := append(bytes.Clone(note), '\n')
	size := info.Size()
	n := min(size, int64(len(record))+1) // the last record and the empty line before it
	tail := make([]byte, n)
	if _, err := f.ReadAt(tail, size-n); err != nil {
		return false, localErrorf("cannot read %s: %v", path, err)
	}
	if (size == int64(len(record)) && bytes.Equal(tail, record)) || bytes.Equal(tail, append([]byte{'\n'}, record...)) {
		return false, nil
	}
	var separator []byte // an earlier write cut short must not run into this record
	switch {
	case size == 0 || bytes.HasSuffix(tail, []byte("\n\n")):
	case bytes.HasSuffix(tail, []byte("\n")):
		separator = []byte("\n")
	default:
		separator = []byte("\n\n")
	}
	if _, err := f.Write(append(separator, record...)); err != nil {
		return false, localErrorf("cannot append to %s: %v", path, err)
	}
	if err := f.Sync(); err != nil {
		return false, localErrorf("cannot sync %s: %v", path, err)
	}
	return true, nil
}
