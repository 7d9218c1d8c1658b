// Live tests of the Go client (not published): they use the client and the offline verifier from
// this repository, through the replace directives below.
module github.com/devstate/devstate/clients/go/livetest

go 1.23

require (
	github.com/devstate/devstate/clients/go v0.0.0
	github.com/devstate/devstate/clients/go/verify v0.0.0
)

require github.com/gowebpki/jcs v1.0.1 // indirect

replace github.com/devstate/devstate/clients/go => ../

replace github.com/devstate/devstate/clients/go/verify => ../verify
