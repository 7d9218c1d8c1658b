// Command devstate is the DevState command line (docs/CLI.md): verify the history chain on the
// server or offline, export/import the .trae files (and keep them exported: watch), detect drift
// between them and the server, move the checkpoint, lock the state, search the history and audit
// the transparency log against the trusted head. It is built from the generated Go client
// (clients/go), the offline verifier (clients/go/verify) and the trusted head (clients/go/trust);
// the standard library does the rest.
//
// Exit codes: 0 ok, 1 drift or verification failure, 2 usage or configuration error, 3 server
// unreachable, 4 the server answered with an error (problem+json), 5 local file error, 6 the
// project has no history (a gate that would check nothing; --allow-empty accepts it), 7 the
// server's log does not extend the trusted checkpoint (history was rewritten).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// version is set at build time: -ldflags "-X main.version=...".
var version = "dev"

const (
	exitOK          = 0
	exitFailed      = 1 // drift found, chain or state verification failed
	exitUsage       = 2 // bad command line, missing or malformed configuration
	exitUnreachable = 3 // no HTTP answer: connection refused, DNS, timeout, TLS
	exitAPI         = 4 // the server answered with an error status (problem+json printed)
	exitLocal       = 5 // a local file could not be read or written
	exitEmpty       = 6 // verify/drift found no history at all: unknown project (--allow-empty: 0)
	exitRewritten   = 7 // the server's log does not extend the trusted checkpoint: history was rewritten
)

const (
	defaultURL     = "http://127.0.0.1:3180"
	defaultProject = "default"
	defaultDir     = ".trae"
	defaultTimeout = 60 * time.Second
)

// globals are the options every command takes; environment first, flags override.
type globals struct {
	url     string
	token   string
	project string
	json    bool
	timeout time.Duration
}

func globalsFromEnv(getenv func(string) string) (globals, error) {
	g := globals{url: defaultURL, project: defaultProject, timeout: defaultTimeout}
	if v := strings.TrimSpace(getenv("DEVSTATE_URL")); v != "" {
		g.url = v
	}
	g.token = strings.TrimSpace(getenv("DEVSTATE_API_TOKEN"))
	if v := strings.TrimSpace(getenv("DEVSTATE_PROJECT")); v != "" {
		g.project = v
	}
	if v := strings.TrimSpace(getenv("DEVSTATE_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return g, usageErrorf("DEVSTATE_TIMEOUT=%q is not a positive duration (e.g. 30s)", v)
		}
		g.timeout = d
	}
	return g, nil
}

func addGlobalFlags(fs *flag.FlagSet, g *globals) {
	fs.StringVar(&g.url, "url", g.url, "DevState base URL (env DEVSTATE_URL)")
	fs.Var(secretValue{&g.token}, "token", "bearer `TOKEN` (env DEVSTATE_API_TOKEN; prefer the environment)")
	fs.StringVar(&g.project, "project", g.project, "project (env DEVSTATE_PROJECT)")
	fs.BoolVar(&g.json, "json", g.json, "machine-readable JSON on stdout")
	fs.DurationVar(&g.timeout, "timeout", g.timeout, "timeout of each HTTP request (env DEVSTATE_TIMEOUT)")
}

// app is one invocation: options, output streams and the environment.
type app struct {
	g         globals
	stdout    io.Writer
	stderr    io.Writer
	getenv    func(string) string
	lookupEnv func(string) (string, bool) // tells a variable set to "" from an unset one
	session   *cliSession                 // set by server()
}

