module example.com/servetest

go 1.21

require (
	github.com/stretchr/testify v0.0.0
	github.com/urfave/cli/v2 v2.0.0
	github.com/onsi/ginkgo/v2 v2.0.0
	google.golang.org/grpc v0.0.0
)

replace google.golang.org/grpc => ./grpcstub

replace github.com/onsi/ginkgo/v2 => ./ginkgostub

replace github.com/urfave/cli/v2 => ./clistub

replace github.com/stretchr/testify => ./testifystub
