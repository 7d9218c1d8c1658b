module devstate.local/loadtest

go 1.23

require (
	github.com/devstate/devstate/clients/go v0.0.0
	github.com/devstate/devstate/clients/go/verify v0.0.0
)

require github.com/gowebpki/jcs v1.0.1 // indirect

// The verifier users check exports with signs the seeded chains (one canonical message, not two).
replace github.com/devstate/devstate/clients/go/verify => ../clients/go/verify

// fanout's subscribers are the shipped Go client's (APIClient.Subscribe), so its figure covers it.
replace github.com/devstate/devstate/clients/go => ../clients/go
