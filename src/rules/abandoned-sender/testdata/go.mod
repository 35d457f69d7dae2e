module example.com/servetest

go 1.21

require google.golang.org/grpc v0.0.0

replace google.golang.org/grpc => ./grpcstub