type command struct {
	name    string
	args    string
	summary string
	run     func(a *app, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"verify", "[--files DIR] [--log-key VKEY] [--from N] [--limit N] [--allow-empty] [--state-dir DIR] [--no-trusted-head]", "verify the history chain on the server, or offline in DIR/history.json (+ state.json) with keys from the environment, and DIR/checkpoint with --log-key; and the server's log against the trusted head", runVerify},
		{"export", "[--dir DIR] [--log-key VKEY] [--state-dir DIR] [--no-trusted-head]", "write DIR/state.json, DIR/history.json and DIR/checkpoint exactly as the server exports them, once the log extends the trusted head and DIR/checkpoint", runExport},
		{"watch", "[--dir DIR] [--until-seq N] [--log-key VKEY] [--state-dir DIR] [--no-trusted-head]", "keep DIR/state.json, DIR/history.json and DIR/checkpoint equal to the server's export: export, then again after each burst of new entries of the change feed, until Ctrl-C", runWatch},
		{"import", "[--dir DIR]", "import DIR/history.json (+ DIR/state.json, DIR/checkpoint) into the project (admin)", runImport},
		{"drift", "[--dir DIR] [--allow-empty] [--log-key VKEY] [--state-dir DIR] [--no-trusted-head]", "compare DIR/*.json with the server's export; exit 1 with a summary when they differ", runDrift},
		{"set-cp", "CHECKPOINT [--actor A] [--metadata JSON] [--lock LOCK_ID] [--if-match ETAG]", "set current_cp with a state merge patch (the server appends its update_state entry)", runSetCP},
		{"lock", "--scope SCOPE --ttl SECONDS [--owner O] [--reason R]", "acquire a lock; prints its lock_id", runLock},
		{"unlock", "LOCK_ID", "release a lock", runUnlock},
		{"search", "[--actor A] [--action A] [--cp CP] [--since T] [--until T] [--metadata JSON] [--limit N] [--cursor C] [--all]", "search the history, newest first", runSearch},
		{"audit", "[--interval D [--rounds N]] [--anchor FILE] [--metrics-file FILE] [--log-key VKEY] [--state-dir DIR]", "check the server's latest checkpoint against the trusted head (once, or every D), append each newly accepted one to an anchor file and write a Prometheus textfile", runAudit},
		{"log-keygen", "--name NAME", "generate a signing key for the server's transparency log (DEVSTATE_LOG_KEY) and its verifier key", runLogKeygen},
		{"version", "", "print the CLI version", runVersion},
	}
}

// commandDetails is more help for devstate COMMAND --help, after the summary.
var commandDetails = map[string]string{
	"verify": `With --files DIR, the HMAC chain is checked with the keys of the environment
(DEVSTATE_HMAC_KEYS, DEVSTATE_HMAC_KEYS_FILE, HMAC_SECRET/HMAC_KID), DIR/state.json against the
checksum the last update_state entry recorded and, with --log-key VKEY or
` + logVerifierEnv + `, DIR/checkpoint: its signature by VKEY, that its origin is VKEY's name
(<log name>/<project>), and that its size and Merkle root are those of the entries of
DIR/history.json. With a verifier key no HMAC key is needed; with both, both checks run. The
project's verifier key is served at ` + logKeyEndpoint + `: pin it out of band.

` + trustedHeadHelp + skipTrustedHeadHelp + `
With --files, no request is sent: with a verifier key, DIR/checkpoint must extend the trusted
head of its log, checked from the files themselves (the tree of their first M entries has the
trusted root of size M), and then becomes the trusted head.`,
	"export": trustedHeadHelp + skipTrustedHeadHelp + `
An existing DIR/checkpoint (the committed export) is a trusted head too: the exported checkpoint
must extend it. Nothing is written when a check fails.`,
	"drift": trustedHeadHelp + skipTrustedHeadHelp,
	"watch": watchDetails,
	"audit": `Each round checks the server's latest checkpoint against the trusted head (as verify does) and,
when the accepted checkpoint changed, appends its signed note to --anchor FILE (append-only; each
note followed by an empty line). --metrics-file FILE is replaced atomically with the gauges
devstate_audit_checkpoint_size, devstate_audit_rewritten and
devstate_audit_last_success_timestamp_seconds (label origin), for node_exporter's textfile
collector (name it *.prom). Without --interval one round runs (a CronJob); with it, rounds run
every D, --rounds N times (default: until stopped). A rewritten log ends the command with exit 7 at
once; an unreachable server or an API error is reported and retried next round (the exit code is
the last round's).

` + trustedHeadHelp,
	"log-keygen": `Prints the signer key (first line: a secret, the value of DEVSTATE_LOG_KEY or the content of
DEVSTATE_LOG_KEY_FILE) and the verifier key of NAME (second line); --json prints
{"signer_key": ..., "verifier_key": ...}. The server signs the checkpoints of project P under the
key name NAME/P, so the key that verifies them (devstate verify --files DIR --log-key VKEY) is the
per-project verifier key served at ` + logKeyEndpoint + `.`,
}

func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func main() {
	os.Exit(runWithEnv(os.Args[1:], os.Stdout, os.Stderr, os.LookupEnv))
}

// run executes one command line and returns the exit code (a variable for which getenv returns ""
// counts as unset).
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	return runWithEnv(args, stdout, stderr, func(name string) (string, bool) {
		v := getenv(name)
		return v, v != ""
	})
}

