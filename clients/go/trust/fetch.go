package trust

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net/http"

	devstate "github.com/devstate/devstate/clients/go"
)

// APIFetcher is the Fetcher of one project over the generated DevState client (its LogAPI). The
// bearer token, when reads need one, travels in the context as for every call of the client
// (devstate.ContextAccessToken).
type APIFetcher struct {
	client  *devstate.APIClient
	project string
}

// NewAPIFetcher fetches the checkpoints and proofs of project through client.
func NewAPIFetcher(client *devstate.APIClient, project string) *APIFetcher {
	return &APIFetcher{client: client, project: project}
}

// APIError is a failed request of an APIFetcher: no answer (Response nil), an error status, or an
// answer that is not what the contract says. It unwraps to the generated client's error.
type APIError struct {
	Request  string         // "GET /v1/devstate/log/…"
	Response *http.Response // nil when the server could not be reached
	Err      error
}

func (e *APIError) Error() string { return e.Request + ": " + e.Err.Error() }

func (e *APIError) Unwrap() error { return e.Err }

// Checkpoint is GET /v1/devstate/log/checkpoint?project=P: the latest signed note, as sent.
func (f *APIFetcher) Checkpoint(ctx context.Context) ([]byte, error) {
	text, resp, err := f.client.LogAPI.GetCheckpoint(ctx).Project(f.project).Execute()
	if err != nil {
		return nil, &APIError{Request: "GET /v1/devstate/log/checkpoint", Response: resp, Err: err}
	}
	return []byte(text), nil
}

// Consistency is GET /v1/devstate/log/proof/consistency?project=P&from=M&to=N. A 404 (M or N
// beyond the log) is ErrBeyondLog.
func (f *APIFetcher) Consistency(ctx context.Context, from, to uint64) ([][]byte, error) {
	const request = "GET /v1/devstate/log/proof/consistency"
	if from > math.MaxInt64 || to > math.MaxInt64 {
		return nil, fmt.Errorf("%s: size %d or %d is out of range", request, from, to)
	}
	p, resp, err := f.client.LogAPI.GetConsistencyProof(ctx).Project(f.project).From(int64(from)).To(int64(to)).Execute()
	if err != nil {
		apiErr := &APIError{Request: request, Response: resp, Err: err}
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return nil, fmt.Errorf("%w: %w", ErrBeyondLog, apiErr)
		}
		return nil, apiErr
	}
	if p.From != int64(from) || p.To != int64(to) {
		return nil, &APIError{Request: request, Response: resp,
			Err: fmt.Errorf("asked for the proof from %d to %d, the answer is from %d to %d", from, to, p.From, p.To)}
	}
	hashes := make([][]byte, len(p.Hashes))
	for i, h := range p.Hashes {
		if hashes[i], err = base64.StdEncoding.Strict().DecodeString(h); err != nil {
			return nil, &APIError{Request: request, Response: resp, Err: fmt.Errorf("hash %d is not standard base64: %v", i, err)}
		}
	}
	return hashes, nil
}

// Key is GET /v1/devstate/log/key?project=P: the origin and the note verifier key the server says
// it signs with. Trust it once (pin it), never on every call: a key taken from the server each time
// proves nothing about the server.
func (f *APIFetcher) Key(ctx context.Context) (origin, verifierKey string, err error) {
	k, resp, err := f.client.LogAPI.GetLogKey(ctx).Project(f.project).Execute()
	if err != nil {
		return "", "", &APIError{Request: "GET /v1/devstate/log/key", Response: resp, Err: err}
	}
	if k.Origin == "" || k.VerifierKey == "" {
		return "", "", &APIError{Request: "GET /v1/devstate/log/key", Response: resp, Err: errors.New("no origin or verifier_key in the answer")}
	}
	return k.Origin, k.VerifierKey, nil
}
