// Package grpc is a stand-in for google.golang.org/grpc's Server, so the testdata vets offline: the same method
// names and signatures, none of the behaviour.
package grpc

import (
	"errors"
	"net"
)

// Server mirrors grpc.Server: Serve returns nil once Stop or GracefulStop was called.
type Server struct{ stopped bool }

// NewServer mirrors grpc.NewServer.
func NewServer() *Server { return &Server{} }

// Serve mirrors (*grpc.Server).Serve.
func (s *Server) Serve(lis net.Listener) error {
	if s.stopped {
		return nil
	}
	return errors.New("serve")
}

// Stop mirrors (*grpc.Server).Stop.
func (s *Server) Stop() { s.stopped = true }

// GracefulStop mirrors (*grpc.Server).GracefulStop.
func (s *Server) GracefulStop() { s.stopped = true }
