module github.com/devstate/devstate/clients/go/verify

go 1.23

require github.com/gowebpki/jcs v1.0.1
