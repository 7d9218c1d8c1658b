// The trusted head of a DevState project's transparency log (docs/CHAIN.md, "The log"): keeps the
// last verified checkpoint and accepts a newer one only with a consistency proof. Its own module so
// that the generated client (clients/go) stays dependency-free; hand-written, see
// ../.openapi-generator-ignore.
module github.com/devstate/devstate/clients/go/trust

go 1.25.0

require (
	github.com/devstate/devstate/clients/go v0.0.0
	github.com/transparency-dev/formats v0.1.1
	github.com/transparency-dev/merkle v0.0.2
	golang.org/x/mod v0.36.0
)

replace github.com/devstate/devstate/clients/go => ../