func runWithEnv(args []string, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	getenv := func(name string) string {
		v, _ := lookupEnv(name)
		return v
	}
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv, lookupEnv: lookupEnv}
	g, err := globalsFromEnv(getenv)
	if err != nil {
		return a.fail("", err)
	}
	a.g = g

	fs := newFlagSet("devstate")
	addGlobalFlags(fs, &a.g)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.usage(stdout)
			return exitOK
		}
		return a.fail("", usageErrorf("%v", err))
	}
	rest := fs.Args()
	if len(rest) == 0 {
		a.usage(stderr)
		return exitUsage
	}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			if c := findCommand(rest[1]); c != nil {
				commandUsage(stdout, c, nil)
				return exitOK
			}
		}
		a.usage(stdout)
		return exitOK
	}
	c := findCommand(name)
	if c == nil {
		return a.fail("", usageErrorf("unknown command %q (try devstate help)", name))
	}
	err = c.run(a, rest[1:])
	if a.session != nil {
		a.session.save() // also after a failure: a write may have succeeded before it
	}
	if err != nil {
		return a.fail(c.name, err)
	}
	return exitOK
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintf(w, "devstate %s: the DevState command line\n\nUsage: devstate [global flags] COMMAND [flags]\n\nCommands:\n", version)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Global flags (also accepted after the command):
  --url URL        DevState base URL (env DEVSTATE_URL, default `+defaultURL+`)
  --token TOKEN    bearer token (env DEVSTATE_API_TOKEN)
  --project NAME   project (env DEVSTATE_PROJECT, default default)
  --json           machine-readable JSON on stdout
  --timeout D      timeout of each HTTP request (env DEVSTATE_TIMEOUT, default 60s)

Exit codes: 0 ok, 1 drift or verification failure, 2 usage/configuration error,
3 server unreachable, 4 the server answered with an error, 5 local file error,
6 verify/drift found no history for the project (a typo in the project?; --allow-empty: 0),
7 history was rewritten: the server's log does not extend the trusted checkpoint.
Trusted head (verify, export, drift, audit): the last verified checkpoint of each log is kept in
--state-dir (env `+stateDirEnv+`, default $XDG_STATE_HOME/devstate or ~/.local/state/devstate);
the log verifier key is --log-key or `+logVerifierEnv+`, else pinned on first use.
Offline verification keys: DEVSTATE_HMAC_KEYS (kid:secret,...), DEVSTATE_HMAC_KEYS_FILE,
HMAC_SECRET with HMAC_KID (default k1); for DIR/checkpoint the project's log verifier key,
--log-key or `+logVerifierEnv+` (served at `+logKeyEndpoint+`).
Read-your-writes: after set-cp or import, later reads (also of later invocations) send the
version/seq written (DevState-Min-Version/-Min-Seq), kept per URL and project in
$XDG_STATE_HOME/devstate/session.json or ~/.local/state/devstate/session.json
(DEVSTATE_SESSION_FILE=PATH elsewhere, DEVSTATE_SESSION_FILE= off). Details: docs/CLI.md.
`)
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: devstate %s %s\n\n%s\n", c.name, c.args, c.summary)
	if details := commandDetails[c.name]; details != "" {
		fmt.Fprintf(w, "\n%s\n", details)
	}
	if fs != nil {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseCommand parses a command's flags, which may come before, between and after its
// positional arguments; "--" ends the flags. Returns the positional arguments.
func parseCommand(a *app, c *command, fs *flag.FlagSet, args []string) ([]string, error) {
	addGlobalFlags(fs, &a.g)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				commandUsage(a.stdout, c, fs)
				return nil, errHelpShown
			}
			return nil, usageErrorf("%v (devstate %s --help)", err, c.name)
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// expectArgs checks the number of positional arguments.
func expectArgs(c *command, positional []string, want int) error {
	if len(positional) != want {
		if want == 0 {
			return usageErrorf("devstate %s takes no arguments, got %q", c.name, strings.Join(positional, " "))
		}
		return usageErrorf("usage: devstate %s %s", c.name, c.args)
	}
	return nil
}

func runVersion(a *app, args []string) error {
	c := findCommand("version")
	positional, err := parseCommand(a, c, newFlagSet(c.name), args)
	if err != nil {
		return err
	}
	if err := expectArgs(c, positional, 0); err != nil {
		return err
	}
	if a.g.json {
		return a.printJSON(map[string]string{"version": version})
	}
	fmt.Fprintf(a.stdout, "devstate %s\n", version)
	return nil
}

// sortedKeys is used for stable output.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// secretValue is a string flag whose value never appears in --help (it may come from the
// environment).
type secretValue struct{ p *string }

func (v secretValue) String() string { return "" }

func (v secretValue) Set(s string) error {
	*v.p = s
	return nil
}
