// Package livetest runs the generated Go client against a live DevState: DEVSTATE_URL (e.g.
// http://127.0.0.1:3180); skipped without it. DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET (the server's
// key) enable the offline check of the export and the import into a fresh project.
package livetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	devstate "github.com/devstate/devstate/clients/go"
	"github.com/devstate/devstate/clients/go/verify"
)

func must[T any](t *testing.T, value T, resp *http.Response, err error) T {
	t.Helper()
	if err != nil {
		body := ""
		if apiErr, ok := err.(*devstate.GenericOpenAPIError); ok {
			body = string(apiErr.Body())
		}
		t.Fatalf("request failed: %v %s", err, body)
	}
	return value
}

func TestLiveDevState(t *testing.T) {
	url := os.Getenv("DEVSTATE_URL")
	if url == "" {
		t.Skip("DEVSTATE_URL is not set")
	}
	kid, secret := os.Getenv("DEVSTATE_HMAC_KID"), os.Getenv("DEVSTATE_HMAC_SECRET")
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: strings.TrimRight(url, "/")}}
	client := devstate.NewAPIClient(cfg)
	ctx := context.Background()
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	project := "go-" + hex.EncodeToString(suffix)

	// State: replace, then a conditional merge patch with the ETag.
	first, _, err := client.StateAPI.ReplaceState(ctx).Project(project).DevStateActor("go-client").
		RequestBody(map[string]interface{}{"project": project, "version": "1.0.0", "current_cp": "CP1-LC",
			"no_drift": true, "agents": []any{}, "artifact_checksums": []any{}, "updated_at": "2026-11-25T10:00:00Z"}).
		Execute()
	first = must(t, first, nil, err)
	_, resp, err := client.StateAPI.GetState(ctx).Project(project).Execute()
	must(t, 0, resp, err)
	etag := resp.Header.Get("ETag")
	if etag != `"`+first.Checksum+`"` {
		t.Fatalf("ETag %s, checksum %s", etag, first.Checksum)
	}
	second, _, err := client.StateAPI.UpdateState(ctx).Project(project).IfMatch(etag).
		DevStateMetadata(`{"ticket":"T-1"}`).RequestBody(map[string]interface{}{"current_cp": "CP2-LC"}).Execute()
	second = must(t, second, nil, err)
	if second.Version != 2 || second.Seq != 2 {
		t.Fatalf("second write: %+v", second)
	}

	// History: append three entries, then page through everything two at a time.
	for i := 0; i < 3; i++ {
		request := devstate.NewAppendRequest("go-client", "note")
		request.Metadata = map[string]interface{}{"i": i, "ratio": 1.5, "text": "é 😀"}
		appended, _, err := client.HistoryAPI.AppendHistory(ctx).Project(project).AppendRequest(*request).Execute()
		appended = must(t, appended, nil, err)
		if appended.Seq != int64(3+i) {
			t.Fatalf("appended seq %d", appended.Seq)
		}
	}
	var seen []int64
	cursor, pages := "", 0
	for {
		search := client.HistoryAPI.SearchHistory(ctx).Project(project).Limit(2)
		if cursor != "" {
			search = search.Cursor(cursor)
		}
		page, _, err := search.Execute()
		page = must(t, page, nil, err)
		pages++
		for _, item := range page.Items {
			seen = append(seen, item.Seq)
		}
		if page.NextCursor.Get() == nil {
			break
		}
		cursor = *page.NextCursor.Get()
	}
	if !reflect.DeepEqual(seen, []int64{5, 4, 3, 2, 1}) || pages != 3 {
		t.Fatalf("search pages: %v in %d pages", seen, pages)
	}

	// Verify on the server, then export and check the files offline.
	verified, _, err := client.VerifyAPI.VerifyChain(ctx).Project(project).Execute()
	verified = must(t, verified, nil, err)
	if !verified.Ok || verified.Verified != 5 {
		t.Fatalf("verify: %+v", verified)
	}
	exported, _, err := client.FilesAPI.ExportFiles(ctx).Project(project).Execute()
	exported = must(t, exported, nil, err)
	historyText := exported.Files.TraeHistoryJson
	stateText := *exported.Files.TraeStateJson
	if sum, err := verify.StateChecksum([]byte(stateText)); err != nil || sum != second.Checksum {
		t.Fatalf("state checksum %s (%v), want %s", sum, err, second.Checksum)
	}

	if kid != "" && secret != "" {
		result, err := verify.History([]byte(historyText), map[string]string{kid: secret})
		if err != nil || !result.OK || result.Verified != 5 || result.Head.Hmac != verified.Head.Get().Hmac {
			t.Fatalf("offline verify: %+v %v", result, err)
		}
		// Import into a fresh project: the project name is signed, so the chain is signed again for it.
		fresh := project + "-copy"
		file, _ := verify.ParseHistory([]byte(historyText))
		moved, err := verify.Resign(file, fresh, kid, secret)
		if err != nil {
			t.Fatal(err)
		}
		movedText, _ := json.MarshalIndent(moved, "", "  ")
		files := devstate.NewImportFilesFiles(string(movedText) + "\n")
		files.TraeStateJson = &stateText
		imported, _, err := client.FilesAPI.ImportFiles(ctx).Project(fresh).ImportFiles(*devstate.NewImportFiles(*files)).Execute()
		imported = must(t, imported, nil, err)
		if imported.Outcome != "created" || imported.Imported != 5 {
			t.Fatalf("import: %+v", imported)
		}
		copyVerified, _, err := client.VerifyAPI.VerifyChain(ctx).Project(fresh).Execute()
		if copyVerified = must(t, copyVerified, nil, err); copyVerified.Verified != 5 {
			t.Fatalf("verify copy: %+v", copyVerified)
		}
	} else {
		files := devstate.NewImportFilesFiles(historyText)
		files.TraeStateJson = &stateText
		imported, _, err := client.FilesAPI.ImportFiles(ctx).Project(project).ImportFiles(*devstate.NewImportFiles(*files)).Execute()
		if imported = must(t, imported, nil, err); imported.Outcome != "unchanged" {
			t.Fatalf("import: %+v", imported)
		}
	}

	// Locks, with the values the client returns: acquire; a second acquire is a 409, a
	// *devstate.Error carrying the problem document; renew and release by the returned lock_id.
	owner := "go-client"
	request := devstate.NewAcquireLockRequest("state", 60)
	request.Owner = *devstate.NewNullableString(&owner)
	lock, _, err := client.LocksAPI.AcquireLock(ctx).Project(project).AcquireLockRequest(*request).Execute()
	lock = must(t, lock, nil, err)
	_, resp, err = client.LocksAPI.AcquireLock(ctx).Project(project).AcquireLockRequest(*devstate.NewAcquireLockRequest("state", 60)).Execute()
	if err == nil || resp == nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("second acquire: want a 409 error, got %v (%v)", resp, err)
	}
	var conflict *devstate.Error
	if !errors.As(err, &conflict) || conflict.StatusCode != 409 || conflict.Type != "urn:devstate:problem:conflict" ||
		conflict.Problem == nil || conflict.Problem.Holder.GetOwner() != owner {
		t.Fatalf("409: %v (%+v)", err, conflict)
	}
	if !strings.HasPrefix(err.Error(), "devstate: 409 conflict: ") {
		t.Fatalf("409 error text: %q", err.Error())
	}
	ttl := int32(120)
	renew := devstate.NewRenewLockRequest()
	renew.TtlSec = *devstate.NewNullableInt32(&ttl)
	renewed, _, err := client.LocksAPI.RenewLock(ctx, lock.LockId).Project(project).RenewLockRequest(*renew).Execute()
	renewed = must(t, renewed, nil, err)
	if renewed.LockId != lock.LockId || renewed.FencingToken != lock.FencingToken || renewed.ExpiresAt <= lock.ExpiresAt {
		t.Fatalf("renew: %+v after %+v", renewed, lock)
	}
	resp, err = client.LocksAPI.ReleaseLock(ctx, renewed.LockId).Project(project).Execute()
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("release: %v %v", resp, err)
	}
	locks, _, err := client.LocksAPI.ListLocks(ctx).Project(project).Execute()
	if locks = must(t, locks, nil, err); len(locks.Items) != 0 {
		t.Fatalf("locks after release: %+v", locks.Items)
	}
	_, err = client.LocksAPI.ReleaseLock(ctx, renewed.LockId).Project(project).Execute()
	var gone *devstate.Error
	if !errors.As(err, &gone) || gone.StatusCode != 404 {
		t.Fatalf("second release: want a 404 *devstate.Error, got %v", err)
	}
}

