// The devstate command (docs/CLI.md): a static binary over the generated Go client, the offline
// verifier and the trusted head of this repository, used through the replace directives below.
module github.com/devstate/devstate/cli

go 1.25.0

require (
	github.com/devstate/devstate/clients/go v0.0.0
	github.com/devstate/devstate/clients/go/trust v0.0.0
	github.com/devstate/devstate/clients/go/verify v0.0.0
	github.com/gowebpki/jcs v1.0.1
	github.com/transparency-dev/formats v0.1.1
	github.com/transparency-dev/merkle v0.0.2
	golang.org/x/mod v0.36.0
)

replace github.com/devstate/devstate/clients/go => ../clients/go

replace github.com/devstate/devstate/clients/go/trust => ../clients/go/trust

replace github.com/devstate/devstate/clients/go/verify => ../clients/go/verify
