// Command trusted-head checks a DevState project's latest checkpoint against the trusted head kept
// in a state file, with the generated Go client and the trust package:
//
//	DEVSTATE_URL=http://127.0.0.1:3180 DEVSTATE_PROJECT=demo DEVSTATE_LOG_VERIFIER_KEY=<vkey> \
//	  go run ./cmd/trusted-head /path/to/state-file
//
// DEVSTATE_TOKEN is sent as the bearer token when set. Prints "trusted <origin> <size>" and exits 0
// when the checkpoint is trusted (on first use, or proven to extend the trusted one); exits 7 with
// "history was rewritten: ..." on stderr when it is refused; any other failure is exit 1.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	devstate "github.com/devstate/devstate/clients/go"
	"github.com/devstate/devstate/clients/go/trust"
)

const (
	exitOK        = 0
	exitFailed    = 1
	exitRewritten = 7
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "trusted-head: "+format+"\n", a...)
		return exitFailed
	}
	if len(args) != 1 || args[0] == "" {
		return fail("usage: trusted-head STATE_FILE (env DEVSTATE_URL, DEVSTATE_PROJECT, DEVSTATE_LOG_VERIFIER_KEY, DEVSTATE_TOKEN)")
	}
	url := strings.TrimRight(strings.TrimSpace(getenv("DEVSTATE_URL")), "/")
	project := strings.TrimSpace(getenv("DEVSTATE_PROJECT"))
	if url == "" || project == "" {
		return fail("DEVSTATE_URL and DEVSTATE_PROJECT must be set")
	}
	head, err := trust.New(args[0], getenv("DEVSTATE_LOG_VERIFIER_KEY"))
	if err != nil {
		return fail("DEVSTATE_LOG_VERIFIER_KEY: %v", err)
	}
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: url}}
	cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	ctx := context.Background()
	if token := strings.TrimSpace(getenv("DEVSTATE_TOKEN")); token != "" {
		ctx = context.WithValue(ctx, devstate.ContextAccessToken, token)
	}
	cp, err := head.Check(ctx, trust.NewAPIFetcher(devstate.NewAPIClient(cfg), project))
	var refusal *trust.RewrittenError
	switch {
	case errors.As(err, &refusal):
		fmt.Fprintln(stderr, refusal.Error())
		return exitRewritten
	case err != nil:
		return fail("%v", err)
	}
	fmt.Fprintf(stdout, "trusted %s %d\n", cp.Origin, cp.Size)
	return exitOK
}
