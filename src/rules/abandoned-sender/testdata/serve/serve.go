// Package serve holds servers that run Serve in a goroutine which reports its error on an unbuffered channel, and
// parents that leave without receiving it. When the leaving path stops that same server first (http.Server's
// Shutdown or Close, grpc.Server's Stop or GracefulStop), Serve returns what the stop makes it return
// (http.ErrServerClosed, or nil for grpc), and a send guarded against that value never happens.
package serve

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"

	"google.golang.org/grpc"
)

// Run stops the server before it leaves: ListenAndServe returns ErrServerClosed, which the guard does not send.
func Run(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

// RunCompare guards with a comparison and stops with Close.
func RunCompare(ctx context.Context, srv *http.Server, lis net.Listener) error {
	errCh := make(chan error)
	go func() {
		err := srv.Serve(lis)
		if err != http.ErrServerClosed {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		srv.Close()
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// RunDeferred stops the server in a deferred call, which runs on every way out.
func RunDeferred(ctx context.Context, srv *http.Server) error {
	defer srv.Close()
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServeTLS("cert.pem", "key.pem"); err != nil && err != http.ErrServerClosed {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// RunGRPC stops a gRPC server, whose Serve then returns nil.
func RunGRPC(ctx context.Context, gs *grpc.Server, lis net.Listener) error {
	errCh := make(chan error)
	go func() {
		if err := gs.Serve(lis); err != nil {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		gs.GracefulStop()
		return nil
	case err := <-errCh:
		return err
	}
}

// RunGRPCElse sends in the else branch of a test for nil.
func RunGRPCElse(ctx context.Context, gs *grpc.Server, lis net.Listener) error {
	errCh := make(chan error)
	go func() {
		if err := gs.Serve(lis); err == nil {
			log.Print("stopped")
		} else {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		gs.Stop()
		return nil
	case err := <-errCh:
		return err
	}
}

type app struct {
	srv *http.Server
}

// Run reaches the server through a field of the receiver, in the goroutine and on the leaving path alike.
func (a *app) Run(ctx context.Context) error {
	errCh := make(chan error)
	go func() {
		if err := a.srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		return a.srv.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

// Unconditional sends whatever ListenAndServe returns: after Shutdown that is ErrServerClosed, and nobody receives.
func Unconditional(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		errCh <- srv.ListenAndServe() // want abandoned-sender `.errCh <- srv.ListenAndServe\(\). blocks forever: this goroutine sends on errCh, which has no buffer, and Unconditional can return on .<-ctx.Done\(\). without receiving from errCh`
	}()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

// NilGuardHTTP sends every non-nil error, and ErrServerClosed is one.
func NilGuardHTTP(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); err != nil {
			errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and NilGuardHTTP can return on .<-ctx.Done\(\). without receiving from errCh`
		}
	}()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

// NoStop leaves without stopping the server: ListenAndServe goes on, and any error it returns later is not received.
func NoStop(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and NoStop can return on .<-ctx.Done\(\). without receiving from errCh`
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// OtherServer shuts down a different server than the one the goroutine serves.
func OtherServer(ctx context.Context, srv, admin *http.Server) error {
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and OtherServer can return on .<-ctx.Done\(\). without receiving from errCh`
		}
	}()
	select {
	case <-ctx.Done():
		return admin.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

// StopOnOtherPath stops the server only on the path that has received already.
func StopOnOtherPath(ctx context.Context, gs *grpc.Server, lis net.Listener) error {
	errCh := make(chan error)
	go func() {
		if err := gs.Serve(lis); err != nil {
			errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and StopOnOtherPath can leave on .<-ctx.Done\(\). without receiving from errCh`
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errCh:
		gs.Stop()
		return err
	}
}

// runServer serves on the server it is handed and reports a failure other than a stop.
func runServer(gs *grpc.Server, lis net.Listener, errCh chan<- error) {
	if err := gs.Serve(lis); err != nil {
		errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and RunNamedOther can return on .<-ctx.Done\(\). without receiving from errCh`
	}
}

// RunNamed starts a declared function with the server as an argument and stops the same server.
func RunNamed(ctx context.Context, gs *grpc.Server, lis net.Listener) error {
	errCh := make(chan error)
	go runServer(gs, lis, errCh)
	select {
	case <-ctx.Done():
		gs.Stop()
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// RunNamedOther stops another server than the one it hands the goroutine.
func RunNamedOther(ctx context.Context, gs, other *grpc.Server, lis net.Listener) error {
	errCh := make(chan error)
	go runServer(gs, lis, errCh)
	select {
	case <-ctx.Done():
		other.Stop()
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// RunDeferredLiteral shuts the server down in a deferred func literal.
func RunDeferredLiteral(ctx context.Context, srv *http.Server) error {
	defer func() {
		_ = srv.Shutdown(context.Background())
	}()
	errCh := make(chan error)
	go func() {
		err := srv.ListenAndServe()
		if errors.Is(err, http.ErrServerClosed) {
			return
		}
		errCh <- err
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errCh:
		return err
	}
}

// LogThenSend logs a stop and sends anyway: the send after the if runs whatever ListenAndServe returned.
func LogThenSend(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		err := srv.ListenAndServe()
		if errors.Is(err, http.ErrServerClosed) {
			log.Print("closed")
		}
		errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and LogThenSend can return on .<-ctx.Done\(\). without receiving from errCh`
	}()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	case err := <-errCh:
		return err
	}
}

type gateway struct {
	srv   *http.Server
	admin *http.Server
	done  chan struct{}
}

// stop tells the gateway's watchers it stops, and shuts its server down.
func (g *gateway) stop() error {
	close(g.done)
	return g.srv.Shutdown(context.Background())
}

// stopAdmin tells the gateway's watchers it stops, and shuts the admin server down.
func (g *gateway) stopAdmin() error {
	close(g.done)
	return g.admin.Shutdown(context.Background())
}

// Run stops its server through a method of its own that shuts down the same field (goleash follows such a method
// one level deep when it has an IR: here it closes a channel; a method that only calls Shutdown is not parsed).
func (g *gateway) Run(ctx context.Context) error {
	errCh := make(chan error)
	go func() {
		if err := g.srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		return g.stop()
	case err := <-errCh:
		return err
	}
}

// RunAdmin stops the admin server through its method, not the one the goroutine serves.
func (g *gateway) RunAdmin(ctx context.Context) error {
	errCh := make(chan error)
	go func() {
		if err := g.srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and gateway.RunAdmin can return on .<-ctx.Done\(\). without receiving from errCh`
		}
	}()
	select {
	case <-ctx.Done():
		return g.stopAdmin()
	case err := <-errCh:
		return err
	}
}

// shutdown closes the server, then signals done.
func shutdown(srv *http.Server, done chan<- struct{}) {
	_ = srv.Close()
	close(done)
}

// RunHelper closes the server in a helper it hands the server to.
func RunHelper(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			errCh <- err
		}
	}()
	select {
	case <-ctx.Done():
		done := make(chan struct{})
		shutdown(srv, done)
		<-done
		return nil
	case err := <-errCh:
		return err
	}
}