// TestLiveSignedEntriesRoundTripExactly: entries whose ts the service stores as signed (imported,
// with fraction digits a date type would rewrite: trailing zeros, all zeros), fetched through the
// client, verify offline with the client's own verifier.
func TestLiveSignedEntriesRoundTripExactly(t *testing.T) {
	url := os.Getenv("DEVSTATE_URL")
	kid, secret := os.Getenv("DEVSTATE_HMAC_KID"), os.Getenv("DEVSTATE_HMAC_SECRET")
	if url == "" || kid == "" || secret == "" {
		t.Skip("DEVSTATE_URL, DEVSTATE_HMAC_KID and DEVSTATE_HMAC_SECRET are not all set")
	}
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: strings.TrimRight(url, "/")}}
	client := devstate.NewAPIClient(cfg)
	ctx := context.Background()
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	project := "go-ts-" + hex.EncodeToString(suffix)

	stamps := []string{"2026-11-25T10:00:00.000000Z", "2026-11-25T10:00:07.505240Z", "2026-11-25T10:00:08.100000Z"}
	entries := make([]verify.Entry, len(stamps))
	for i, ts := range stamps {
		entries[i] = verify.Entry{Seq: int64(i + 1), Ts: ts, Actor: "go-client", Action: "note",
			Metadata: json.RawMessage(`{"i":` + strconv.Itoa(i) + `,"ratio":1.5}`)}
	}
	signed, err := verify.Resign(&verify.HistoryFile{Format: verify.Format, Project: project, Entries: entries}, project, kid, secret)
	if err != nil {
		t.Fatal(err)
	}
	signedText, _ := json.Marshal(signed)
	imported, _, err := client.FilesAPI.ImportFiles(ctx).Project(project).
		ImportFiles(*devstate.NewImportFiles(*devstate.NewImportFilesFiles(string(signedText)))).Execute()
	if imported = must(t, imported, nil, err); imported.Imported != int64(len(stamps)) {
		t.Fatalf("import: %+v", imported)
	}

	page, _, err := client.HistoryAPI.SearchHistory(ctx).Project(project).Execute()
	page = must(t, page, nil, err)
	fetched, err := json.Marshal(page.Items)
	if err != nil {
		t.Fatal(err)
	}
	file, err := verify.Entries(project, fetched)
	if err != nil {
		t.Fatal(err)
	}
	for i, entry := range file.Entries {
		if entry.Ts != stamps[i] {
			t.Errorf("entry %d: ts %q, the service sent %q", entry.Seq, entry.Ts, stamps[i])
		}
	}
	result, err := verify.File(file, map[string]string{kid: secret})
	if err != nil || !result.OK || result.Verified != int64(len(stamps)) {
		t.Fatalf("entries fetched through the client do not verify: %+v %v", result, err)
	}
	one, _, err := client.HistoryAPI.GetHistoryEntry(ctx, 2).Project(project).Execute()
	if one = must(t, one, nil, err); one.Ts != stamps[1] {
		t.Fatalf("getHistoryEntry ts %q, want %q", one.Ts, stamps[1])
	}
}

