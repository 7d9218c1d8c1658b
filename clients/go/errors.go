// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.

package devstate

import (
	"encoding/json"
	"errors"
)

// ProblemOf returns the RFC 9457 problem document of an error DevState answered with
// (application/problem+json), for any status, declared in the contract or not:
//
//	_, _, err := client.LocksAPI.AcquireLock(ctx).AcquireLockRequest(req).Execute()
//	if problem, ok := devstate.ProblemOf(err); ok && problem.Status == 409 { ... problem.Holder ... }
func ProblemOf(err error) (*Problem, bool) {
	var apiErr *GenericOpenAPIError
	if !errors.As(err, &apiErr) {
		return nil, false
	}
	switch model := apiErr.Model().(type) {
	case Problem:
		return &model, true
	case *Problem:
		return model, true
	}
	var problem Problem
	if json.Unmarshal(apiErr.Body(), &problem) == nil && problem.Status != 0 {
		return &problem, true
	}
	return nil, false
}
