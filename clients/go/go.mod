module github.com/devstate/devstate/clients/go

go 1.23
