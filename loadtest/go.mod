module devstate.local/loadtest

go 1.21
