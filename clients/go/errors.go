// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// ProblemTypePrefix starts the type of every problem DevState writes: urn:devstate:problem:<slug>.
const ProblemTypePrefix = "urn:devstate:problem:"

// Error is a failed call that DevState (or something in front of it) answered: every error an
// API method returns for an HTTP answer unwraps to it.
//
//	_, _, err := client.LocksAPI.AcquireLock(ctx).AcquireLockRequest(req).Execute()
//	var dsErr *devstate.Error
//	if errors.As(err, &dsErr) && dsErr.StatusCode == http.StatusConflict {
//		fmt.Println(dsErr.Problem.Holder.GetOwner())
//	}
//	fmt.Println(err) // devstate: 409 conflict: scope 'state' of project 'demo' is held until …
type Error struct {
	StatusCode int
	// Type is the problem type (urn:devstate:problem:<slug>); empty when the answer was not a
	// problem document (for example a proxy's error page).
	Type   string
	Title  string
	Detail string
	// Problem is the whole problem document (holder, field, seq, errors, ...); nil when the
	// answer was not one.
	Problem *Problem
}

// Error reads "devstate: <status> <slug>: <detail>", like "devstate: 409 conflict: scope 'state'
// of project 'demo' is held until 2026-11-25T10:01:00.000000Z".
func (e *Error) Error() string {
	kind := strings.TrimPrefix(e.Type, ProblemTypePrefix)
	if kind == "" {
		kind = strings.ToLower(http.StatusText(e.StatusCode))
	}
	text := "devstate: " + strconv.Itoa(e.StatusCode)
	if kind != "" {
		text += " " + kind
	}
	detail := e.Detail
	if detail == "" && !strings.EqualFold(e.Title, kind) {
		detail = e.Title
	}
	if detail != "" {
		text += ": " + detail
	}
	return text
}

// problemError is the *Error of a GenericOpenAPIError (used by its Error and Unwrap): from the
// decoded problem, else from a problem document in the body, else from the HTTP status line the
// generated code keeps ("502 Bad Gateway"). Nil when there was no answer to describe.
func problemError(message string, body []byte, model interface{}) *Error {
	var problem *Problem
	switch m := model.(type) {
	case Problem:
		problem = &m
	case *Problem:
		problem = m
	default:
		var parsed Problem
		if len(body) > 0 && json.Unmarshal(body, &parsed) == nil && parsed.Status != 0 {
			problem = &parsed
		}
	}
	if problem != nil {
		return &Error{StatusCode: int(problem.Status), Type: problem.Type, Title: problem.Title,
			Detail: problem.GetDetail(), Problem: problem}
	}
	code, text, ok := strings.Cut(message, " ")
	status, err := strconv.Atoi(code)
	if !ok || err != nil || len(code) != 3 || http.StatusText(status) != text {
		return nil
	}
	return &Error{StatusCode: status, Title: text}
}

// ProblemOf returns the RFC 9457 problem document of an error DevState answered with
// (application/problem+json), for any status, declared in the contract or not:
//
//	_, _, err := client.LocksAPI.AcquireLock(ctx).AcquireLockRequest(req).Execute()
//	if problem, ok := devstate.ProblemOf(err); ok && problem.Status == 409 { ... problem.Holder ... }
func ProblemOf(err error) (*Problem, bool) {
	var dsErr *Error
	if errors.As(err, &dsErr) && dsErr.Problem != nil {
		return dsErr.Problem, true
	}
	return nil, false
}