// TestLiveSessionConsistency: reads through SessionConsistency after its own writes succeed and
// carry the numbers; one above what the service has, every read is a 412 (the headers reach it).
func TestLiveSessionConsistency(t *testing.T) {
	url := os.Getenv("DEVSTATE_URL")
	if url == "" {
		t.Skip("DEVSTATE_URL is not set")
	}
	base := strings.TrimRight(url, "/")
	var sent []string // the DevState-Min-* values as they left
	session := devstate.NewSessionConsistency(recordingTransport(func(r *http.Request) {
		for k, v := range r.Header {
			if strings.EqualFold(k, "DevState-Min-Version") || strings.EqualFold(k, "DevState-Min-Seq") {
				sent = append(sent, strings.Join(v, ","))
			}
		}
	}))
	cfg := devstate.NewConfiguration()
	cfg.Servers = devstate.ServerConfigurations{{URL: base}}
	cfg.HTTPClient = &http.Client{Transport: session}
	client := devstate.NewAPIClient(cfg)
	ctx := context.Background()
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	project := "go-ryw-" + hex.EncodeToString(suffix)

	written, _, err := client.StateAPI.ReplaceState(ctx).Project(project).DevStateActor("go-client").
		RequestBody(map[string]interface{}{"project": project, "version": "1.0.0", "current_cp": "CP1-LC",
			"no_drift": true, "agents": []any{}, "artifact_checksums": []any{}, "updated_at": "2026-11-25T10:00:00Z"}).
		Execute()
	written = must(t, written, nil, err)
	appended, _, err := client.HistoryAPI.AppendHistory(ctx).Project(project).
		AppendRequest(*devstate.NewAppendRequest("go-client", "note")).Execute()
	appended = must(t, appended, nil, err)
	if got := session.Get(base, project); got != (devstate.SessionNumbers{Version: written.Version, Seq: appended.Seq}) {
		t.Fatalf("remembered %+v after version %d, seq %d", got, written.Version, appended.Seq)
	}

	type read struct {
		name string
		want int64 // the number it must carry
		run  func() (*http.Response, error)
	}
	reads := []read{
		{"getState", written.Version, func() (*http.Response, error) {
			_, resp, err := client.StateAPI.GetState(ctx).Project(project).Execute()
			return resp, err
		}},
		{"searchHistory", appended.Seq, func() (*http.Response, error) {
			_, resp, err := client.HistoryAPI.SearchHistory(ctx).Project(project).Execute()
			return resp, err
		}},
		{"verifyChain", appended.Seq, func() (*http.Response, error) {
			_, resp, err := client.VerifyAPI.VerifyChain(ctx).Project(project).Execute()
			return resp, err
		}},
		{"exportFiles", appended.Seq, func() (*http.Response, error) {
			_, resp, err := client.FilesAPI.ExportFiles(ctx).Project(project).Execute()
			return resp, err
		}},
	}
	for _, r := range reads {
		sent = nil
		if resp, err := r.run(); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s at the session's numbers: %v %v", r.name, resp, err)
		}
		if want := []string{strconv.FormatInt(r.want, 10)}; !reflect.DeepEqual(sent, want) {
			t.Fatalf("%s carried %v, want %v", r.name, sent, want)
		}
	}

	session.Remember(base, project, devstate.SessionNumbers{Version: written.Version + 1, Seq: appended.Seq + 1})
	for _, r := range reads {
		resp, err := r.run()
		problem, ok := devstate.ProblemOf(err)
		if resp == nil || resp.StatusCode != http.StatusPreconditionFailed || !ok || problem.Status != 412 {
			t.Fatalf("%s one above the service's numbers: want 412, got %v %v", r.name, resp, err)
		}
	}
	session.Forget(base, project)
	if resp, err := reads[0].run(); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("getState after Forget: %v %v", resp, err)
	}
}

// recordingTransport calls record with each request as it leaves, then sends it.
type recordingTransport func(*http.Request)

func (f recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f(r)
	return http.DefaultTransport.RoundTrip(r)
}
