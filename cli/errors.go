package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	devstate "github.com/devstate/devstate/clients/go"
)

// cliError ends the command with an exit code. An empty message prints nothing (the command
// already reported, e.g. the drift summary).
type cliError struct {
	code    int
	msg     string
	status  int             // HTTP status of an API error
	problem json.RawMessage // the problem document of an API error, when there is one
	fields  map[string]any  // more members of the --json failure object
}

func (e *cliError) Error() string { return e.msg }

var errHelpShown = &cliError{code: exitOK}

func usageErrorf(format string, args ...any) error {
	return &cliError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

func localErrorf(format string, args ...any) error {
	return &cliError{code: exitLocal, msg: fmt.Sprintf(format, args...)}
}

func failedf(format string, args ...any) error {
	return &cliError{code: exitFailed, msg: fmt.Sprintf(format, args...)}
}

// allowEmptyUsage is the help text of --allow-empty.
const allowEmptyUsage = "exit 0 when there is no history at all (bootstrapping a project) instead of 6"

// emptyProjectError is exit 6: a gate found no history at all for the project, so it would check
// nothing (most often a typo in DEVSTATE_PROJECT or --project). --allow-empty turns it into 0.
func emptyProjectError(project, url, also string) error {
	return &cliError{code: exitEmpty,
		msg: fmt.Sprintf("project %q has no history on %s%s: check DEVSTATE_PROJECT / --project (pass --allow-empty to accept an empty project)",
			project, url, also),
		fields: map[string]any{"project": project, "url": url}}
}

// silent ends with code after the command printed its own report.
func silent(code int) error { return &cliError{code: code} }

// fail prints err (a line on stderr; a JSON object on stdout with --json) and returns its code.
func (a *app) fail(cmd string, err error) int {
	var ce *cliError
	if !errors.As(err, &ce) {
		ce = &cliError{code: exitAPI, msg: err.Error()}
	}
	if ce == errHelpShown {
		return exitOK
	}
	if ce.msg == "" {
		return ce.code
	}
	prefix := "devstate"
	if cmd != "" {
		prefix += " " + cmd
	}
	fmt.Fprintf(a.stderr, "%s: %s\n", prefix, ce.msg)
	if a.g.json {
		out := map[string]any{"ok": false, "exit_code": ce.code, "error": ce.msg}
		if ce.status != 0 {
			out["status"] = ce.status
		}
		if len(ce.problem) > 0 {
			out["problem"] = ce.problem
		}
		for k, v := range ce.fields {
			out[k] = v
		}
		_ = a.printJSON(out)
	}
	return ce.code
}

func (a *app) printJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := a.stdout.Write(buf.Bytes())
	return err
}

// printRaw writes a server's JSON body as it came, with a trailing newline.
func (a *app) printRaw(body []byte) error {
	body = bytes.TrimRight(body, "\r\n")
	_, err := fmt.Fprintf(a.stdout, "%s\n", body)
	return err
}

// apiError turns an error of the generated client into a cliError: exit 3 when there was no HTTP
// answer, exit 4 with the problem's title, detail and extension members when there was one.
func apiError(what string, resp *http.Response, err error, baseURL string) error {
	if err == nil {
		return nil
	}
	var urlErr *url.Error
	var netErr net.Error
	if what != "" {
		what += ": "
	}
	if resp == nil && (errors.As(err, &urlErr) || errors.As(err, &netErr)) {
		return &cliError{code: exitUnreachable, msg: fmt.Sprintf("%scannot reach DevState at %s: %v", what, baseURL, rootCause(err))}
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	var apiErr *devstate.GenericOpenAPIError
	var body []byte
	if errors.As(err, &apiErr) {
		body = apiErr.Body()
	}
	ce := &cliError{code: exitAPI, status: status}
	if problem, ok := devstate.ProblemOf(err); ok {
		if status == 0 {
			status = int(problem.Status)
			ce.status = status
		}
		if json.Valid(body) {
			ce.problem = json.RawMessage(body)
		}
		ce.msg = what + formatProblem(problem)
		return ce
	}
	if status != 0 {
		text := strings.TrimSpace(string(body))
		if len(text) > 300 {
			text = text[:300] + "…"
		}
		if text == "" {
			text = http.StatusText(status)
		}
		ce.msg = fmt.Sprintf("%sHTTP %d: %s", what, status, text)
		return ce
	}
	ce.msg = fmt.Sprintf("%s%v", what, err)
	return ce
}

func rootCause(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil {
		return urlErr.Err
	}
	return err
}

// formatProblem is "<status> <title>: <detail>" and one indented line per extension member.
func formatProblem(p *devstate.Problem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", p.Status, p.Title)
	if p.Detail != nil && *p.Detail != "" {
		fmt.Fprintf(&b, ": %s", *p.Detail)
	}
	if p.Seq != nil {
		fmt.Fprintf(&b, "\n  seq: %d", *p.Seq)
	}
	if p.Reason != nil {
		fmt.Fprintf(&b, "\n  reason: %s", *p.Reason)
	}
	if p.Field != nil {
		fmt.Fprintf(&b, "\n  field: %s", *p.Field)
	}
	if p.Holder != nil {
		owner := "(no owner)"
		if o, ok := p.Holder.GetOwnerOk(); ok && o != nil {
			owner = *o
		}
		fmt.Fprintf(&b, "\n  held by: %s until %s", owner, p.Holder.GetExpiresAt())
	}
	for _, e := range p.Errors {
		path := e.Path
		if path == "" {
			path = "(document)"
		}
		fmt.Fprintf(&b, "\n  %s: %s", path, e.Message)
	}
	return b.String()
}
