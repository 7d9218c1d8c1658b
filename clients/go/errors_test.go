// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func answeringClient(t *testing.T, status int, contentType, body string) *APIClient {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(server.Close)
	cfg := NewConfiguration()
	cfg.Servers = ServerConfigurations{{URL: server.URL}}
	return NewAPIClient(cfg)
}

func TestAProblemReadsLikeAGoErrorAndUnwrapsToError(t *testing.T) {
	client := answeringClient(t, http.StatusConflict, "application/problem+json",
		`{"type":"urn:devstate:problem:conflict","title":"Conflict","status":409,`+
			`"detail":"scope 'state' of project 'demo' is held","holder":{"owner":"ci","expires_at":"2026-11-25T10:01:00.000000Z"}}`)
	_, _, err := client.LocksAPI.AcquireLock(context.Background()).AcquireLockRequest(*NewAcquireLockRequest("state", 60)).Execute()
	if err == nil {
		t.Fatal("want an error")
	}
	if got, want := err.Error(), "devstate: 409 conflict: scope 'state' of project 'demo' is held"; got != want {
		t.Fatalf("err.Error() = %q, want %q", got, want)
	}
	var dsErr *Error
	if !errors.As(err, &dsErr) {
		t.Fatalf("errors.As(%T, *devstate.Error) = false", err)
	}
	if dsErr.StatusCode != 409 || dsErr.Type != "urn:devstate:problem:conflict" || dsErr.Title != "Conflict" ||
		dsErr.Detail != "scope 'state' of project 'demo' is held" || dsErr.Problem.Holder.GetOwner() != "ci" {
		t.Fatalf("*devstate.Error = %+v", dsErr)
	}
	if problem, ok := ProblemOf(err); !ok || problem.Holder.GetExpiresAt() != "2026-11-25T10:01:00.000000Z" {
		t.Fatalf("ProblemOf = %+v, %v", problem, ok)
	}
}

func TestAnAnswerThatIsNotAProblemStillCarriesItsStatus(t *testing.T) {
	client := answeringClient(t, http.StatusBadGateway, "text/html", "<html>bad gateway</html>")
	_, _, err := client.HealthAPI.GetHealth(context.Background()).Execute()
	var dsErr *Error
	if !errors.As(err, &dsErr) || dsErr.StatusCode != 502 || dsErr.Problem != nil {
		t.Fatalf("err = %v (%+v)", err, dsErr)
	}
	if got, want := err.Error(), "devstate: 502 bad gateway"; got != want {
		t.Fatalf("err.Error() = %q, want %q", got, want)
	}
}
